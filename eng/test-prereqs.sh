# Sourced by eng/test.sh: installs and starts what the tests need. Idempotent.
# Today the suite needs only the .NET SDK (global.json) and the NuGet packages it restores;
# services the tests use (fake Discord, OpenAI-compatible and HTTP servers) are started by the tests themselves on 127.0.0.1.
if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET SDK is not installed (see global.json for the version)." >&2
  exit 2
fi
dotnet restore AutoIntel.Local.slnf -nologo --verbosity quiet
