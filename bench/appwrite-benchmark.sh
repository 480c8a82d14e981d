#!/usr/bin/env bash
# Appwrite persistence benchmark: the polls of one simulated 12-runner race (T-10 min to Final, every 15 s) stored
# through the Appwrite store into the in-process Appwrite 1.6 test server, which answers every request after
# LATENCY_MS (20 by default). Reports store.apply latency p50/p99/max and Appwrite requests per poll (warm, and cold as
# after a restart), then the outbox drain rate after a second race was polled from T-10 min to Final during an outage.
#
#   bench/appwrite-benchmark.sh
#   LATENCY_MS=50 bench/appwrite-benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh

LATENCY_MS=${LATENCY_MS:-20}
# surefire writes the benchmark's stdout to its report directory
mvn -B -q test -Dtest=AppwritePollPersistenceBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
    -Draceday.benchmark=true -Draceday.benchmark.latency-ms="$LATENCY_MS" \
    > target/appwrite-benchmark.log 2>&1 || { echo "benchmark failed: see target/appwrite-benchmark.log" >&2; exit 1; }
grep -hE '^(warm|cold|outbox drain)' target/surefire-reports/*AppwritePollPersistenceBenchmark-output.txt
machine_facts
