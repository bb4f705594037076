# Sourced by eng/test-prereqs.sh and eng/run-functions.sh: installs Azurite (the Azure Storage emulator) into
# eng/azurite/node_modules (git-ignored), pinned by eng/azurite/package-lock.json. Idempotent, and quick when nothing changed:
# the stamp is a copy of the lock file the install came from, so a version bump reinstalls and an unchanged lock skips npm.
# Expects the repository root as the working directory.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "error: Node.js and npm are needed for Azurite (the Azure Storage emulator); install Node.js 20 or later (https://nodejs.org, or apt-get install nodejs npm)." >&2
  exit 2
fi
if ! cmp -s eng/azurite/package-lock.json eng/azurite/node_modules/.autointel-installed-lock 2>/dev/null; then
  echo "Installing Azurite (eng/azurite, npm ci)..."
  # --ignore-scripts: Azurite needs no install scripts; --loglevel=error hides the engines notice (Azurite 3.37 asks for Node 22, runs on 20).
  (cd eng/azurite && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
  cp eng/azurite/package-lock.json eng/azurite/node_modules/.autointel-installed-lock
fi
