#!/usr/bin/env bash
# Prints a handout of the bundled seeds (with the answer key) in headless
# Chromium, turns the PDF's pages into greyscale PNGs for a person to look at,
# and checks what can be checked mechanically:
#   - every source and the answer key start on a page of their own;
#   - the marks' letter tags ([L1], [A3], ...) survive into the printed text;
#   - the page loads nothing from the network (Chromium runs with networking off).
# Skips (exit 0, with a message) when Chromium or poppler-utils are not installed,
# so CI without a browser passes; set REQUIRE_BROWSER=1 to make that a failure.
#
#   scripts/check_handout_print.sh [OUTPUT_DIR]      (default: target/handout-check)
#
# Debian: apt-get install chromium poppler-utils
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-target/handout-check}"

browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
missing=""
[ -n "$browser" ] || missing="chromium"
for tool in pdftoppm pdftotext pdfinfo; do
    command -v "$tool" >/dev/null || missing="$missing $tool"
done
if [ -n "$missing" ]; then
    echo "check_handout_print: skipped, not installed:$missing (Debian: chromium poppler-utils)"
    [ "${REQUIRE_BROWSER:-0}" = 1 ] && exit 1
    exit 0
fi

mkdir -p "$out"
out="$(cd "$out" && pwd)"
rm -f "$out"/page-*.png "$out"/handout.pdf
cargo run --quiet -- export --format html --key --title "Print check: five sources" seeds/*.txt >"$out/handout.html"

profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
"$browser" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --user-data-dir="$profile" --no-pdf-header-footer \
    --print-to-pdf="$out/handout.pdf" "file://$out/handout.html" 2>"$out/chromium.log"
[ -s "$out/handout.pdf" ] || { echo "check_handout_print: Chromium wrote no PDF (see $out/chromium.log)"; exit 1; }

pages="$(pdfinfo "$out/handout.pdf" | awk '/^Pages:/ {print $2}')"
pdftoppm -gray -r 60 -png "$out/handout.pdf" "$out/page"

fail=0
# The first words on a page: what starts it.
page_start() { pdftotext -layout -f "$1" -l "$1" "$out/handout.pdf" - | grep -m1 -v '^[[:space:]]*$' | sed 's/^ *//'; }
starts=""
for p in $(seq 1 "$pages"); do
    starts="$starts$(page_start "$p")"$'\n'
done
sources="$(ls seeds/*.txt | wc -l)"
for k in $(seq 2 "$sources"); do
    # Each source's header ("SOURCE k OF n", upper-cased by the style) opens a page.
    if ! grep -qi "^source $k of $sources" <<<"$starts"; then
        echo "check_handout_print: source $k does not start a page"
        fail=1
    fi
done
if ! grep -q "^Answer key" <<<"$starts"; then
    echo "check_handout_print: the answer key does not start a page"
    fail=1
fi
text="$(pdftotext "$out/handout.pdf" -)"
tags="$(grep -oE '\[[LNHBAPQ][0-9]+\]' <<<"$text" | wc -l)"
if [ "$tags" -lt 10 ]; then
    echo "check_handout_print: only $tags letter tags in the printed key"
    fail=1
fi
if grep -qiE 'ERR_|net::|Failed to load' "$out/chromium.log"; then
    echo "check_handout_print: Chromium reported a load error (see $out/chromium.log)"
    fail=1
fi

echo "check_handout_print: $pages pages, $tags tags in the key; greyscale pages in $out/page-*.png (look at them)"
exit "$fail"
