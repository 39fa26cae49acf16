#!/usr/bin/env bash
# Load on `callwatch serve`, measured with wrk (Debian's, in ./dev's PACKAGES):
#   GET /v1/agents          (a read model as JSON: 200 agents on line, 100 live calls)
#   POST /v1/commands       (one CreateQueue per request, each durable before its reply)
# and, as the baseline of the same run, the engine's own rate through `callwatch apply`.
#   bench/server/run.sh [build/bin/callwatch] [seconds] [durability: sync|wal]
set -euo pipefail
BIN=${1:-build/bin/callwatch}
SECS=${2:-10}
DUR=${3:-sync}
HERE=$(cd "$(dirname "$0")" && pwd)
TMP=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$TMP"' EXIT

# A store with 200 agents, 100 of them on a call.
{
  echo '{"type":"CreateQueue","by":"admin","queue":"Sales","channel":"VOICE"}'
  echo '{"type":"PublishContactFlow","by":"admin","flow":"main","recording":true}'
  for i in $(seq 1 200); do
    echo "{\"type\":\"CreateUser\",\"by\":\"admin\",\"user\":\"a$i\",\"profiles\":[\"Agent\"]}"
    echo "{\"type\":\"OpenCcp\",\"by\":\"a$i\"}"
    echo "{\"type\":\"SetAgentStatus\",\"by\":\"a$i\",\"status\":\"Available\"}"
  done
  for i in $(seq 1 100); do
    echo "{\"type\":\"StartContact\",\"contact\":\"c$i\",\"channel\":\"VOICE\",\"queue\":\"Sales\",\"flow\":\"main\",\"customer\":\"+1 $i\"}"
    echo "{\"type\":\"ConnectAgent\",\"contact\":\"c$i\",\"agent\":\"a$i\"}"
  done
} > "$TMP/setup.jsonl"
"$BIN" apply --data "$TMP/store" --durability "$DUR" --file "$TMP/setup.jsonl" > /dev/null
TOKEN=$("$BIN" token --data "$TMP/store" admin)

# The engine's own rate: the same kind of command, one per line, through apply.
N=20000
for i in $(seq 1 $N); do echo "{\"type\":\"CreateQueue\",\"by\":\"admin\",\"queue\":\"b$i\",\"channel\":\"VOICE\"}"; done > "$TMP/burst.jsonl"
cp -r "$TMP/store" "$TMP/apply-store"
T0=$(date +%s.%N)
"$BIN" apply --data "$TMP/apply-store" --file "$TMP/burst.jsonl" > /dev/null
T1=$(date +%s.%N)
echo "apply: $N commands in $(echo "$T1 - $T0" | bc) s = $(echo "$N / ($T1 - $T0)" | bc) commands/s (durability $DUR)"

"$BIN" serve --data "$TMP/store" --listen 127.0.0.1:0 > "$TMP/url" 2> "$TMP/serve.err" &
SERVER=$!
for _ in $(seq 1 100); do [ -s "$TMP/url" ] && break; sleep 0.05; done
URL=$(head -1 "$TMP/url")
until curl -sf "$URL/readyz" > /dev/null; do sleep 0.05; done

echo "== GET /v1/agents (wrk -t2 -c64 -d${SECS}s)"
wrk -t2 -c64 -d"${SECS}s" --latency -H "Authorization: Bearer $TOKEN" "$URL/v1/agents" | sed -n '/Latency Distribution/,/Transfer/p;/Requests\/sec/p;/Non-2xx/p'
echo "== POST /v1/commands (wrk -t2 -c64 -d${SECS}s)"
CALLWATCH_TOKEN=$TOKEN wrk -t2 -c64 -d"${SECS}s" --latency -s "$HERE/commands.lua" "$URL/v1/commands" | sed -n '/Latency Distribution/,/Transfer/p;/Requests\/sec/p;/Non-2xx/p'
curl -s -H "Authorization: Bearer $TOKEN" "$URL/metrics" | grep -E '^callwatch_(events_appended_total|append_duration_seconds_(sum|count)|projection_lag_events) '
