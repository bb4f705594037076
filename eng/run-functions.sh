#!/usr/bin/env bash
# Runs the Azure Functions app (src/AutoIntel.Functions) on this machine: Azurite on its default ports 10000-10002, then
# `func start` in the project's build output, where the Worker SDK's own `dotnet run` starts it too (docs/functions.md).
# Usage: eng/run-functions.sh [extra `func start` arguments, e.g. --port 7072 --verbose]
# Exit codes: 2 the .NET SDK or Node.js is missing; 3 Azure Functions Core Tools v4 is missing; 4 Azurite did not start;
# otherwise the host's own (0 after Ctrl+C).
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

readonly project=src/AutoIntel.Functions
readonly azurite_data=.azurite   # git-ignored: blobs, queues and tables of the local task hub survive restarts
readonly azurite_ports=(10000 10001 10002)

core_tools_help() {
  # The Microsoft package feed for this distribution (Debian and Ubuntu publish one per release).
  local os_id=debian os_version=12
  if [[ -r /etc/os-release ]]; then
    os_id=$(. /etc/os-release && echo "$ID")
    os_version=$(. /etc/os-release && echo "$VERSION_ID")
  fi
  cat >&2 <<EOF
Install Azure Functions Core Tools v4, then run eng/run-functions.sh again. Any one of:
  npm (any OS; downloads the Functions host from Microsoft's CDN, so it needs internet access):
      npm i -g azure-functions-core-tools@4 --unsafe-perm true
  Debian/Ubuntu, from the Microsoft package feed:
      wget -q https://packages.microsoft.com/config/${os_id}/${os_version}/packages-microsoft-prod.deb
      sudo dpkg -i packages-microsoft-prod.deb && sudo apt-get update && sudo apt-get install azure-functions-core-tools-4
  macOS:
      brew tap azure/functions && brew install azure-functions-core-tools@4
  Others: https://learn.microsoft.com/azure/azure-functions/functions-run-local#install-the-azure-functions-core-tools
EOF
}

# Everything is checked before anything starts.
if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET SDK is not installed (see global.json for the version): https://dot.net/download" >&2
  exit 2
fi
if ! command -v func >/dev/null 2>&1; then
  echo "error: Azure Functions Core Tools ('func') is not on PATH." >&2
  core_tools_help
  exit 3
fi
func_version=$(func --version 2>/dev/null || true)
if [[ $func_version != 4.* ]]; then
  echo "error: $(command -v func) reports version '${func_version}'; Azure Functions Core Tools v4 is needed." >&2
  core_tools_help
  exit 3
fi
source eng/azurite-install.sh

if [[ ! -f local.settings.json ]]; then
  cp local.settings.sample.json local.settings.json
  echo "Created local.settings.json from local.settings.sample.json (git-ignored): put your Discord and LLM settings there."
fi

# Built before Azurite starts, so no long-lived MSBuild node inherits Azurite's lifeline below. The csproj copies host.json and
# local.settings.json (both at the repository root) into the output, which is the folder the host runs in.
echo "Building $project..."
dotnet build "$project" -c Debug -nologo -clp:ErrorsOnly
output=$(dotnet msbuild "$project" -nologo -getProperty:OutDir -p:Configuration=Debug)
[[ $output = /* ]] || output="$project/$output"

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

azurite_pid=""
stop_azurite() {
  if [[ -n $azurite_pid ]]; then
    # Closing the lifeline ends Azurite (exit-with-parent.js); until then its open stdin would keep it alive after SIGTERM.
    exec 9>&-
    kill "$azurite_pid" 2>/dev/null || true
    wait "$azurite_pid" 2>/dev/null || true
  fi
}

open_ports=0
for port in "${azurite_ports[@]}"; do
  if port_open "$port"; then open_ports=$((open_ports + 1)); fi
done
if ((open_ports == ${#azurite_ports[@]})); then
  echo "Something already listens on ports ${azurite_ports[*]}: using it as the storage emulator (it is left running on exit)."
elif ((open_ports > 0)); then
  echo "error: some of ports ${azurite_ports[*]} are taken, but not all: stop whatever holds them (ss -ltnp) and run again." >&2
  exit 4
else
  mkdir -p "$azurite_data"
  trap stop_azurite EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  # Azurite reads its stdin from a pipe this script holds open (eng/azurite/exit-with-parent.js): if the script dies, even by
  # SIGKILL, the pipe closes and Azurite exits instead of holding the ports.
  lifeline="$azurite_data/lifeline"
  rm -f "$lifeline" && mkfifo "$lifeline"
  # --skipApiVersionCheck: the Functions host's storage SDKs may ask for a newer REST API version than this Azurite knows.
  node --require ./eng/azurite/exit-with-parent.js eng/azurite/node_modules/azurite/dist/src/azurite.js \
    --location "$azurite_data" --skipApiVersionCheck --disableTelemetry \
    --blobHost 127.0.0.1 --blobPort 10000 --queueHost 127.0.0.1 --queuePort 10001 --tableHost 127.0.0.1 --tablePort 10002 \
    <"$lifeline" >"$azurite_data/azurite.log" 2>&1 &
  azurite_pid=$!
  exec 9>"$lifeline"
  rm -f "$lifeline"

  echo "Starting Azurite on ports ${azurite_ports[*]} (data in $azurite_data/, log in $azurite_data/azurite.log)..."
  for _ in $(seq 1 120); do
    ready=1
    for port in "${azurite_ports[@]}"; do port_open "$port" || ready=0; done
    ((ready)) && break
    if ! kill -0 "$azurite_pid" 2>/dev/null; then
      echo "error: Azurite exited while starting; its log ($azurite_data/azurite.log) ends with:" >&2
      tail -n 20 "$azurite_data/azurite.log" >&2
      exit 4
    fi
    sleep 0.25
  done
  if ((!ready)); then
    echo "error: Azurite did not open ports ${azurite_ports[*]} within 30 s; see $azurite_data/azurite.log." >&2
    exit 4
  fi
fi

echo "Starting the Functions host in $output (http://localhost:7071/api/health; Ctrl+C stops it and Azurite)..."
cd "$output"
# fd 9 (Azurite's lifeline) is closed for the host, so only this script keeps Azurite alive.
func start "$@" 9>&-
