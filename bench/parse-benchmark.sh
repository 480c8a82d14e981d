#!/usr/bin/env bash
# Parse benchmark: time and allocation per event of TabPayloadParser.parseEvent, for the recorded event (410 KB) and
# a simulated 12-runner event with 12 form entries per runner (~216 KB), in one JVM after a warm-up. Single-threaded;
# run it on a quiet machine or report the load average it prints.
#
#   bench/parse-benchmark.sh
#   WARMUP_S=10 bench/parse-benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/.."

WARMUP_S=${WARMUP_S:-5}
mkdir -p target
# surefire writes the benchmark's stdout to its report directory
mvn -B -q test -Dtest=EventParseBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
    -Draceday.benchmark=true -Draceday.benchmark.warmup-s="$WARMUP_S" \
    > target/parse-benchmark.log 2>&1 || { echo "benchmark failed: see target/parse-benchmark.log" >&2; exit 1; }
grep -hE '^(recorded event|simulated event|load average)' target/surefire-reports/*EventParseBenchmark-output.txt
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, \
$(free -g | awk '/Mem:/ {print $2}') GiB RAM, kernel $(uname -r)"
echo "java: $(java -version 2>&1 | head -1); commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
