#!/usr/bin/env bash
# Whole-process timings with hyperfine (Debian package `hyperfine`):
#   bash benches/cli.sh
# Builds the release binary, then times the two commands the budget names.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "install hyperfine (apt-get install -y hyperfine)"; exit 1; }
cargo build --release --quiet
bin=target/release/scopepick
export SCOPEPICK_DATA_DIR="$(mktemp -d)" SCOPEPICK_CONFIG_DIR="$(mktemp -d)"
hyperfine --warmup 20 --runs 300 -N \
  "$bin list --query chat --format tsv" \
  "$bin build --preset intrexx"
ls -l "$bin"
