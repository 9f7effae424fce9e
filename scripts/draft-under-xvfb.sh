#!/usr/bin/env bash
# Types a Coaching & Mentoring draft into the real editor under Xvfb with xdotool, saves it and
# prints the saved outline, so what arrived can be compared with what was typed.
#   [SIZE=1024x768] scripts/draft-under-xvfb.sh [DELAY_MS] [OUT_DIR]
# DELAY_MS is the pause between keys (100 = a person typing; 1 = a machine). Screenshots of the
# window at each stage go to OUT_DIR. Needs Xvfb, xdotool and ImageMagick (openbox if present).
set -euo pipefail
cd "$(dirname "$0")/.."
delay="${1:-100}"
out="${2:-$(mktemp -d)}"
mkdir -p "$out"
source scripts/xvfb-editor.sh
cargo build --release --quiet
work="$(mktemp -d)"
map="$work/coaching.nosmap.ron"
target/release/nosmap new --title "Coaching and mentoring" -o "$map" >/dev/null
start_editor "${SIZE:-1280x800}" "$map"
sleep 1.5
x() { DISPLAY="$display" xdotool "$@"; }
keys() { x key --delay "$delay" "$@"; }
type_text() { x type --delay "$delay" -- "$1"; }
shot() { DISPLAY="$display" import -window root "$out/$1.png"; }
x windowfocus --sync "$window"
keys Home F2
type_text "Enable people to achieve their potential through coaching and mentoring"
keys Return Tab
type_text "Establish coaching relationships"
keys Return Return
type_text "Support individuals to achieve their goals"
keys Return Up ctrl+u
type_text "LSI CM01 Agree the coaching relationship"
keys Return Return
type_text "Review the coaching relationship"
keys Tab
type_text "LSI CM02"
keys Return
shot 1-units
keys alt+k
type_text "how to agree goals"
keys Return
type_text "how to review progress"
keys Return Escape alt+p
type_text "review the goals of each session"
keys Return
shot 2-statements
keys Escape
type_text "09"
keys Escape Left Down ctrl+u
type_text "Manage deer welfare"
keys Return ctrl+i Tab
type_text "LSI CM09"
keys Tab
type_text "Welfare of deer in parks"
keys Escape
sleep 0.5
shot 3-drafted
keys ctrl+s
sleep 1
shot 4-saved
quit_editor
target/release/nosmap info "$map" --tree
grep -E 'urn:|overview:|Item\(' "$map" | sed 's/^ *//'
echo "screenshots in $out"
