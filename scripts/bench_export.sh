#!/bin/sh
# Export of N customers (default 1,000,000) to .xlsx and to .csv: wall time and peak resident
# memory of each run, from /usr/bin/time -v. Targets (issue 17): xlsx ≤ 10 s and ≤ 100 MB.
# Usage: scripts/bench_export.sh [BIN_DIR] [N]   (default target/release 1000000)
set -eu
B=${1:-target/release}
N=${2:-1000000}
T=$(mktemp -d)
export XDG_CONFIG_HOME="$T/cfg" XDG_DATA_HOME="$T/data"
echo 1234 | "$B/ventanilla" --db "$T/b.db" init --branch Sede --admin admin >/dev/null
python3 - "$T/clientes.csv" "$N" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
names = ["María José", "Juan Carlos", "Luz Dary", "Andrés Felipe", "Ana Lucía", "Óscar"]
surnames = ["Pérez Muñoz", "Gómez Ríos", "Rodríguez", "Castaño Peña", "Ospina"]
with open(path, "w", encoding="utf-8") as f:
    f.write("tipo_documento;numero_documento;nombres;apellidos;fecha_nacimiento;telefono;correo;estado_afiliacion;categoria\n")
    for i in range(n):
        f.write(f"CC;{10000000 + i};{names[i % 6]};{surnames[i % 5]};{1950 + i % 60}-0{1 + i % 9}-1{i % 9};310{i:07d};c{i}@correo.co;afiliado;{'ABC'[i % 3]}\n")
PY
"$B/ventanilla" --db "$T/b.db" import customers "$T/clientes.csv" --user admin >"$T/import.txt" 2>&1 || { tail -3 "$T/import.txt"; exit 1; }
for ext in xlsx csv; do
  /usr/bin/time -v "$B/ventanilla" --db "$T/b.db" export customers --out "$T/out.$ext" \
    >"$T/out.txt" 2>"$T/time.txt"
  wall=$(grep 'Elapsed (wall clock)' "$T/time.txt" | awk '{print $NF}')
  rss=$(grep 'Maximum resident set size' "$T/time.txt" | awk '{print $NF}')
  size=$(wc -c <"$T/out.$ext")
  echo "$N customers → .$ext: wall $wall, peak RSS $((rss / 1024)) MB, file $((size / 1048576)) MB ($(cat "$T/out.txt"))"
done
rm -rf "$T"
