#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed (/usr/bin/chromium); Playwright drives it
# through its executablePath, so no browser is downloaded.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
echo "[chromium] installing Debian's chromium package" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y --no-install-recommends chromium >/dev/null ||
  { $sudo apt-get update >/dev/null && $sudo apt-get install -y --no-install-recommends chromium >/dev/null; }
/usr/bin/chromium --version >&2
