#!/usr/bin/env bash
# Recorded-day benchmark (RecordedDayBenchmark): `java -jar target/raceday-ingest.jar import --date 2025-07-17` of
# the recorded day (12 meetings, 96 races, 768 runners) from the loopback TAB server at TAB_LATENCY_MS (50) per
# request, into a fresh SQLite file and into a fresh database of the in-process Appwrite 1.6 test server at
# APPWRITE_LATENCY_MS (20) per request, RUNS times each: import time, process time, writes per document, writes of a
# re-run. JVM_OPTIONS are passed to the jar (none by default).
#
#   mvn -B -q package -DskipTests && bench/recorded-day-benchmark.sh
#   JVM_OPTIONS="-XX:SharedArchiveFile=$PWD/target/raceday-ingest.jsa -XX:TieredStopAtLevel=1" bench/recorded-day-benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
require_jar

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
mvn -B -q -o test -Dtest=RecordedDayBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Draceday.benchmark=true \
    -Draceday.benchmark.runs="${RUNS:-3}" -Draceday.benchmark.tab-latency-ms="${TAB_LATENCY_MS:-50}" \
    -Draceday.benchmark.appwrite-latency-ms="${APPWRITE_LATENCY_MS:-20}" \
    "-Draceday.benchmark.jvm-options=${JVM_OPTIONS:-}" \
    > target/recorded-day-benchmark.log 2>&1 || { echo "benchmark failed: see target/recorded-day-benchmark.log" >&2; exit 1; }
grep -h '^recorded day' target/surefire-reports/*RecordedDayBenchmark-output.txt
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
machine_facts
