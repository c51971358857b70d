#!/usr/bin/env bash
# Customers at scale, ventanilla against the sqlite3 shell in one run (issue: customers).
#   N=1000000 bash scripts/bench_customers.sh
# 1. generates N demo customers in the import format (ventanilla-loadgen customers-csv);
# 2. imports them with `ventanilla import customers` into a fresh branch database;
# 3. has the sqlite3 shell `.import` the same file into a table with a unique index on the
#    document, then rebuild an FTS5 index on the names (same tokenizer);
# 4. times exact lookups and name searches in-process (ventanilla-loadgen lookup);
# 5. times `ventanilla customer find` as a whole process against the sqlite3 shell running the
#    same FTS5 query on the same file (median of R runs each).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000000}
R=${R:-15}
cargo build --release --bins -q
BIN=$PWD/target/release/ventanilla
GEN=$PWD/target/release/ventanilla-loadgen
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
export XDG_CONFIG_HOME=$W/cfg

now() { date +%s.%N; }
secs() { python3 -c "print(f'{$2 - $1:.2f}')"; }
msecs() { python3 -c "print(f'{($2 - $1) * 1000:.1f}')"; }

echo "generating $N customers…"
"$GEN" customers-csv --count "$N" --out "$W/clientes.csv"
ls -l "$W/clientes.csv" | awk '{printf "file: %.1f MB\n", $5/1e6}'

echo 1234 | "$BIN" --db "$W/v.sqlite3" init --branch "Sede Bench" --admin admin >/dev/null
t0=$(now); "$BIN" --db "$W/v.sqlite3" import customers "$W/clientes.csv" >/dev/null; t1=$(now)
v=$(secs "$t0" "$t1")

cat > "$W/shell.sql" <<SQL
CREATE TABLE customers (doc_type TEXT, doc_number TEXT, names TEXT, surnames TEXT, birth_date TEXT,
  phone TEXT, email TEXT, affiliation TEXT, category TEXT);
CREATE UNIQUE INDEX customers_doc ON customers (doc_type, doc_number);
CREATE VIRTUAL TABLE customers_fts USING fts5(names, surnames, content='customers',
  content_rowid='rowid', tokenize='unicode61 remove_diacritics 2', prefix='2 3');
.mode csv
.import --skip 1 $W/clientes.csv customers
INSERT INTO customers_fts (customers_fts) VALUES ('rebuild');
SQL
t2=$(now); sqlite3 "$W/s.sqlite3" < "$W/shell.sql"; t3=$(now)
s=$(secs "$t2" "$t3")
rows=$(sqlite3 "$W/s.sqlite3" "SELECT count(*) FROM customers")
echo "import $N: ventanilla ${v}s, sqlite3 shell ${s}s (rows $rows), ratio $(python3 -c "print(f'{$v/$s:.2f}')")"

"$GEN" lookup --db "$W/v.sqlite3" --queries 2000

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
q="maria rodr"
for i in $(seq "$R"); do
  a=$(now); "$BIN" --db "$W/v.sqlite3" customer find "$q" >/dev/null; b=$(now); msecs "$a" "$b"
done | median > "$W/vf"
fts="SELECT c.doc_type, c.doc_number, c.names, c.surnames FROM customers_fts f JOIN customers c ON c.rowid = f.rowid WHERE customers_fts MATCH '\"maria\" \"rodr\"*' ORDER BY f.rank LIMIT 20;"
for i in $(seq "$R"); do
  a=$(now); sqlite3 "$W/s.sqlite3" "$fts" >/dev/null; b=$(now); msecs "$a" "$b"
done | median > "$W/sf"
echo "customer find '$q' as a process (median of $R): ventanilla $(cat "$W/vf") ms, sqlite3 shell $(cat "$W/sf") ms, ratio $(python3 -c "print(f'{$(cat "$W/vf")/$(cat "$W/sf"):.2f}')")"
