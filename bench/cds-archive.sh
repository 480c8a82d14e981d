#!/usr/bin/env bash
# Creates the AppCDS archive target/raceday-ingest.jsa from a training run of `simulate` with
# -XX:ArchiveClassesAtExit: a small simulated day imported and polled in one JVM with the service's management
# server (health, metrics, Jolokia), so that the classes every command loads (Camel, the YAML routes' DSL, Jackson,
# SQLite, the HTTP client, Quartz, Vert.x, Jolokia, Micrometer, the SDKs) are mapped from the archive on the next
# starts instead of being read, verified and parsed from the fat jar. The run ends (SIGTERM, which dumps the archive)
# once the first polls are stored. Re-run after every build: an archive made from another jar is ignored by the JVM
# (it starts normally, without it).
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
# a failed or interrupted run leaves no training JVM behind and no half-trained archive: the archive is kept only
# once the training run has ended cleanly
training=
trained=
cleanup() {
    if [ -n "$training" ] && kill -0 "$training" 2>/dev/null; then
        kill -KILL "$training" 2>/dev/null || true
        wait "$training" 2>/dev/null || true
    fi
    [ -n "$trained" ] || rm -f "$ARCHIVE"
    rm -rf "$work"
}
trap cleanup EXIT
fail() {
    echo "$1" >&2
    tail -20 "$work/training.log" >&2
    exit 1
}

# its own management port: an exported MANAGEMENT_PORT may be a running service's
TRAINING_MANAGEMENT_PORT=${TRAINING_MANAGEMENT_PORT:-19876}
rm -f "$ARCHIVE"
# races from 30 s ahead: the first polls come at once, the import before them
RACEDAY_DB_PATH="$work/training.db" RACEDAY_JOURNAL_PATH="$work/journal" MANAGEMENT_PORT=$TRAINING_MANAGEMENT_PORT \
    java -XX:ArchiveClassesAtExit="$ARCHIVE" -jar "$JAR_PATH" simulate --meetings 2 --races 4 --runners 8 \
    --latency 0ms --seed 1 --first-start 30s --spacing 30s --port "$PORT" > "$work/training.log" 2>&1 &
training=$!
for _ in $(seq 1 600); do
    grep -q 'RacePolling - Polled ' "$work/training.log" && break
    kill -0 "$training" 2>/dev/null || break
    sleep 0.1
done
grep -q 'RacePolling - Polled ' "$work/training.log" || fail "training run ended or stored no poll within 60 s:"
# what operators and Hawtio ask the management server for
for path in health metrics 'jolokia/read/java.lang:type=Memory'; do
    curl -s --max-time 5 -o /dev/null "http://127.0.0.1:$TRAINING_MANAGEMENT_PORT/observe/$path" || true
done
# SIGTERM: simulate stops gracefully and exits 0, and the JVM writes the archive on its way out
kill -TERM "$training" 2>/dev/null || true
for _ in $(seq 1 600); do
    kill -0 "$training" 2>/dev/null || break
    sleep 0.1
done
kill -0 "$training" 2>/dev/null && fail "training run did not stop within 60 s of SIGTERM:"
wait "$training" || fail "training run did not end cleanly:"
training=
trained=yes
[ -s "$ARCHIVE" ] || { echo "no archive written: $(tail -5 "$work/training.log")" >&2; exit 1; }
echo "archive: $ARCHIVE ($(du -h "$ARCHIVE" | cut -f1)), from $JAR ($(git rev-parse --short HEAD 2>/dev/null || echo '?'))"
