#!/usr/bin/env bash
# Installs the Debian packages OneWindow needs (Qt's runtime libraries, the CJK font, poppler,
# zbar, Xvfb, PostgreSQL) when this user may use apt; otherwise names the missing ones.
# Usage: scripts/system-packages.sh [run|build|test]   (build adds what `make bundle`/`make deb`
# need; test adds that and what only the test suite needs)
set -euo pipefail
purpose=${1:-test}

packages=(
  # Qt offscreen and under a real X display (platform-notes.md)
  libegl1 libgl1 libxkbcommon0 libfontconfig1 libfreetype6 libx11-6 libglib2.0-0 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0 libxcb-render-util0
  libxcb-shape0 libxcb-xfixes0 libxcb-xkb1 libxcb-sync1 libxcb-shm0 libxcb-util1 libx11-xcb1
  libxkbcommon-x11-0 libcups2
  # the receipt font on the system too (the client ships its own copy in resources/fonts)
  fonts-wqy-microhei
  # rare characters (生僻字, CJK Extension A/B and beyond) on papers: 53 MB, so installed here
  # rather than kept in the repository (onewindow/papers/fonts.py looks for them)
  fonts-hanazono
)
if [ "$purpose" = build ] || [ "$purpose" = test ]; then
  # PyInstaller reads the libraries' dependencies with objdump; dpkg-deb packs the .deb
  packages+=(binutils dpkg)
fi
if [ "$purpose" = test ]; then
  # x11-utils: xwininfo finds the installed client's window under Xvfb (tests/installer)
  packages+=(poppler-utils poppler-data zbar-tools xvfb xauth x11-utils postgresql)
  packages+=(openbox xdotool imagemagick)  # the real-window clerk's day (tests/ui/test_clerk_day.py)
fi
python3 -c 'import ensurepip' 2>/dev/null || packages+=(python3-venv)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  echo "installing system packages: ${missing[*]}"
  sudo DEBIAN_FRONTEND=noninteractive apt-get update -qq
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Missing Debian packages; install them as root, then run again:" >&2
  echo "  apt-get install --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
