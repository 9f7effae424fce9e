#!/usr/bin/env bash
# Runs a whole workshop session in the real editor with the keys a clicker and a lectern keyboard
# send, on a virtual X display with two monitors (the room's 1920×1080 projector and a 1280×800
# laptop screen), taking screenshots on the way; then writes the session's report.
#   scripts/workshop/session.sh OUT_DIR
# Needs: Xvfb, openbox, xdotool, xrandr (x11-xserver-utils), ImageMagick; the release binary.
set -euo pipefail
out="$(realpath -m "${1:?output folder}")"
mkdir -p "$out"
here="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
cp "$here/examples/management-and-leadership-2008.nosmap.ron" "$work/ml.nosmap.ron"
export DISPLAY=":$((70 + RANDOM % 20))"
Xvfb "$DISPLAY" -screen 0 3200x1080x24 >/dev/null 2>&1 &
xvfb=$!
sleep 1
openbox >/dev/null 2>&1 &
wm=$!
trap 'kill "${app:-}" "$wm" "$xvfb" 2>/dev/null || true' EXIT
sleep 1
# Two monitors on one screen (Xvfb takes them once a window manager runs; asked until it has).
for _ in 1 2 3 4 5; do
  xrandr --setmonitor ROOM 1920/508x1080/286+0+0 screen >/dev/null 2>&1 || true
  xrandr --setmonitor LAPTOP 1280/338x800/211+1920+0 none >/dev/null 2>&1 || true
  xrandr --listmonitors | grep -q LAPTOP && break
  sleep 0.5
done
xrandr --listmonitors | grep -q LAPTOP || { echo "error: no second monitor" >&2; exit 1; }
NOSMAP_SETTINGS="$work/settings.ron" "$here/target/release/nosmap" "$work/ml.nosmap.ron" &
app=$!
room=""
for _ in $(seq 1 50); do
  room=$(xdotool search --name "ml.nosmap.ron" 2>/dev/null | head -n1 || true)
  [ -n "$room" ] && break
  sleep 0.2
done
[ -n "$room" ] || { echo "error: the editor window did not appear" >&2; exit 1; }
xdotool windowactivate --sync "$room"
sleep 0.5
# Keys at a person's pace, to the room's window (where the clicker's keys go).
k() { xdotool key --window "$room" --delay 300 "$@"; sleep 0.5; }
typed() { xdotool type --window "$room" --delay 60 "$1"; sleep 0.3; }
shot() {
  sleep 0.4
  import -window root "$work/all.png"
  convert "$work/all.png" -crop 1920x1080+0+0 +repage "$out/$1-room.png"
  convert "$work/all.png" -crop 1280x800+1920+0 +repage "$out/$1-presenter.png"
}

k F5
sleep 1
# The consultant drags the presenter's window onto the laptop's screen once.
presenter=$(xdotool search --name "presenter" | head -n1)
xdotool windowmove "$presenter" 1960 40
xdotool windowactivate --sync "$room"
shot 1-key-purpose
k Next                      # A Managing self
k Down a                    # CFAMLA1 agreed
shot 2-agreed
k Next                      # B, page 1
k Down Down plus plus plus minus x   # CFAMLB2: three for, one against taken back
shot 3-votes
k Next                      # B, page 2
shot 4-second-page
k Next                      # C Facilitating change
k d                         # C to discuss
k Tab
typed "Lead change in hybrid teams"
shot 5-typing
k Return
k i
typed "A unit on leading hybrid and remote teams"
k Return
k i
typed "Check the links to the 2004 standards"
k Return
typed "6"
shot 6-jump
k Return                    # E Using resources
k Down plus
k ctrl+z                    # the vote was a mistake
k b
shot 7-blank
k b
k End                       # the workshop log
shot 8-log
k ctrl+s
k Escape
sleep 0.5
k ctrl+s
shot 9-editor
# Who ran it: the workshop log window, through the command palette.
k ctrl+shift+p
typed "Workshop log"
k Return
sleep 0.5
# The facilitator's name, typed into the log window's first field.
xdotool mousemove 600 247 click 1
sleep 0.3
typed "Sam Okafor (consultant)"
k Tab
k ctrl+s
shot 10-log-window
xdotool windowactivate --sync "$room"
xdotool key --window "$room" ctrl+q 2>/dev/null || true
for _ in $(seq 1 25); do kill -0 "$app" 2>/dev/null || break; sleep 0.2; done
cp "$work/ml.nosmap.ron" "$out/session.nosmap.ron"
for format in md html pdf docx csv; do
  "$here/target/release/nosmap" workshop-report "$work/ml.nosmap.ron" \
    -o "$out/workshop-decisions.$format" --force
done
