# Sourced by eng/test.sh: installs what the tests need. Idempotent, and quick when nothing changed.
# Services the tests use (Azurite, fake Discord, OpenAI-compatible and HTTP servers) are started by the tests themselves on 127.0.0.1.
if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET SDK is not installed (see global.json for the version)." >&2
  exit 2
fi
dotnet restore AutoIntel.Local.slnf -nologo --verbosity quiet

# Azurite (Azure Storage emulator), pinned by eng/azurite/package-lock.json and installed into eng/azurite/node_modules (git-ignored).
# The stamp is a copy of the lock file the install came from, so a version bump reinstalls and an unchanged lock skips npm entirely.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "error: Node.js and npm are needed for Azurite (the Azure Blob tests); install Node.js 20 or later." >&2
  exit 2
fi
if ! cmp -s eng/azurite/package-lock.json eng/azurite/node_modules/.autointel-installed-lock 2>/dev/null; then
  echo "Installing Azurite (eng/azurite, npm ci)..."
  # --ignore-scripts: Azurite needs no install scripts; --loglevel=error hides the engines notice (Azurite 3.37 asks for Node 22, runs on 20).
  (cd eng/azurite && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
  cp eng/azurite/package-lock.json eng/azurite/node_modules/.autointel-installed-lock
fi
