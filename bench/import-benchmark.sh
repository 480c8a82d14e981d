#!/usr/bin/env bash
# Import benchmark: imports a full simulated racing day (default 30 meetings x 10 races x 12 runners, 50 ms response
# latency) from the simulated TAB API running in a separate JVM, and reports wall time, TAB requests, requests per
# second, peak heap and process RSS, against the floor requests x latency / concurrency limit.
#
#   bench/import-benchmark.sh            # the documented run
#   MEETINGS=10 LATENCY=20ms bench/import-benchmark.sh
#   JAVA_OPTS="-XX:SharedArchiveFile=$PWD/target/raceday-ingest.jsa -XX:TieredStopAtLevel=1" bench/import-benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
require_jar

MEETINGS=${MEETINGS:-30}
RACES=${RACES:-10}
RUNNERS=${RUNNERS:-12}
LATENCY=${LATENCY:-50ms}
SEED=${SEED:-42}
CONCURRENCY=$(awk -F' *= *' '/^tab.max-concurrent-requests/ {print $2}' application.properties)

work=$(mktemp -d)
trap 'stop_simulator; rm -rf "$work"' EXIT

start_simulator "$work/simulator.log" --meetings "$MEETINGS" --races "$RACES" --runners "$RUNNERS" \
    --latency "$LATENCY" --seed "$SEED" --first-start 60m

start=$(date +%s%N)
TAB_BASE_URL="http://127.0.0.1:$PORT" RACEDAY_DB_PATH="$work/bench.db" RACEDAY_JOURNAL_PATH="$work/journal" \
    /usr/bin/time -v java ${JAVA_OPTS:-} -jar "$JAR" import > "$work/import.log" 2> "$work/time.txt"
end=$(date +%s%N)

summary=$(tail -1 "$work/import.log")
resources=$(grep -o 'Resources: .*' "$work/import.log" | tail -1)
latency_ms=$(echo "$LATENCY" | sed -E 's/ms$//; s/^([0-9]+)s$/\1000/')
echo "$summary" | jq --arg latency "$latency_ms" --arg concurrency "$CONCURRENCY" --arg process_ms $(((end - start) / 1000000)) \
    --arg max_rss_kb "$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")" --arg resources "$resources" \
    --arg cpu "$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {printf "%.1f s user + %.1f s system", u, s}' "$work/time.txt")" -r '
    (.requests * ($latency|tonumber) / ($concurrency|tonumber)) as $floor |
    "day: \(.meetings) meetings, \(.races) races, \(.entrants) entrants stored; failed races \(.failedRaces|length)",
    "TAB requests: \(.requests)",
    "import wall time: \(.durationMs) ms (process incl. JVM start and stop: \($process_ms) ms)",
    "requests per second: \((.requests / (.durationMs / 1000)) * 10 | round / 10)",
    "floor requests x latency / concurrency: \(.requests) x \($latency) ms / \($concurrency) = \($floor | round) ms; wall time / floor = \((.durationMs / $floor) * 100 | round / 100)",
    "\($resources); max RSS (time -v): \(($max_rss_kb|tonumber) / 1024 | round) MB",
    "importer CPU (time -v, whole process): \($cpu)"'
machine_facts
