#!/usr/bin/env bash
# Build Tawthiq's one-folder bundle for this machine: dist/tawthiq/ (run dist/tawthiq/tawthiq).
#
#   bash packaging/build.sh
#
# Makes a build environment in build/bundle/venv, installs Tawthiq into it the way a user's
# pip would (not editable, so the Babel catalogs are compiled and only package data ships),
# then runs PyInstaller with packaging/tawthiq.spec. Needs python3 (3.11+) with venv, and the
# package registries at build time; the bundle needs neither.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="${TAWTHIQ_BUILD_DIR:-$ROOT/build/bundle}"
DIST="${TAWTHIQ_DIST_DIR:-$ROOT/dist}"
PYTHON="${PYTHON:-python3}"

start=$(date +%s)
rm -rf "$ROOT/build/lib" "$ROOT"/build/bdist.*  # setuptools' leftovers would ship stale files
"$PYTHON" -m venv "$BUILD/venv"
log="$BUILD/pip.log"
mkdir -p "$BUILD"
if ! { "$BUILD/venv/bin/pip" install -q --upgrade pip &&
       "$BUILD/venv/bin/pip" install -q -c "$ROOT/packaging/constraints.txt" "$ROOT[package]"
     } >"$log" 2>&1; then
  cat "$log" >&2
  echo "build: installing Tawthiq into the build environment failed (above)" >&2
  exit 1
fi
cd "$BUILD"  # so nothing is imported from the source tree by accident
"$BUILD/venv/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --distpath "$DIST" --workpath "$BUILD/work" "$ROOT/packaging/tawthiq.spec"
"$PYTHON" "$ROOT/packaging/notices.py" "$DIST/tawthiq"  # the system libraries' licences
# what a documenter needs beside the program to put it in the desktop's menu
cp "$ROOT/packaging/install-linux.sh" "$ROOT/packaging/org.tawthiq.Tawthiq.desktop" \
  "$ROOT/packaging/org.tawthiq.Tawthiq.metainfo.xml" "$DIST/tawthiq/"
size=$(du -sm "$DIST/tawthiq" | cut -f1)
echo "built $DIST/tawthiq in $(( $(date +%s) - start )) s: ${size} MB"
