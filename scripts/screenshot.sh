#!/usr/bin/env bash
# Runs the real editor under a virtual X display and saves a screenshot.
#   scripts/screenshot.sh [MAP] [OUT.png]
# Needs Xvfb, xdotool and ImageMagick (apt-get install xvfb xdotool imagemagick).
set -euo pipefail
cd "$(dirname "$0")/.."
map="${1:-examples/management-and-leadership-2008.nosmap.ron}"
out="${2:-docs/screenshot.png}"
display=":$((90 + RANDOM % 9))"
cargo build --release --quiet
Xvfb "$display" -screen 0 1400x900x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill "${app:-}" "$xvfb" 2>/dev/null || true' EXIT
sleep 1
settings="$(mktemp -d)/settings.ron"
DISPLAY="$display" NOSMAP_SETTINGS="$settings" target/release/nosmap "$map" &
app=$!
for _ in $(seq 1 50); do
  window=$(DISPLAY="$display" xdotool search --name "nosmap" 2>/dev/null | head -n1 || true)
  [ -n "$window" ] && break
  sleep 0.2
done
[ -n "${window:-}" ] || { echo "error: the editor window did not appear" >&2; exit 1; }
sleep 2
mkdir -p "$(dirname "$out")"
DISPLAY="$display" import -window root "$out"
kill -0 "$app" || { echo "error: the editor exited" >&2; exit 1; }
# Quit as a user would (Ctrl+Q), so the editor lets go of its lock on the map.
DISPLAY="$display" xdotool windowfocus --sync "$window" key ctrl+q || true
for _ in $(seq 1 25); do kill -0 "$app" 2>/dev/null || break; sleep 0.2; done
echo "screenshot of $map in $out"
