#!/usr/bin/env bash
# Appwrite schema provisioning on a fresh database of the in-process Appwrite 1.6 test server answering every request
# after 20 ms (AppwriteParallelProvisioningTest), RUNS times: wall time, requests, most requests in flight at once
# as the server saw them, then the second run on the provisioned database.
#
#   bench/provisioning-benchmark.sh
#   RUNS=5 bench/provisioning-benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh

RUNS=${RUNS:-3}
for i in $(seq 1 "$RUNS"); do
    mvn -B -q -o test -Dtest='AppwriteParallelProvisioningTest#shouldProvisionAFreshDatabase*' \
        -Dsurefire.failIfNoSpecifiedTests=false > target/provisioning-benchmark.log 2>&1 || true
    echo "run $i (load $(cut -d' ' -f1-3 /proc/loadavg)):"
    grep -hE '^(fresh database|second run)' target/surefire-reports/*AppwriteParallelProvisioningTest-output.txt \
        | sed 's/^/  /'
done
machine_facts
