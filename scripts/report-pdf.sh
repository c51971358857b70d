#!/bin/sh
# The demo month's management report as Excel and as PDF (LibreOffice Calc, headless), plus a
# PNG per page, so anyone can look at what a coordinator receives. Not part of `cargo test`.
# Needs: apt-get install libreoffice-calc poppler-utils
# Usage: scripts/report-pdf.sh [BIN] [OUT_DIR]   (default target/release/ventanilla, ./informe-demo)
set -eu
BIN=${1:-target/release/ventanilla}
OUT=${2:-informe-demo}
command -v soffice >/dev/null || { echo "LibreOffice no está instalado (apt-get install libreoffice-calc)"; exit 1; }
mkdir -p "$OUT"
T=$(mktemp -d)
export VENTANILLA_DB="$T/demo.db" XDG_CONFIG_HOME="$T/cfg" XDG_DATA_HOME="$T/data"
"$BIN" demo --no-tui --customers 300 >/dev/null
MONTH=$(TZ=America/Bogota date +%Y-%m)
"$BIN" report month "$MONTH" --format xlsx --out "$OUT/informe.xlsx"
soffice --headless --convert-to pdf --outdir "$OUT" "$OUT/informe.xlsx" >/dev/null
if command -v pdftoppm >/dev/null; then pdftoppm -r 80 -png "$OUT/informe.pdf" "$OUT/pagina"; fi
echo "Listo: $OUT/informe.xlsx, $OUT/informe.pdf y una imagen por página"
rm -rf "$T"
