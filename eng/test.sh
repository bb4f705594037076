#!/usr/bin/env bash
# Builds and runs every test that runs on this machine (AutoIntel.Local.slnf), installing whatever the tests need first.
# Usage: eng/test.sh [extra dotnet test args]
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Test prerequisites are installed and started here, never by hand (see tests/README.md).
source eng/test-prereqs.sh

dotnet build AutoIntel.Local.slnf -c Release -nologo -clp:ErrorsOnly

log=$(mktemp)
set +e
dotnet test AutoIntel.Local.slnf -c Release --no-build -nologo --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log" | grep -E "^(Passed!|Failed!|  Failed |Test Run|Total tests|error)|\[FAIL\]|Error Message" 
status=${PIPESTATUS[0]}
set -e

# One closing line for CI, summed over the test projects' own summaries.
grep -E "^(Passed!|Failed!) " "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\1 \2 \3/' \
  | awk '{f+=$1; p+=$2; s+=$3; n++} END {if (n==0) {print "no test summary found"; exit 1} printf "Total: %d passed, %d failed, %d skipped\n", p, f, s}'
rm -f "$log"
exit "$status"
