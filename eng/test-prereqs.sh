# Sourced by eng/test.sh: installs what the tests need. Idempotent, and quick when nothing changed.
# Services the tests use (Azurite, fake Discord, OpenAI-compatible and HTTP servers) are started by the tests themselves on 127.0.0.1.
if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET SDK is not installed (see global.json for the version)." >&2
  exit 2
fi
dotnet restore AutoIntel.Local.slnf -nologo --verbosity quiet

# Azurite (Azure Storage emulator) for the Azure Blob and Durable tests.
source eng/azurite-install.sh

# yt-dlp (and the ffmpeg it recommends) for the video-link tests, which run the real tool against loopback pages.
if ! command -v yt-dlp >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
    echo "installing yt-dlp (apt-get)..." >&2
    (apt-get install -y yt-dlp >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y yt-dlp >/dev/null 2>&1; }) \
      || echo "warning: could not install yt-dlp; the video-link tests will fail (install it: apt-get install yt-dlp)." >&2
  else
    echo "warning: yt-dlp is not on PATH; the video-link tests will fail (install it: apt-get install yt-dlp, or pipx install yt-dlp)." >&2
  fi
fi
