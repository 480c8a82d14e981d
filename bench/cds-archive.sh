#!/usr/bin/env bash
# Creates the AppCDS archive target/raceday-ingest.jsa from a training run: an import of a small simulated day
# (simulated TAB API in a separate JVM) with -XX:ArchiveClassesAtExit, so that the classes the application loads
# (Camel, the YAML routes' DSL, Jackson, SQLite, the HTTP client, the SDKs) are mapped from the archive on the next
# starts instead of being read, verified and parsed from the fat jar. Re-run after every build: an archive made from
# another jar is ignored by the JVM (it starts normally, without it).
#
#   mvn -B -q package -DskipTests && bench/cds-archive.sh
#   java -XX:SharedArchiveFile=target/raceday-ingest.jsa -XX:TieredStopAtLevel=1 -jar target/raceday-ingest.jar import
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
require_jar

ARCHIVE=${ARCHIVE:-target/raceday-ingest.jsa}
# the archive records the jar path as given: an absolute one matches however the jar is named later (a relative one
# only from the same working directory)
JAR_PATH=$(cd "$(dirname "$JAR")" && pwd)/$(basename "$JAR")
work=$(mktemp -d)
trap 'stop_simulator; rm -rf "$work"' EXIT

start_simulator "$work/simulator.log" --meetings 2 --races 4 --runners 8 --latency 0ms --seed 1 --first-start 60m
rm -f "$ARCHIVE"
TAB_BASE_URL="http://127.0.0.1:$PORT" RACEDAY_DB_PATH="$work/training.db" \
    java -XX:ArchiveClassesAtExit="$ARCHIVE" -jar "$JAR_PATH" import > "$work/training.log" 2>&1 \
    || { echo "training run failed:" >&2; tail -20 "$work/training.log" >&2; exit 1; }
grep -q 'Dumping shared data\|Number of classes' "$work/training.log" || true
[ -s "$ARCHIVE" ] || { echo "no archive written: $(tail -5 "$work/training.log")" >&2; exit 1; }
echo "archive: $ARCHIVE ($(du -h "$ARCHIVE" | cut -f1)), from $JAR ($(git rev-parse --short HEAD 2>/dev/null || echo '?'))"
