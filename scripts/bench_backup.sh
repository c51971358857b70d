#!/usr/bin/env bash
# Backup time of a 1,000,000-customer database (the copy is checked after writing):
#   N=1000000 bash scripts/bench_backup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000000}
cargo build --release --bins -q
BIN=$PWD/target/release/ventanilla
GEN=$PWD/target/release/ventanilla-loadgen
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
export XDG_CONFIG_HOME=$W/cfg
"$GEN" customers-csv --count "$N" --out "$W/c.csv"
echo 1234 | "$BIN" --db "$W/v.sqlite3" init --branch "Sede Bench" --admin admin >/dev/null
"$BIN" --db "$W/v.sqlite3" import customers "$W/c.csv" >/dev/null
ls -l "$W/v.sqlite3" | awk '{printf "database: %.1f MB\n", $5/1e6}'
for i in 1 2 3; do
  a=$(date +%s.%N); "$BIN" --db "$W/v.sqlite3" backup "$W/copia$i.sqlite3" >/dev/null; b=$(date +%s.%N)
  python3 -c "print(f'backup {$i}: {$b - $a:.2f} s (copy + integrity, foreign-key and audit checks)')"
done
a=$(date +%s.%N); "$BIN" --db "$W/v.sqlite3" check >/dev/null; b=$(date +%s.%N)
python3 -c "print(f'check: {$b - $a:.2f} s')"
