#!/usr/bin/env bash
# Put a Tawthiq bundle in this user's desktop menu (no administrator needed):
#   ~/.local/opt/tawthiq/            the bundle
#   ~/.local/bin/tawthiq             the command
#   ~/.local/share/applications/     the menu entry
#   ~/.local/share/icons/hicolor/    the icons
#   ~/.local/share/metainfo/         the AppStream description
#
#   bash install-linux.sh                 from inside a bundle folder (it ships there), or
#   bash packaging/install-linux.sh [BUNDLE_FOLDER]     (default: dist/tawthiq)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
if [ $# -ge 1 ]; then
  WANTED="$1"
elif [ -x "$HERE/tawthiq" ] && [ -d "$HERE/_internal" ]; then
  WANTED="$HERE"
else
  WANTED="$HERE/../dist/tawthiq"
fi
if [ ! -d "$WANTED" ]; then
  echo "install-linux: there is no folder $WANTED (build a bundle with packaging/build.sh)" >&2
  exit 2
fi
BUNDLE="$(cd "$WANTED" && pwd)"
PREFIX="${PREFIX:-$HOME/.local}"
ICONS="$BUNDLE/_internal/tawthiq/resources/icons"
if [ ! -x "$BUNDLE/tawthiq" ] || [ ! -d "$ICONS" ]; then
  echo "install-linux: $BUNDLE is not a Tawthiq bundle (build one with packaging/build.sh)" >&2
  exit 2
fi
mkdir -p "$PREFIX/opt" "$PREFIX/bin" "$PREFIX/share/applications" "$PREFIX/share/metainfo"
if [ "$BUNDLE" != "$PREFIX/opt/tawthiq" ]; then
  rm -rf "$PREFIX/opt/tawthiq.new"
  cp -a "$BUNDLE" "$PREFIX/opt/tawthiq.new"
  rm -rf "$PREFIX/opt/tawthiq" && mv "$PREFIX/opt/tawthiq.new" "$PREFIX/opt/tawthiq"
fi
ln -sf "$PREFIX/opt/tawthiq/tawthiq" "$PREFIX/bin/tawthiq"
# the desktop entry's Exec quotes the path: a home folder may hold spaces
exe="$PREFIX/bin/tawthiq"
quoted="\"${exe//\"/\\\\\"}\""
while IFS= read -r line; do
  case "$line" in
    Exec=tawthiq*) printf 'Exec=%s%s\n' "$quoted" "${line#Exec=tawthiq}" ;;
    TryExec=tawthiq) printf 'TryExec=%s\n' "$exe" ;;
    *) printf '%s\n' "$line" ;;
  esac
done < "$HERE/org.tawthiq.Tawthiq.desktop" > "$PREFIX/share/applications/org.tawthiq.Tawthiq.desktop"
cp "$HERE/org.tawthiq.Tawthiq.metainfo.xml" "$PREFIX/share/metainfo/"
for size in 16 24 32 48 64 128 256 512; do
  dir="$PREFIX/share/icons/hicolor/${size}x${size}/apps"
  mkdir -p "$dir" && cp "$ICONS/tawthiq-$size.png" "$dir/org.tawthiq.Tawthiq.png"
done
mkdir -p "$PREFIX/share/icons/hicolor/scalable/apps"
cp "$ICONS/tawthiq.svg" "$PREFIX/share/icons/hicolor/scalable/apps/org.tawthiq.Tawthiq.svg"
echo "installed: pick Tawthiq (توثيق) from the applications menu, or run $exe"
