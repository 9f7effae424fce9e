#!/usr/bin/env bash
# Kills a saving nosmap process 100 times (or $1 times) with SIGKILL and checks that the map file and
# its backups always hold a complete version. Exit 0 when nothing was corrupted or lost.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --quiet --release --no-default-features --example kill_saves -- "${1:-100}"
