#!/usr/bin/env bash
# Runs `autointel analyze INPUT --json` on a fresh data folder under /usr/bin/time -v and samples the process's RSS once a second
# from /proc (VmRSS, RssAnon, RssFile in KiB), with how far the run is (transcript stored, chunks stored, stage outputs stored)
# and the 1-minute load average. Used for docs/benchmarks.md ("Whole run on a 20 MiB SRT").
# Usage: eng/measure-run-rss.sh OUT_DIR INPUT [extra analyze args]   (CLI=path/to/autointel to measure another build)
set -uo pipefail
out=$1; input=$2; shift 2
cli=${CLI:-artifacts/bin/AutoIntel.Cli/release/autointel}
data="$out/data"; rm -rf "$data"; mkdir -p "$data"
echo "start $(date -u +%FT%TZ) $(uptime)" > "$out/info"
/usr/bin/time -v "$cli" --data-dir "$data" analyze "$input" --json "$@" > "$out/result.json" 2> "$out/time.txt" &
timer=$!
sleep 0.3
pid=$(pgrep -P "$timer" | head -1)
: > "$out/rss.log"
t=0
while kill -0 "$timer" 2>/dev/null; do
  if [ -r "/proc/$pid/status" ]; then
    rss=$(awk '/VmRSS/{r=$2}/RssAnon/{a=$2}/RssFile/{f=$2}END{print r, a, f}' "/proc/$pid/status")
    runs="$data/artifacts/runs"
    transcript=$(ls $runs/*/transcript.json 2>/dev/null | wc -l)
    chunks=$(ls $runs/*/chunks 2>/dev/null | wc -l)
    stages=$(ls $runs/*/stages 2>/dev/null | tr '\n' ' ')
    echo "$t $rss transcript=$transcript chunks=$chunks stages=[$stages] load=$(cut -d' ' -f1 /proc/loadavg)" >> "$out/rss.log"
  fi
  sleep 1; t=$((t+1))
done
wait "$timer"
echo "end $(date -u +%FT%TZ) $(uptime)" >> "$out/info"
grep -E "Maximum resident|Elapsed|Exit status" "$out/time.txt" >> "$out/info"
cat "$out/info"
