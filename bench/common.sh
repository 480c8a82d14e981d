# Shared helpers of the benchmark scripts: the jar, a simulated TAB API in its own JVM, and machine facts.
# Sourced, not run.

JAR=${JAR:-target/raceday-ingest.jar}
PORT=${PORT:-18089}

require_jar() {
    if [ ! -f "$JAR" ]; then
        echo "no $JAR: run 'mvn -B -q package -DskipTests' first" >&2
        exit 2
    fi
}

# start_simulator <log file> <simulate options...>: the simulated API alone, in a separate JVM, on $PORT
start_simulator() {
    local log=$1
    shift
    java -jar "$JAR" simulate --api-only --port "$PORT" "$@" > "$log" 2>&1 &
    SIM_PID=$!
    for _ in $(seq 1 100); do
        if curl -s -o /dev/null "http://127.0.0.1:$PORT/affiliates/v1/racing/meetings"; then
            return 0
        fi
        sleep 0.2
    done
    echo "the simulated API did not come up; see $log" >&2
    exit 1
}

stop_simulator() {
    if [ -n "${SIM_PID:-}" ]; then
        kill "$SIM_PID" 2>/dev/null || true
        wait "$SIM_PID" 2>/dev/null || true
    fi
}

# cpu_seconds <pid>: user + system CPU time the process has used so far, in seconds
cpu_seconds() {
    awk -v tick="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / tick}' "/proc/$1/stat"
}

machine_facts() {
    echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, \
$(free -g | awk '/Mem:/ {print $2}') GiB RAM, kernel $(uname -r)"
    echo "java: $(java -version 2>&1 | head -1)"
    echo "jar: $JAR ($(du -h "$JAR" | cut -f1)), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
}
