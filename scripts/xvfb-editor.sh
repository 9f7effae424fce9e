# Sourced by the scripts that drive the real editor under a virtual X display.
#   start_editor SIZE MAP   (e.g. 1280x800 examples/x.nosmap.ron)
# Starts Xvfb on a free-looking display (and openbox, when installed, so full screen and focus
# behave as on a desktop), opens the release editor on MAP with its own settings file, and waits
# for its window. Sets: display, window, app, settings. Stops them all when the script exits.
start_editor() {
  local size="$1" map="$2"
  display=":$((70 + RANDOM % 20))"
  Xvfb "$display" -screen 0 "${size}x24" >/dev/null 2>&1 &
  xvfb=$!
  sleep 1
  if command -v openbox >/dev/null 2>&1; then
    DISPLAY="$display" openbox >/dev/null 2>&1 &
    wm=$!
  fi
  trap 'kill "${app:-}" "${wm:-}" "$xvfb" 2>/dev/null || true' EXIT
  settings="$(mktemp -d)/settings.ron"
  DISPLAY="$display" NOSMAP_SETTINGS="$settings" target/release/nosmap "$map" &
  app=$!
  window=""
  for _ in $(seq 1 50); do
    window=$(DISPLAY="$display" xdotool search --name "nosmap" 2>/dev/null | head -n1 || true)
    [ -n "$window" ] && break
    sleep 0.2
  done
  [ -n "$window" ] || { echo "error: the editor window did not appear" >&2; exit 1; }
}

# Quits as a user would (Ctrl+Q), so the editor lets go of its lock on the map.
quit_editor() {
  DISPLAY="$display" xdotool windowfocus --sync "$window" key ctrl+q || true
  for _ in $(seq 1 25); do kill -0 "$app" 2>/dev/null || break; sleep 0.2; done
}
