#!/usr/bin/env bash
# Checks a Freeplane .mm file the way a user's Freeplane would see it.
#   scripts/freeplane/check.sh MAPFILE [SCREENSHOT.png]
# 1. Validates MAPFILE against freeplane-mm.xsd (nosmap's schema for the .mm subset it writes;
#    Freeplane ships none) and checks clone references (TREE_ID / CONTENT_ID must name a node
#    that comes earlier in the file, since Freeplane resolves them while reading).
# 2. Opens MAPFILE in the real Freeplane (Debian package `freeplane`, 1.7.10) on a private Xvfb
#    display with a throw-away user directory, runs nosmapreport.groovy inside it, and prints what
#    Freeplane loaded (one line a node: depth, ID, text, clone partners, note, attributes).
#    Fails when Freeplane does not load the file, logs SEVERE errors or shows a dialog (pictures
#    of dialogs are saved; they are closed with Escape). Freeplane cannot run with java.awt.headless,
#    so Xvfb is needed even without a screenshot.
# 3. With SCREENSHOT.png, keeps Freeplane open until the map is shown and saves the screen.
# Needs: libxml2-utils; for 2-3 also freeplane, xvfb, xdotool, x11-utils, imagemagick, openbox
# (the window manager lets xdotool focus and close Freeplane's dialogs):
#   apt-get install -y --no-install-recommends freeplane libxml2-utils xvfb xdotool x11-utils \
#     imagemagick openbox
# Environment: FREEPLANE_LOAD=0 skips 2 (schema only); FREEPLANE_STATIC=0 skips 1;
#   FREEPLANE_TIMEOUT (s, default 120);
#   FREEPLANE_XSD overrides the schema; FREEPLANE_KEEP=1 keeps the temp dir (logs, report);
#   FREEPLANE_DIALOGS_OK=1 goes on (screenshot included) after Freeplane showed a dialog.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
[ $# -ge 1 ] && [ $# -le 2 ] || { sed -n '2,3p' "$0" >&2; exit 2; }
map="$(realpath "$1")"
shot="${2:-}"
[ -f "$map" ] || { echo "error: no file $1" >&2; exit 2; }
schema="${FREEPLANE_XSD:-$here/freeplane-mm.xsd}"
timeout_s="${FREEPLANE_TIMEOUT:-120}"
t0=$(date +%s.%N)
elapsed() { awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1fs", b - a }'; }

# --- 1. schema and clone references -------------------------------------------------------
static_checks() {
  local msg n kind fail=0
  if ! msg=$(xmllint --noout --schema "$schema" "$map" 2>&1); then
    echo "$msg" >&2
    echo "FAIL: $1 does not validate against $schema" >&2
    return 1
  fi
  xcount() { xmllint --xpath "count($1)" "$map"; }
  for kind in TREE_ID CONTENT_ID; do
    n=$(xcount "//node[@$kind][not(@$kind = preceding::node/@ID)]")
    if [ "$n" != 0 ]; then
      echo "FAIL: $n node(s) with $kind naming a node that is not earlier in the file (or is an ancestor):" >&2
      xmllint --xpath "//node[@$kind][not(@$kind = preceding::node/@ID)]/@ID" "$map" >&2 || true
      echo >&2
      fail=1
    fi
  done
  n=$(xcount "//node[@TREE_ID or @CONTENT_ID][@TEXT or richcontent or attribute]")
  if [ "$n" != 0 ]; then
    echo "FAIL: $n clone node(s) carry TEXT, richcontent or attributes (Freeplane shares the original's)" >&2
    fail=1
  fi
  n=$(xcount "//node[@TREE_ID]/node[not(@TREE_ID)]")
  if [ "$n" != 0 ]; then
    echo "FAIL: $n child node(s) of a TREE_ID clone without TREE_ID (a subtree clone's children are clones too)" >&2
    fail=1
  fi
  local clone orig
  for clone in $(xmllint --xpath '//node[@TREE_ID]/@ID' "$map" 2>/dev/null | sed 's/ID="\([^"]*\)"/\1/g'); do
    orig=$(xmllint --xpath "string(//node[@ID='$clone']/@TREE_ID)" "$map")
    if [ "$(xcount "//node[@ID='$clone']/node")" != "$(xcount "//node[@ID='$orig']/node")" ]; then
      echo "FAIL: TREE_ID clone $clone has not as many child nodes as $orig (write each child as a TREE_ID clone)" >&2
      fail=1
    fi
  done
  return $fail
}
if [ "${FREEPLANE_STATIC:-1}" = 0 ]; then
  echo "skipped: schema and clone references (FREEPLANE_STATIC=0)"
else
  static_checks "$1" || exit 1
  echo "ok: schema and clone references ($(basename "$schema")) $(elapsed)"
fi

if [ "${FREEPLANE_LOAD:-1}" = 0 ] && [ -z "$shot" ]; then exit 0; fi
for tool in freeplane Xvfb xdotool xprop; do
  command -v "$tool" >/dev/null || { echo "error: $tool is not installed (see the header of $0)" >&2; exit 2; }
done
[ -z "$shot" ] || command -v import >/dev/null || { echo "error: import (imagemagick) is not installed" >&2; exit 2; }

# --- 2. load in Freeplane -----------------------------------------------------------------
tmp="$(mktemp -d /tmp/nosmap-freeplane.XXXXXX)"
xvfb="" wm="" fp="" java=""
cleanup() {
  [ -n "$fp" ] && java=$(pgrep -P "$fp" 2>/dev/null || true)
  for p in $java $fp $wm $xvfb; do kill "$p" 2>/dev/null || true; done
  for p in $java $fp $wm $xvfb; do
    for _ in $(seq 1 20); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$p" 2>/dev/null || true
  done
  if [ "${FREEPLANE_KEEP:-0}" = 1 ]; then echo "kept $tmp" >&2; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

# Freeplane keeps its settings in <userdir>/<major.minor>.x; a fresh one that already has
# auto.properties skips the first-run tutorial map, and these settings let our script run.
version=$(dpkg-query -W -f '${Version}' freeplane 2>/dev/null || true)
series="$(echo "${version:-1.7}" | cut -d. -f1-2).x"
ud="$tmp/userdir"
mkdir -p "$ud/$series/scripts" "$tmp/home"
cp "$here/nosmapreport.groovy" "$ud/$series/scripts/nosmapreport.groovy"
cat >"$ud/$series/auto.properties" <<'EOF'
load_last_maps=false
load_last_map=false
always_load_last_maps=false
check_updates_automatically=false
nextSurveyCheck=99999999
time_for_automatic_save=0
appwindow_x=0
appwindow_y=0
appwindow_width=1600
appwindow_height=1000
execute_scripts_without_asking=true
execute_scripts_without_file_restriction=true
execute_scripts_without_write_restriction=true
EOF

# Xvfb picks a free display itself (-displayfd), so parallel runs and other scripts don't clash.
Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp 3>"$tmp/display" >"$tmp/xvfb.log" 2>&1 &
xvfb=$!
for _ in $(seq 1 50); do [ -s "$tmp/display" ] && break; sleep 0.1; done
[ -s "$tmp/display" ] || { echo "error: Xvfb did not start" >&2; cat "$tmp/xvfb.log" >&2; exit 1; }
export DISPLAY=":$(head -n1 "$tmp/display")"
if command -v openbox >/dev/null; then openbox >/dev/null 2>&1 & wm=$!; fi

report="$tmp/report.tsv"
args=(-U"$ud" -XNosmapreport_on_selected_node)
[ -n "$shot" ] || args=(-S "${args[@]}") # -S: quit after running the script
HOME="$tmp/home" JAVA_OPTS="-Dorg.freeplane.nosplash=true -Dnosmap.freeplane.report=$report -Dnosmap.freeplane.map=$map" \
  freeplane "${args[@]}" "$map" >"$tmp/freeplane.log" 2>&1 &
fp=$!

# Modal dialogs (transient windows titled just "Freeplane"; the main window has that title too
# while it starts, but is not transient) would block loading: save a picture of each and close
# it with Escape (not Enter: Enter in the map view would insert a node).
seen=" " dialogs=0
dismiss_dialogs() {
  local w
  for w in $(xdotool search --onlyvisible --name '^Freeplane$' 2>/dev/null || true); do
    xprop -id "$w" WM_TRANSIENT_FOR 2>/dev/null | grep -q 'window id' || continue
    if [ "${seen#* $w }" = "$seen" ]; then
      seen="$seen$w " dialogs=$((dialogs + 1))
      local pic="$tmp/dialog-$dialogs.png"
      [ -z "$shot" ] || pic="${shot%.png}.dialog-$dialogs.png"
      import -window "$w" "$pic" 2>/dev/null || true
      local kept=""
      [ -n "$shot" ] || [ "${FREEPLANE_KEEP:-0}" = 1 ] || kept=", kept with FREEPLANE_KEEP=1"
      echo "note: Freeplane showed dialog $dialogs (picture: $pic$kept); pressing Escape" >&2
    fi
    xdotool windowactivate --sync "$w" key Escape 2>/dev/null || xdotool key --window "$w" Escape 2>/dev/null || true
  done
}

deadline=$(( $(date +%s) + timeout_s ))
while [ ! -s "$report" ]; do
  dismiss_dialogs
  if ! kill -0 "$fp" 2>/dev/null || [ "$(date +%s)" -ge "$deadline" ]; then
    sleep 0.5
    [ -s "$report" ] && break
    echo "FAIL: Freeplane did not load $1 (no report after $(elapsed)); from its log:" >&2
    grep -vE 'FontUtil|Could not create font|^[A-Z][a-z]{2} [0-9]{2}, ' "$tmp/freeplane.log" \
      | grep -iE -A3 'error|exception|severe|not loaded|warn' | head -40 >&2 || true
    [ -n "$shot" ] && import -window root "$shot" 2>/dev/null && echo "screen at failure: $shot" >&2
    exit 1
  fi
  sleep 0.3
done
sleep 0.3 # the script writes the report in one go; let it close the file
cat "$report"
if grep -q '^error' "$report"; then echo "FAIL: see the error line above" >&2; exit 1; fi
if grep -E 'Error while parsing|SEVERE' "$tmp/freeplane.log" >&2; then
  echo "FAIL: Freeplane logged errors while loading $1" >&2; exit 1
fi
if [ "$dialogs" -gt 0 ]; then
  # Freeplane warns before loading when the file does not start with <map version="freeplane X">
  # ("created by unknown program", e.g. after an <?xml?> declaration) or X is newer than its own
  # file format version ("created with some later version"; 1.7.10 writes "freeplane 1.7.0").
  own=$(grep -o 'freeplane_xml_version = freeplane [0-9.]*' "$tmp/freeplane.log" | awk '{print $NF}' | head -n1)
  head -n1 "$map" | grep -q '^<map version="freeplane ' ||
    echo "hint: the file must start with <map version=\"freeplane ...\"> (nothing before it, not even an <?xml?> declaration)" >&2
  mv=$(xmllint --xpath 'string(/map/@version)' "$map" | sed 's/^freeplane //')
  if [ -n "$own" ] && [ "$(printf '%s\n%s\n' "$own" "$mv" | sort -V | tail -n1)" != "$own" ]; then
    echo "hint: the map says version $mv, newer than this Freeplane's file format $own" >&2
  fi
  if [ "${FREEPLANE_DIALOGS_OK:-0}" != 1 ]; then
    echo "FAIL: Freeplane showed $dialogs dialog(s) while loading $1 (pictures named above)" >&2; exit 1
  fi
  echo "warning: Freeplane showed $dialogs dialog(s) while loading $1 (FREEPLANE_DIALOGS_OK=1)" >&2
fi
echo "ok: Freeplane ${version:-?} loaded $1 $(elapsed)"

# --- 3. screenshot ------------------------------------------------------------------------
if [ -n "$shot" ]; then
  name="$(basename "$map" .mm) - Freeplane"
  window=""
  while [ -z "$window" ]; do
    window=$(xdotool search --name "^$name" 2>/dev/null | head -n1 || true)
    [ -n "$window" ] && break
    [ "$(date +%s)" -lt "$deadline" ] || { echo "FAIL: no window named '$name'" >&2; exit 1; }
    sleep 0.3
  done
  sleep 2 # let the selection and the note panel repaint
  mkdir -p "$(dirname "$shot")"
  import -window root "$shot"
  echo "ok: screenshot $shot (window: $(xdotool getwindowname "$window")) $(elapsed)"
fi
