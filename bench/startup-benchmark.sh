#!/usr/bin/env bash
# Start-up benchmark (StartupBenchmark): from just before `java -jar target/raceday-ingest.jar` starts to the
# import's first TAB request, and to the service's routes started, RUNS times each (min / median / max), with plain
# `java -jar`, with the AppCDS archive (bench/cds-archive.sh), with the archive and -XX:TieredStopAtLevel=1 (the
# README's options for the one-shot commands), and with the archive, -XX:+UseSerialGC and -Xmx128m (the README's
# options for the service). Load average printed beside each configuration.
#
#   mvn -B -q package -DskipTests && bench/cds-archive.sh && bench/startup-benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
require_jar

RUNS=${RUNS:-3}
ARCHIVE=$(pwd)/target/raceday-ingest.jsa
configurations=("")
if [ -s "$ARCHIVE" ]; then
    configurations+=("-XX:SharedArchiveFile=$ARCHIVE" "-XX:SharedArchiveFile=$ARCHIVE -XX:TieredStopAtLevel=1"
        "-XX:SharedArchiveFile=$ARCHIVE -XX:+UseSerialGC -Xmx128m")
else
    echo "no $ARCHIVE (bench/cds-archive.sh): plain java -jar only" >&2
fi
for options in "${configurations[@]}"; do
    echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
    mvn -B -q -o test -Dtest=StartupBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Draceday.benchmark=true \
        -Draceday.benchmark.runs="$RUNS" "-Draceday.benchmark.jvm-options=$options" \
        > target/startup-benchmark.log 2>&1 || { echo "benchmark failed: see target/startup-benchmark.log" >&2; exit 1; }
    grep -h '^startup' target/surefire-reports/*StartupBenchmark-output.txt
    echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
done
machine_facts
