#!/bin/sh
# Cost of anchoring the audit chain on the write path: the same writes with and without
# `<db>.anclas` (anchors are only appended when the file exists), alternated to spread noise.
# Usage: scripts/anchor-cost.sh [BIN_DIR]   (default target/release)
set -eu
B=${1:-target/release}
T=$(mktemp -d)
export XDG_CONFIG_HOME="$T/cfg" XDG_DATA_HOME="$T/data"
echo 1234 | "$B/ventanilla" --db "$T/a.db" init --branch Sede --admin admin >/dev/null
for round in 1 2 3; do
  for mode in with without; do
    if [ "$mode" = without ]; then mv "$T/a.db.anclas" "$T/keep"; else [ -f "$T/keep" ] && mv "$T/keep" "$T/a.db.anclas"; fi
    s=$(date +%s%N)
    "$B/ventanilla-loadgen" issue --db "$T/a.db" --service A --count 1000 >/dev/null
    m=$(date +%s%N)
    for i in $(seq 50); do "$B/ventanilla" --db "$T/a.db" turn issue --service A >/dev/null; done
    e=$(date +%s%N)
    echo "round $round $mode anchors: 1000 issues in one process $(( (m - s) / 1000000 )) ms; 50 CLI issues $(( (e - m) / 1000000 )) ms"
  done
done
[ -f "$T/keep" ] && mv "$T/keep" "$T/a.db.anclas"
echo "anchor lines: $(wc -l < "$T/a.db.anclas")"
rm -rf "$T"
