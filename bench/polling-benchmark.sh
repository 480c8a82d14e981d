#!/usr/bin/env bash
# Polling benchmark: 20 simulated races whose jumps fall within the same 5 minutes (4 meetings x 5 races, starts
# 15 s apart from 8 minutes out), polled by the service at 15 s near their jumps, against the simulated TAB API in
# a separate JVM with 50 ms latency. Reports poll lateness (actual minus planned start of each poll) p50/p99/max,
# missed polls, processing time from response received to committed in SQLite p50/p99, the stages of a poll
# (cycle, queue, TAB slot, TAB request, parse, store), the CPU time of both JVMs, heap and RSS.
# Takes the length of the simulated day, about 17 minutes.
#
#   bench/polling-benchmark.sh
#   JAVA_OPTS="-Xmx256m" bench/polling-benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
require_jar

SEED=${SEED:-11}
LATENCY=${LATENCY:-50ms}
JAVA_OPTS=${JAVA_OPTS:-}

work=$(mktemp -d)
trap 'stop_simulator; rm -rf "$work"' EXIT

start_simulator "$work/simulator.log" --meetings 4 --races 5 --runners 12 --first-start 8m --spacing 15s \
    --latency "$LATENCY" --seed "$SEED"
day_end=$(grep -o 'last race done at [^;]*' "$work/simulator.log" | awk '{print $5}')

export TAB_BASE_URL="http://127.0.0.1:$PORT" RACEDAY_DB_PATH="$work/polling.db" RACEDAY_JOURNAL_PATH="$work/journal"
export DAILY_MEETINGS_ENABLED=false DAILY_RACES_ENABLED=false DAILY_ENTRANTS_ENABLED=false
java $JAVA_OPTS -jar "$JAR" import > "$work/import.log" 2>&1
echo "imported: $(tail -1 "$work/import.log" | jq -c '{races, entrants, failedRaces: (.failedRaces|length)}')"

java $JAVA_OPTS -jar "$JAR" > "$work/service.log" 2>&1 &
service=$!
# let the service run until the simulated day is over, plus a minute for the last Final to be polled
seconds=$(( $(date -d "$day_end" +%s) - $(date +%s) + 60 ))
echo "service polling for ${seconds} s (simulated day ends at $day_end)"
sleep "$seconds"
# CPU both JVMs used (start-up included): the work of a burst of polls shares the machine's cores between them
echo "CPU seconds: service $(cpu_seconds "$service"), simulated API $(cpu_seconds "$SIM_PID")"
kill -TERM "$service"
wait "$service" || true

grep -oE 'Polling (summary|stages).*' "$work/service.log"
sqlite3 "$work/polling.db" <<'SQL'
.mode list
select 'races: ' || sum(n) || ' (' || group_concat(status || ' ' || n, ', ') || ')' from
  (select status, count(*) n from races group by status);
select 'polls planned ' || sum(pollsPlanned) || ', made ' || sum(pollsMade) || ', missed ' || sum(pollsMissed)
  from races;
select 'missed poll records: ' || count(*) from import_failures where step = 'poll';
SQL
echo "errors in the service log: $(grep -c ' ERROR ' "$work/service.log" || true)"
machine_facts
