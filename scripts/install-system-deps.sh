#!/usr/bin/env bash
# Installs what the tests need beyond Python: LibreOffice (documents must open), poppler (PDF pages to PNG)
# and Chromium (browser tests of the portal). Debian packages; needs root. Idempotent and quiet when done.
set -euo pipefail
packages=()
command -v soffice   >/dev/null 2>&1 || packages+=(libreoffice-writer-nogui)
command -v pdftoppm  >/dev/null 2>&1 || packages+=(poppler-utils)
command -v chromium  >/dev/null 2>&1 || packages+=(chromium)
fc-list 2>/dev/null | grep -qi dejavu || packages+=(fonts-dejavu-core)
((${#packages[@]})) || exit 0
if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
  echo "install-system-deps: cannot install ${packages[*]} (needs root and apt-get); tests that need them will skip" >&2
  exit 0
fi
echo "install-system-deps: installing ${packages[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
