# Sourced by eng/test.sh: installs what the tests need. Idempotent, and quick when nothing changed.
# Services the tests use (Azurite, fake Discord, OpenAI-compatible and HTTP servers) are started by the tests themselves on 127.0.0.1.
if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET SDK is not installed (see global.json for the version)." >&2
  exit 2
fi
dotnet restore AutoIntel.Local.slnf -nologo --verbosity quiet

# Azurite (Azure Storage emulator) for the Azure Blob and Durable tests.
source eng/azurite-install.sh
