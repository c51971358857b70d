#!/usr/bin/env bash
# Cost of a deletion (habeas data supresión closed in the person's favour) on a demo database
# of N customers with its history: rewriting every free-text column, the checkpoint and, when
# the file still holds the person, the VACUUM; then `check` with 3 copies to scan for deleted
# people.
#   N=100000 bash scripts/bench_deletion.sh
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-100000}
cargo build --release --bins -q
BIN=${CARGO_TARGET_DIR:-$PWD/target}/release/ventanilla
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
export XDG_CONFIG_HOME=$W/cfg
DB=$W/v.sqlite3
v() { "$BIN" --db "$DB" "$@"; }
secs() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$1" "$2"; }
v demo --reset --no-tui --customers "$N" >/dev/null
v customer add --doc CC:99887711 --names Xiomzara --surnames "Zzyzx Qwertí" \
  --phone 3157778899 --email xiomzara.z@correo.co --affiliation "no afiliado" >/dev/null
for i in 1 2 3; do v backup >/dev/null; done
RAD=$(v ticket new --type "Habeas data: reclamo" --channel Escrito --doc CC:99887711 \
  --subject "Supresión" --description "Xiomzara Zzyzx pide suprimir sus datos" \
  --notify-via electronica --notify-address xiomzara.z@correo.co \
  --data-request supresion --json | python3 -c "import json,sys; print(json.load(sys.stdin)['radicado'])")
v ticket assign "$RAD" --to asesor1 >/dev/null
v ticket start "$RAD" >/dev/null
v ticket draft "$RAD" --note "Se suprimen los datos" >/dev/null
v ticket approve "$RAD" >/dev/null
v ticket notify "$RAD" --via electronica --evidence "correo" >/dev/null
ls -l "$DB" | awk '{printf "database before: %.1f MB\n", $5/1e6}'
a=$(date +%s.%N); v ticket close "$RAD" --in-favor si >/dev/null; b=$(date +%s.%N)
echo "deletion (close in favour): $(secs "$a" "$b") s"
ls -l "$DB" | awk '{printf "database after: %.1f MB\n", $5/1e6}'
grep -c -a -e 99887711 -e Zzyzx "$DB" "$DB-wal" 2>/dev/null | sed "s/^/bytes of the person left (file:count): /" || true
a=$(date +%s.%N); v check | grep -c "Copia con" | sed "s/^/copies listed by check: /"; b=$(date +%s.%N)
echo "check with 3 copies holding the person: $(secs "$a" "$b") s"
