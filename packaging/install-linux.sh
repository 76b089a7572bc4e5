#!/usr/bin/env bash
# Put a built bundle (dist/tawthiq/) where a Linux desktop finds it, for this user only:
#   ~/.local/opt/tawthiq/            the bundle
#   ~/.local/bin/tawthiq             the command
#   ~/.local/share/applications/     the menu entry
#   ~/.local/share/icons/hicolor/    the icons
#   ~/.local/share/metainfo/         the AppStream description
#
#   bash packaging/install-linux.sh [BUNDLE_FOLDER]     (default: dist/tawthiq)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
BUNDLE="$(cd "${1:-$HERE/../dist/tawthiq}" && pwd)"
PREFIX="${PREFIX:-$HOME/.local}"
ICONS="$BUNDLE/_internal/tawthiq/resources/icons"
if [ ! -x "$BUNDLE/tawthiq" ] || [ ! -d "$ICONS" ]; then
  echo "install-linux: $BUNDLE is not a Tawthiq bundle (build one with packaging/build.sh)" >&2
  exit 2
fi
mkdir -p "$PREFIX/opt" "$PREFIX/bin" "$PREFIX/share/applications" "$PREFIX/share/metainfo"
rm -rf "$PREFIX/opt/tawthiq.new"
cp -a "$BUNDLE" "$PREFIX/opt/tawthiq.new"
rm -rf "$PREFIX/opt/tawthiq" && mv "$PREFIX/opt/tawthiq.new" "$PREFIX/opt/tawthiq"
ln -sf "$PREFIX/opt/tawthiq/tawthiq" "$PREFIX/bin/tawthiq"
sed "s|^Exec=tawthiq|Exec=$PREFIX/bin/tawthiq|; s|^TryExec=tawthiq|TryExec=$PREFIX/bin/tawthiq|" \
  "$HERE/org.tawthiq.Tawthiq.desktop" > "$PREFIX/share/applications/org.tawthiq.Tawthiq.desktop"
cp "$HERE/org.tawthiq.Tawthiq.metainfo.xml" "$PREFIX/share/metainfo/"
for size in 16 24 32 48 64 128 256 512; do
  dir="$PREFIX/share/icons/hicolor/${size}x${size}/apps"
  mkdir -p "$dir" && cp "$ICONS/tawthiq-$size.png" "$dir/org.tawthiq.Tawthiq.png"
done
mkdir -p "$PREFIX/share/icons/hicolor/scalable/apps"
cp "$ICONS/tawthiq.svg" "$PREFIX/share/icons/hicolor/scalable/apps/org.tawthiq.Tawthiq.svg"
echo "installed: run \`tawthiq\` (with $PREFIX/bin on PATH) or pick Tawthiq from the menu"
