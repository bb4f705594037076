#!/usr/bin/env bash
# Renders every bundled sample at every depth offline and keeps what readers see, with run ids, timings and paths taken out,
# so two builds can be compared byte for byte (moving an analysis into the catalog must not change the public briefing):
# briefing.md, briefing.json, `analyze --json`, and the Discord messages of the delivered briefing (eng/briefing-embeds, built
# against the same build, reads the ComposeBriefing input from the run's history and builds the embeds).
#
# Usage:
#   eng/compare-briefings.sh render DIR          # build the CLI, then write DIR/<sample>.<depth>.{md,json,cli.json,discord}
#   eng/compare-briefings.sh diff BEFORE AFTER   # diff -r of two render folders; exit 1 on any difference
#
# Typical: render on the old commit, render on the new one, diff. Nothing is configured (no LLM, no evidence source), so
# the offline analyzers run and the output is deterministic. Set NO_BUILD=1 to use the CLI already built, or CLI_DLL to run
# another build of autointel.dll (a copy of the old one, say).
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
depths=(quick standard deep experimental)

# Run ids, times and the data folder's path differ per run; everything else must not.
normalize() {
  python3 - "$1" "$2" <<'PY'
import json, re, sys
path, data_dir = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read().replace(data_dir, "<data>")
volatile = {"runId", "instanceId", "createdAtUtc", "completedAtUtc", "updatedAtUtc", "durationMs", "startedAtUtc", "elapsedMs"}
def scrub(node):
    if isinstance(node, dict):
        return {k: ("<volatile>" if k in volatile else scrub(v)) for k, v in node.items()}
    if isinstance(node, list):
        return [scrub(v) for v in node]
    return node
if path.endswith(".json"):
    # Key order is part of the contract, so it is kept (json.loads keeps it); only values are scrubbed.
    text = json.dumps(scrub(json.loads(text)), ensure_ascii=False, indent=1) + "\n"
else:
    text = re.sub(r"\d+(\.\d+)? ?(ms|s)\b", "<t>", text)
    text = re.sub(r"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z?( UTC)?", "<time>", text)
    text = re.sub(r"\b[0-9a-f]{32}\b", "<id>", text)
    # The Discord footer names the three slowest stages, an order timings decide.
    text = re.sub(r"\((?:[a-z-]+ <t>(?:, )?)+\)", "(<slowest stages>)", text)
open(path, "w", encoding="utf-8").write(text)
PY
}

render() {
  local out=$1
  mkdir -p "$out"
  if [[ -z ${NO_BUILD:-} && -z ${CLI_DLL:-} ]]; then
    dotnet build src/AutoIntel.Cli -c Release -nologo -clp:ErrorsOnly
  fi
  local cli embeds
  cli=${CLI_DLL:-artifacts/bin/AutoIntel.Cli/release/autointel.dll}
  embeds=$(mktemp -d)
  dotnet build eng/briefing-embeds -c Release -nologo -clp:ErrorsOnly --no-incremental -p:AppDir="$(cd "$(dirname "$cli")" && pwd)" -o "$embeds" > /dev/null
  for sample in samples/*.*; do
    [[ -f $sample ]] || continue
    local name
    name=$(basename "$sample")
    for depth in "${depths[@]}"; do
      local data
      data=$(mktemp -d)
      # No LLM and no evidence source, whatever the caller's environment holds.
      env $(env | grep -oE '^[A-Za-z]+__[^=]*' | sed 's/^/-u /') \
        dotnet "$cli" --data-dir "$data" analyze "$sample" --depth "$depth" --json --out "$data/out" \
        > "$out/$name.$depth.cli.json" 2> "$data/stderr" \
        || { echo "analyze $name --depth $depth failed:"; cat "$data/stderr"; exit 1; }
      cp "$data/out/briefing.md" "$out/$name.$depth.md"
      cp "$data/out/briefing.json" "$out/$name.$depth.json"
      dotnet "$embeds/BriefingEmbeds.dll" "$data"/instances/*.jsonl > "$out/$name.$depth.discord"
      for f in "$out/$name.$depth".*; do normalize "$f" "$data"; done
      rm -rf "$data"
      echo "rendered $name at $depth"
    done
  done
  rm -rf "$embeds"
}

case ${1:-} in
  render) render "${2:?render DIR}" ;;
  diff) diff -r "${2:?diff BEFORE AFTER}" "${3:?diff BEFORE AFTER}" && echo "identical: $(ls "$2" | wc -l) files" ;;
  *) sed -n '2,13p' "$0"; exit 2 ;;
esac
