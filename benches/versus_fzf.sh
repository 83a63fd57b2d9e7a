#!/usr/bin/env bash
# scopepick against fzf on the same rows, whole processes, one hyperfine run
# per pair (Debian packages: hyperfine, fzf, tmux, python3):
#   bash benches/versus_fzf.sh [QUERIES.tsv ...]
# Prints scopepick ÷ fzf for: `list --query Q` against `fzf --filter Q` on the
# 1,519 real rows and on 15,000 rows (every query of the given files, by
# default the project's held-out sets and, when present, ../shared's dev
# set); peak RSS on 15,000 rows; and (benches/pty_keys.py) the first frame
# and key to screen through a real pty on both.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in hyperfine fzf tmux python3; do
  command -v "$tool" >/dev/null || { echo "versus_fzf: install $tool (apt-get install -y $tool)"; exit 1; }
done
cargo build --release --quiet
bin=$PWD/target/release/scopepick
rows=$(mktemp -d)
export SCOPEPICK_DATA_DIR="$rows/data" SCOPEPICK_CONFIG_DIR="$rows/config"
trap 'rm -rf "$rows"' EXIT
python3 benches/make_rows.py "$bin" "$rows" 15000
files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  files=(tests/search/queries-heldout.tsv tests/search/queries-heldout2.tsv)
  [ -f ../shared/search/queries-dev.tsv ] && files+=(../shared/search/queries-dev.tsv)
fi
mapfile -t queries < <(for f in "${files[@]}"; do tail -n +2 "$f" | cut -f1; done | sort -u)
ratio() { # label, scopepick command, fzf command: one hyperfine run, both commands
  local json=$rows/run.json
  # fzf needs a shell for its input, so both run as `sh -c 'exec …'` (dash
  # starts in about a millisecond; hyperfine cannot subtract a shell from
  # commands this short). The output goes to /dev/null.
  hyperfine -N -i --warmup 1 --runs "${RUNS:-10}" --export-json "$json" \
    "sh -c \"exec $2\"" "sh -c \"exec $3\"" >/dev/null 2>&1
  python3 - "$json" "$1" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
a, b = (x["median"] * 1000 for x in r)
print(f"{sys.argv[2]:44.44} {a:8.1f} ms {b:8.1f} ms  {a / b:5.2f}")
PY
}
quote() { printf "'%s'" "${1//\'/\'\\\'\'}"; }
for size in real big; do
  if [ $size = real ]; then catalog=""; label="1,519 rows"; else catalog="--catalog $rows/big.json"; label="15,000 rows"; fi
  echo "== list --query Q vs fzf --filter Q, $label (median: scopepick, fzf, ratio)"
  for q in "${queries[@]}" c zzqx; do
    qq=$(quote "$q")
    ratio "$q" "$bin list $catalog --format tsv --query $qq" "fzf --filter $qq < $rows/$size.tsv"
  done
done
echo "== peak RSS, 15,000 rows (KB: scopepick, fzf, ratio)"
for q in c zzqx "mail send"; do
  # fzf exits 1 when nothing matches; GNU time then says so before the figure.
  a=$( { /usr/bin/time -f %M "$bin" list --catalog "$rows/big.json" --format tsv --query "$q" >/dev/null || true; } 2>&1 | tail -1)
  b=$( { /usr/bin/time -f %M fzf --filter "$q" <"$rows/big.tsv" >/dev/null || true; } 2>&1 | tail -1)
  python3 -c "print(f'{\"$q\":44.44} {$a:8d} KB {$b:8d} KB  {$a / $b:5.2f}')"
done
python3 benches/pty_keys.py "$rows"
