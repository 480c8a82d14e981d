#!/usr/bin/env bash
# Screenshots of the demo in the bundled Hawtio console, for people to look at (not run in CI): starts `simulate`
# and `hawtio` from the jar on free ports, drives headless Chromium through the console (bench/hawtio-screenshots.mjs,
# the DevTools protocol from Node 20+) and saves the route tree, the diagrams of tab-request, race-poll and
# import-day, and import-day's source (the Monaco editor, served by the console) as PNG files.
#
#   apt-get install -y chromium    # Debian's package; CHROMIUM=... for another binary
#   bench/hawtio-screenshots.sh [output directory, default target/hawtio-screenshots]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
require_jar

CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}
if [ -z "$CHROMIUM" ]; then
    echo "no Chromium: apt-get install -y chromium (or set CHROMIUM)" >&2
    exit 2
fi
OUT=${1:-target/hawtio-screenshots}
mkdir -p "$OUT"
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
MANAGEMENT_PORT=$(free_port)
CONSOLE_PORT=$(free_port)
DEBUG_PORT=$(free_port)
export MANAGEMENT_PORT

work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

RACEDAY_DB_PATH="$work/simulate.db" RACEDAY_JOURNAL_PATH="$work/journal" java -jar "$JAR" simulate > "$work/simulate.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 300); do grep -q 'Daily import done' "$work/simulate.log" && break; sleep 0.2; done
grep -q 'Daily import done' "$work/simulate.log" || { echo "simulate did not import; see its log:" >&2; tail -20 "$work/simulate.log" >&2; exit 1; }

java -jar "$JAR" hawtio --port "$CONSOLE_PORT" > "$work/hawtio.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 300); do grep -q 'Hawtio console at' "$work/hawtio.log" && break; sleep 0.2; done
grep -q 'Hawtio console at' "$work/hawtio.log" || { echo "hawtio did not start:" >&2; tail -20 "$work/hawtio.log" >&2; exit 1; }

"$CHROMIUM" --headless --no-sandbox --disable-gpu --user-data-dir="$work/chromium" \
    --remote-debugging-port="$DEBUG_PORT" about:blank > "$work/chromium.log" 2>&1 &
pids+=($!)
node --experimental-websocket --no-warnings bench/hawtio-screenshots.mjs "$DEBUG_PORT" \
    "http://127.0.0.1:$CONSOLE_PORT/hawtio/" "$OUT"
