#!/bin/bash
# Instructions per scoreMention call of the built package, counted by valgrind (cachegrind):
# deterministic, unlike wall-clock time on a shared machine, so a speed change can be judged by
# one run. Needs valgrind (apt-get install -y valgrind) and `npm run build`.
#
#   bash bench/instructions.sh [dist/index.js] [objects]
#
# With "objects", the sample feed's records are scored as mention objects (author, metrics, time)
# instead of their texts.
# Scores the bundled sample feed (texts) 30 times after 30 warm-up rounds, once with and once
# without the measured rounds, and divides the difference by the number of measured calls (so
# start-up, model decoding and compilation cancel out). V8 runs single-threaded so compilation
# happens at the same points in both runs.
set -euo pipefail
cd "$(dirname "$0")/.."
dist="${1:-dist/index.js}"
kind="${2:-texts}"
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install -y valgrind)"; exit 2; }
[ -f "$dist" ] || { echo "$dist is missing: run npm run build first"; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/run.mjs" <<'JS'
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
const { scoreMention } = await import(pathToFileURL(process.argv[2]).href);
const rounds = Number(process.argv[3]);
const records = readFileSync('examples/data/mentions.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const texts = process.argv[4] === 'objects' ? records : records.map((r) => r.text);
let p1 = 0;
for (let r = 0; r < 30 + rounds; r++) for (const t of texts) if (scoreMention(t).priority === 'P1') p1 += 1;
console.log(texts.length, p1);
JS
count() {
  valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
    node --single-threaded "$tmp/run.mjs" "$(realpath "$dist")" "$1" "$kind" 2>&1 |
    awk '/I *refs/ { gsub(",", "", $4); print $4 } /^[0-9]+ [0-9]+$/ { print $1 > "/dev/stderr" }'
}
a=$(count 0 2>/dev/null)
b=$(count 30 2>"$tmp/n")
n=$(cat "$tmp/n")
echo "$(( (b - a) / (30 * n) )) instructions per scoreMention (sample feed $kind, $n mentions x 30 rounds)"
