#!/usr/bin/env bash
# Runs the real editor under a virtual X display and saves a screenshot.
#   scripts/screenshot.sh [MAP] [OUT.png]
# Needs Xvfb, xdotool and ImageMagick (apt-get install xvfb xdotool imagemagick).
set -euo pipefail
cd "$(dirname "$0")/.."
map="${1:-examples/management-and-leadership-2008.nosmap.ron}"
out="${2:-docs/screenshot.png}"
source scripts/xvfb-editor.sh
cargo build --release --quiet
start_editor 1400x900 "$map"
sleep 2
mkdir -p "$(dirname "$out")"
DISPLAY="$display" import -window root "$out"
kill -0 "$app" || { echo "error: the editor exited" >&2; exit 1; }
quit_editor
echo "screenshot of $map in $out"
