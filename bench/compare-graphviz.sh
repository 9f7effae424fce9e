#!/usr/bin/env bash
# nosmap and Graphviz side by side on the same 20,000-node functional map.
#
#   bench/compare-graphviz.sh [NODES] [NOSMAP_RUNS] [DOT_RUNS]
#
# Generates a map of NODES nodes (default 20000), writes its DOT with `nosmap export --format dot`,
# then times `dot -Tsvg` on that DOT against `nosmap export --format svg` on the same map, each as
# a whole process, and prints both medians and the ratio. Graphviz 2.43 needs about a minute for
# this size, so DOT_RUNS defaults to 1.
set -euo pipefail
cd "$(dirname "$0")/.."
nodes="${1:-20000}"
nosmap_runs="${2:-5}"
dot_runs="${3:-1}"
command -v dot >/dev/null || { echo "error: Graphviz (dot) is not installed" >&2; exit 2; }
cargo build --release --quiet
cargo build --release --quiet --example generate_map
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
target/release/examples/generate_map "$nodes" "$work/map.nosmap.ron" >/dev/null
target/release/nosmap export "$work/map.nosmap.ron" --format dot -o "$work/map.dot" >/dev/null

seconds() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
time_runs() { # runs command...
  local runs=$1; shift
  for _ in $(seq 1 "$runs"); do
    local start end
    start=$(seconds); "$@" >/dev/null 2>&1; end=$(seconds)
    awk -v a="$start" -v b="$end" 'BEGIN { print b - a }'
  done | median
}

ours=$(time_runs "$nosmap_runs" target/release/nosmap export "$work/map.nosmap.ron" --format svg -o "$work/nosmap.svg" --force)
theirs=$(time_runs "$dot_runs" dot -Tsvg "$work/map.dot" -o "$work/dot.svg")
units=$(target/release/nosmap info "$work/map.nosmap.ron" | awk -F': ' '/^NOS units/ {print $2}')
echo "map: about $nodes nodes ($units units); $(dot -V 2>&1)"
printf 'nosmap export --format svg: median %.3f s over %d runs (whole process: load, layout, SVG)\n' "$ours" "$nosmap_runs"
printf 'dot -Tsvg on the same DOT:  median %.3f s over %d runs\n' "$theirs" "$dot_runs"
awk -v d="$theirs" -v n="$ours" 'BEGIN { printf "ratio: Graphviz takes %.1f times as long as nosmap\n", d / n }'
