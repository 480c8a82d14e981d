#!/usr/bin/env bash
# Fault run: imports a simulated day while the simulated TAB API answers 10 % of requests with 5xx, holds 5 % past
# the client timeout, garbles 2 %, and throttles in bursts (429 with Retry-After). Shows that every race ends stored
# or dead-lettered with its reason, what the retries recovered, and that nothing crashed.
#
#   bench/fault-run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
require_jar

MEETINGS=${MEETINGS:-12}
RACES=${RACES:-8}
RUNNERS=${RUNNERS:-10}
SEED=${SEED:-7}

work=$(mktemp -d)
trap 'stop_simulator; rm -rf "$work"' EXIT

start_simulator "$work/simulator.log" --meetings "$MEETINGS" --races "$RACES" --runners "$RUNNERS" --seed "$SEED" \
    --first-start 60m --error-rate 0.10 --timeout-rate 0.05 --malformed-rate 0.02 --throttle-rate 0.03 \
    --throttle-burst 5 --retry-after 1 --timeout-hold 20s

set +e
TAB_BASE_URL="http://127.0.0.1:$PORT" RACEDAY_DB_PATH="$work/fault.db" RACEDAY_JOURNAL_PATH="$work/journal" java -jar "$JAR" import > "$work/import.log" 2>&1
exit_code=$?
set -e
stop_simulator
SIM_PID=

summary=$(tail -1 "$work/import.log")
echo "import exit code: $exit_code (0 = the pipeline ran)"
echo "$summary" | jq -r '
    "races of the day: \(.races); meetings \(.meetings); entrants \(.entrants); TAB requests \(.requests); \(.durationMs) ms",
    "failed races: \(.failedRaces|length)", (.failedRaces | group_by(.reason | sub("events/[0-9a-f-]+"; "events/<id>") | sub("event [0-9a-f-]+"; "event <id>"))[]
        | "  \(length) x \(.[0].step): \(.[0].reason | sub("events/[0-9a-f-]+"; "events/<id>") | sub("event [0-9a-f-]+"; "event <id>"))"),
    "failed meetings: \(.failedMeetings|length)"'
grep -o 'stopping after .*' "$work/simulator.log" | sed 's/^/simulated API: /'
echo "retries logged: $(grep -c 'Failed delivery' "$work/import.log")"
echo "stack traces or unexpected errors in the log: $(grep -cE 'Exception in thread|^\s+at ' "$work/import.log" || true)"

# every race of the day is either stored with its detail and runners, or listed as failed with a reason
sqlite3 "$work/fault.db" <<'SQL'
.mode list
select 'races stored with detail and runners: ' || count(*) from races r
  where r.startTimeNz is not null and exists (select 1 from entrants e where e.raceId = r.id);
select 'races with a failure record: ' || count(distinct raceId) from import_failures where raceId is not null;
select 'races neither complete nor recorded as failed: ' || count(*) from races r
  where not (r.startTimeNz is not null and exists (select 1 from entrants e where e.raceId = r.id))
  and r.id not in (select raceId from import_failures where raceId is not null);
SQL
machine_facts
