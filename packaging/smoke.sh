#!/usr/bin/env bash
# Check a built bundle the way a documenter would first use it, with no Python around:
# `tawthiq demo` (headless, on a temporary database, printing a PDF),
# `tawthiq gui --screenshot` (the Arabic window, offscreen), and the demo's database then
# encrypted (`protect`: SQLCipher and the recovery words' list inside the bundle), verified
# and listed with its passphrase; the PostgreSQL driver answering for a server out of reach.
# Prints the cold-start times.
#
#   bash packaging/smoke.sh [BUNDLE_FOLDER] [SCREENSHOT.png]   (default: dist/tawthiq)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
BUNDLE="$(cd "${1:-$HERE/../dist/tawthiq}" && pwd)"
SHOT="${2:-$(mktemp -d)/bundle-window-ar.png}"
HOME_DIR="$(mktemp -d)"
trap 'rm -rf "$HOME_DIR"' EXIT

# A bare environment: no Python on PATH, no virtualenv, a fresh home and data folder; the
# PostgreSQL driver held to its compiled implementation with the bundle's libpq (without
# it, psycopg would quietly use a libpq the build machine happens to have).
run() {
  env -i HOME="$HOME_DIR" PATH=/nonexistent LANG=C.UTF-8 TAWTHIQ_DATA_DIR="${DATA:-$HOME_DIR/data}" \
    QT_QPA_PLATFORM=offscreen PSYCOPG_IMPL=binary "$BUNDLE/tawthiq" "$@"
}
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
fail() { echo "smoke: $*" >&2; exit 1; }

t=$(date +%s%N); version=$(run --version); t_version=$(ms "$t")
[ "$version" = "tawthiq $(grep -m1 '^version' "$HERE/../pyproject.toml" | cut -d'"' -f2)" ] ||
  fail "--version printed '$version'"

t=$(date +%s%N); demo=$(run demo) || fail "tawthiq demo failed:"$'\n'"$demo"; t_demo=$(ms "$t")
grep -q "^6. verify: ok" <<<"$demo" || fail "the demo's database did not verify:"$'\n'"$demo"
pdf=$(sed -n 's/^7\. printed its bilingual report: \(.*\.pdf\) (.*/\1/p' <<<"$demo")
[ -s "$pdf" ] || fail "the demo printed no PDF:"$'\n'"$demo"
text=$(pdftotext -enc UTF-8 "$pdf" - | python3 -c 'import sys,unicodedata;print(unicodedata.normalize("NFKC",sys.stdin.read()))')
for words in "مخيم مرام" "Maram" "إدلب"; do
  grep -q "$words" <<<"$text" || fail "the demo's PDF lacks '$words'"
done
pdffonts "$pdf" | grep -q Amiri || fail "the demo's PDF does not embed Amiri"
rm -rf "$(dirname "$pdf")"

t=$(date +%s%N)
run gui --screenshot "$SHOT" --lang ar >/dev/null 2>"$HOME_DIR/gui.err" ||
  fail "gui --screenshot failed: $(cat "$HOME_DIR/gui.err")"
t_gui=$(ms "$t")
if grep -E "not found|missing|Error" "$HOME_DIR/gui.err"; then
  fail "the window could not find some of what it ships (above)"
fi
python3 - "$SHOT" <<'PY' || fail "the screenshot is not a window-sized PNG"
import struct, sys
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000, len(data)
w, h = struct.unpack(">II", data[16:24])
assert w >= 1000 and h >= 600, (w, h)
PY

# An encrypted database, on a laptop of its own (its keys sealed with the passphrase).
enc="$HOME_DIR/encrypted"
mkdir -p "$enc"
printf '%s\n' "smoke test passphrase" >"$enc/passphrase"
printf '%s\n' "not the passphrase" >"$enc/wrong"
export DATA="$enc/laptop"
t=$(date +%s%N)
out=$(run demo --db "$enc/d.db") || fail "tawthiq demo --db failed:"$'\n'"$out"
out=$(run protect --db "$enc/d.db" --passphrase-file "$enc/passphrase" </dev/null) ||
  fail "tawthiq protect failed:"$'\n'"$out"
sed -nE 's/^  (([a-z]+ ){11}[a-z]+)$/\1/p' <<<"$out" >"$enc/recovery"
[ -s "$enc/recovery" ] || fail "protect printed no twelve recovery words:"$'\n'"$out"
[ "$(head -c 15 "$enc/d.db")" != "SQLite format 3" ] || fail "protect left the database plain"
if grep -a -l -e Maram -e "مرام" "$enc"/d.db* "$DATA"/*; then
  fail "the report's words are readable in the files above"
fi
out=$(run verify --db "$enc/d.db" --passphrase-file "$enc/passphrase") ||
  fail "verify of the encrypted database failed:"$'\n'"$out"
grep -q "^ok: 67 events" <<<"$out" || fail "the encrypted database did not verify:"$'\n'"$out"
out=$(run list --db "$enc/d.db" --passphrase-file "$enc/passphrase") ||
  fail "list of the encrypted database failed:"$'\n'"$out"
grep -q "مخيم مرام" <<<"$out" || fail "list of the encrypted database lacks the incident:"$'\n'"$out"
printf '%s\n' "a new smoke passphrase" >"$enc/new"
out=$(run passphrase --db "$enc/d.db" --recovery-file "$enc/recovery" --new-passphrase-file "$enc/new" 2>&1) ||
  fail "the recovery words did not set a new passphrase:"$'\n'"$out"
run list --db "$enc/d.db" --passphrase-file "$enc/new" | grep -q "مخيم مرام" ||
  fail "the new passphrase does not open the database"
t_enc=$(ms "$t")
code=0
run list --db "$enc/d.db" --passphrase-file "$enc/wrong" >/dev/null 2>"$enc/wrong.err" || code=$?
[ "$code" = 2 ] && [ "$(wc -l <"$enc/wrong.err")" = 1 ] ||
  fail "a wrong passphrase gave exit $code and:"$'\n'"$(cat "$enc/wrong.err")"
unset DATA

# The team server's driver (psycopg, its libpq inside the bundle), with no server needed: a
# server that cannot be reached is one sentence from libpq's own answer, exit 3 (try again),
# never a missing module, a traceback or the password.
code=0
run list --db "postgresql://tawthiq:smoke-secret@127.0.0.1:1/x" >/dev/null 2>"$HOME_DIR/pg.err" ||
  code=$?
[ "$code" = 3 ] && [ "$(wc -l <"$HOME_DIR/pg.err")" = 1 ] &&
  grep -q "^tawthiq: cannot reach the server postgresql://tawthiq:\*\*\*@127.0.0.1:1/x (.*refused" \
    "$HOME_DIR/pg.err" && ! grep -q smoke-secret "$HOME_DIR/pg.err" ||
  fail "an unreachable PostgreSQL server gave exit $code and:"$'\n'"$(cat "$HOME_DIR/pg.err")"

for notice in LICENSE licenses/LGPL-3.0.txt licenses/PostgreSQL.txt licenses/python/LICENSE.txt; do
  [ -s "$BUNDLE/_internal/$notice" ] || fail "the bundle lacks $notice"
done
size=$(du -sm "$BUNDLE" | cut -f1)
echo "bundle ok: $BUNDLE, ${size} MB; cold start: --version ${t_version} ms, demo ${t_demo} ms, window screenshot ${t_gui} ms, encrypted demo (demo, protect, verify, list, passphrase from the recovery words, list) ${t_enc} ms; screenshot: $SHOT"
