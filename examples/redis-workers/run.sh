#!/usr/bin/env bash
# End to end on one machine: a private redis-server, 5,000 generated mentions, three CLI workers
# (one killed with SIGKILL half-way), one embedded worker, and a helpdesk reading escalations.
# Needs redis-server (apt-get install redis-server). Run from the repository root:
#   bash examples/redis-workers/run.sh
set -euo pipefail
PORT=${PORT:-6390}
URL=redis://127.0.0.1:$PORT
DIR=$(mktemp -d)
redis-server --port "$PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$DIR" --daemonize yes --pidfile "$DIR/redis.pid" >/dev/null
cleanup() {
  kill -TERM $(jobs -p) 2>/dev/null || true
  wait 2>/dev/null || true   # workers drain while Redis is still up
  redis-cli -p "$PORT" shutdown nosave >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap cleanup EXIT
until redis-cli -p "$PORT" ping >/dev/null 2>&1; do sleep 0.1; done

node -e '
const t = ["Al 3 dagen storing en niemand neemt op. Schande @KPN!", "Waar blijft mijn monteur? Al 2 keer gebeld", "Top geholpen door jullie, dank!", "My bill doubled and no one answers @KPN", "Hoe laat gaat de winkel in Utrecht open?", "Fijne dag allemaal"];
for (let i = 0; i < 5000; i++) console.log(JSON.stringify({ id: "p" + i, text: t[i % t.length], author: { id: "u" + (i % 400), followers: (i * 31) % 20000 } }));
' > "$DIR/mentions.jsonl"
CLI="node --import tsx src/cli/main.ts"
$CLI enqueue "$DIR/mentions.jsonl" --redis "$URL" --stream mentions

TSX="node --import tsx"   # not npx: signals must reach the worker itself, not a wrapper
$TSX examples/redis-workers/helpdesk.ts "$URL" > "$DIR/cases.txt" &
for w in a b c; do
  $CLI worker --redis "$URL" --consumer "cli-$w" --escalations escalations --min-idle-ms 3000 --brand KPN 2>>"$DIR/workers.log" &
  eval "PID_$w=$!"
done
$TSX examples/redis-workers/embedded-worker.ts "$URL" embedded 2>>"$DIR/workers.log" &
until [ "$(redis-cli -p "$PORT" XLEN assessments)" -ge 1000 ]; do sleep 0.2; done
echo "killing cli-b with SIGKILL while it holds $(( $(redis-cli -p "$PORT" XPENDING mentions webcare - + 10000 cli-b | wc -l) / 4 )) unacknowledged entries"
kill -9 "$PID_b"
until [ "$(redis-cli -p "$PORT" XLEN assessments)" -ge 5000 ] && [ "$(redis-cli -p "$PORT" XPENDING mentions webcare | head -1)" = 0 ]; do sleep 0.5; done
sleep 2
echo "assessments: $(redis-cli -p "$PORT" XLEN assessments), escalations: $(redis-cli -p "$PORT" XLEN escalations), pending: $(redis-cli -p "$PORT" XPENDING mentions webcare | head -1)"
echo "helpdesk opened $(wc -l < "$DIR/cases.txt") cases; the first three:"; head -3 "$DIR/cases.txt"
kill -TERM $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true
echo "per worker (cli-b was killed, so it printed nothing):"; grep -E "assessed" "$DIR/workers.log"
