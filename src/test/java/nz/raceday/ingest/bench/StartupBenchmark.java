package nz.raceday.ingest.bench;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import nz.raceday.ingest.testsupport.JarRunner;
import nz.raceday.ingest.testsupport.TabFixtures;
import nz.raceday.ingest.testsupport.TabTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Start-up of {@code java -jar target/raceday-ingest.jar}, measured from just before the process is started (issue 13
 * item 1): to the {@code import}'s first TAB request (the loopback TAB server with the recorded day notes when the
 * meetings request arrives), and to the service's routes started (the time stamp of Camel's
 * {@code (raceday-ingest) started in} log line). Each {@code raceday.benchmark.runs} times, with the JVM options of
 * {@code raceday.benchmark.jvm-options}. Run with {@code bench/startup-benchmark.sh}; results go to stdout.
 */
@EnabledIfSystemProperty(named = "raceday.benchmark", matches = "true")
@org.junit.jupiter.api.Timeout(value = 20, unit = TimeUnit.MINUTES)
class StartupBenchmark {

    private static final Pattern LOG_TIME = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}) ");
    private static final DateTimeFormatter LOG_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private final int runs = Integer.getInteger("raceday.benchmark.runs", 3);
    private final List<String> jvmOptions = Arrays.stream(System.getProperty("raceday.benchmark.jvm-options", "")
            .trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    private final String label = jvmOptions.isEmpty() ? "plain java -jar" : String.join(" ", jvmOptions);

    private JarRunner jar(TabTestServer tab) {
        JarRunner jar = new JarRunner().env("TAB_BASE_URL", tab.baseUrl());
        jvmOptions.forEach(jar::jvmOption);
        return jar;
    }

    @Test
    void importFirstRequestAndServiceRoutesStarted() throws Exception {
        List<Long> firstRequest = new ArrayList<>();
        List<Long> firstRequestCpu = new ArrayList<>();
        List<Long> importProcess = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            AtomicReference<Instant> first = new AtomicReference<>();
            AtomicReference<Long> cpu = new AtomicReference<>();
            try (TabTestServer tab = new TabTestServer(new TabFixtures()); JarRunner jar = jar(tab)) {
                tab.fault(request -> {
                    if (first.compareAndSet(null, Instant.now())) {
                        // the jar is this JVM's only child process
                        cpu.set(ProcessHandle.current().children().mapToLong(StartupBenchmark::cpuMillis).sum());
                    }
                    return false;
                }, TabTestServer.Response.status(500), -1);
                Instant started = Instant.now();
                JarRunner.Run run = jar.run("import", "--date", "2025-07-17");
                Instant ended = Instant.now();
                if (run.exitCode() != 0 || first.get() == null) {
                    throw new AssertionError("import failed: " + run.output());
                }
                firstRequest.add(Duration.between(started, first.get()).toMillis());
                firstRequestCpu.add(cpu.get());
                importProcess.add(Duration.between(started, ended).toMillis());
            }
        }
        List<Long> routesStarted = new ArrayList<>();
        List<Long> routesStartedCpu = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            try (TabTestServer tab = new TabTestServer(new TabFixtures()); JarRunner jar = jar(tab)) {
                Instant started = Instant.now();
                JarRunner.Started service = jar.start();
                try {
                    routesStarted.add(Duration.between(started, routesStartedAt(service)).toMillis());
                    // read up to one 50 ms look at the output later, while the service's startup planner runs
                    routesStartedCpu.add(cpuMillis(service.process().toHandle()));
                } finally {
                    service.process().destroy();
                    service.process().waitFor(60, TimeUnit.SECONDS);
                }
            }
        }
        System.out.printf("startup [%s] import first TAB request: %s ms (min/median/max of %s)%n", label,
                stats(firstRequest), firstRequest);
        System.out.printf("startup [%s] import CPU time (user + system) to its first TAB request: %s ms (of %s)%n",
                label, stats(firstRequestCpu), firstRequestCpu);
        System.out.printf("startup [%s] import whole process (recorded day, no latency): %s ms (of %s)%n", label,
                stats(importProcess), importProcess);
        System.out.printf("startup [%s] service routes started: %s ms (of %s)%n", label, stats(routesStarted),
                routesStarted);
        System.out.printf("startup [%s] service CPU time (user + system) at routes started: %s ms (of %s)%n", label,
                stats(routesStartedCpu), routesStartedCpu);
    }

    /**
     * CPU time (user + system) a process has used so far, from {@code /proc/<pid>/stat} in clock ticks of 10 ms:
     * unlike the wall time, hardly affected by other processes on the machine.
     */
    private static long cpuMillis(ProcessHandle process) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + process.pid() + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields from the state on: utime and stime are the 12th and 13th
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
        } catch (IOException e) {
            return -1;
        }
    }

    /** When Camel logged that the service's routes had started, by the log line's own time stamp. */
    private static Instant routesStartedAt(JarRunner.Started service) {
        // polls the child's output file; the figure comes from the log's own time stamp, not from when it was seen
        String line = await("the service's routes started").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    if (!service.process().isAlive()) {
                        throw new AssertionError("the service ended: " + service.outputSoFar());
                    }
                    return Arrays.stream(service.outputSoFar().split("\n"))
                            .filter(l -> l.contains("(raceday-ingest) started in ")).findFirst().orElse(null);
                }, Objects::nonNull);
        Matcher time = LOG_TIME.matcher(line);
        if (!time.find()) {
            throw new AssertionError("no time stamp on " + line);
        }
        return LocalDateTime.parse(time.group(1), LOG_FORMAT).atZone(ZoneId.systemDefault()).toInstant();
    }

    private static String stats(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(0) + " / " + sorted.get(sorted.size() / 2) + " / " + sorted.get(sorted.size() - 1);
    }
}
