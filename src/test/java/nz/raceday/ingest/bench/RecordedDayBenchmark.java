package nz.raceday.ingest.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import nz.raceday.ingest.testsupport.JarRunner;
import nz.raceday.ingest.testsupport.TabFixtures;
import nz.raceday.ingest.testsupport.TabTestServer;
import nz.raceday.ingest.testsupport.appwrite.AppwriteTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The recorded day (2025-07-17: 12 meetings, 96 races, 768 runners) imported by {@code java -jar ... import} from the
 * loopback TAB server answering each request after {@code raceday.benchmark.tab-latency-ms} (50), into a fresh
 * SQLite file and into a fresh database of the in-process Appwrite 1.6 test server answering each request after
 * {@code raceday.benchmark.appwrite-latency-ms} (20), {@code raceday.benchmark.runs} times each: the import's own time
 * ({@code durationMs} of its summary), the whole process (JVM start, provisioning, import, stop), document writes per
 * document stored, and the writes of a re-run. JVM options of the jar: {@code raceday.benchmark.jvm-options}. Run with
 * {@code bench/recorded-day-benchmark.sh}; results go to stdout.
 */
@EnabledIfSystemProperty(named = "raceday.benchmark", matches = "true")
@org.junit.jupiter.api.Timeout(value = 30, unit = TimeUnit.MINUTES)
class RecordedDayBenchmark {

    private final int runs = Integer.getInteger("raceday.benchmark.runs", 3);
    private final Duration tabLatency = Duration.ofMillis(Long.getLong("raceday.benchmark.tab-latency-ms", 50));
    private final Duration appwriteLatency = Duration.ofMillis(
            Long.getLong("raceday.benchmark.appwrite-latency-ms", 20));
    private final List<String> jvmOptions = Arrays.stream(System.getProperty("raceday.benchmark.jvm-options", "")
            .trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    private final String label = jvmOptions.isEmpty() ? "plain java -jar" : String.join(" ", jvmOptions);

    private record Timed(JarRunner.Run run, long processMs) {
    }

    private Timed timed(JarRunner jar) throws Exception {
        Instant started = Instant.now();
        JarRunner.Run run = jar.run("import", "--date", "2025-07-17");
        long took = Duration.between(started, Instant.now()).toMillis();
        if (run.exitCode() != 0) {
            throw new AssertionError("import failed: " + run.output());
        }
        return new Timed(run, took);
    }

    private static long documents(JsonNode summary) {
        return summary.path("meetings").asLong() + summary.path("races").asLong() + summary.path("entrants").asLong();
    }

    private static long writes(JsonNode summary) {
        JsonNode writes = summary.path("writes");
        return writes.path("inserted").asLong() + writes.path("updated").asLong() + writes.path("queued").asLong();
    }

    private JarRunner jar(TabTestServer tab) {
        JarRunner jar = new JarRunner().env("TAB_BASE_URL", tab.baseUrl());
        jvmOptions.forEach(jar::jvmOption);
        return jar;
    }

    @Test
    void sqlite() throws Exception {
        List<Long> imports = new ArrayList<>();
        List<Long> processes = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            try (TabTestServer tab = new TabTestServer(new TabFixtures()).latency(tabLatency); JarRunner jar = jar(tab)) {
                Timed first = timed(jar);
                JsonNode summary = first.run().summary();
                Timed again = timed(jar);
                imports.add(summary.path("durationMs").asLong());
                processes.add(first.processMs());
                System.out.printf("recorded day [%s] sqlite run %d: import %d ms, process %d ms, %d TAB requests, "
                        + "%d documents, %.3f writes per document; re-run: %d writes, import %d ms%n", label, i + 1,
                        summary.path("durationMs").asLong(), first.processMs(), summary.path("requests").asLong(),
                        documents(summary), (double) writes(summary) / documents(summary),
                        writes(again.run().summary()), again.run().summary().path("durationMs").asLong());
            }
        }
        System.out.printf("recorded day [%s] sqlite: import %s ms, process %s ms (min / median / max)%n", label,
                stats(imports), stats(processes));
    }

    @Test
    void appwrite() throws Exception {
        List<Long> imports = new ArrayList<>();
        List<Long> processes = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            try (TabTestServer tab = new TabTestServer(new TabFixtures()).latency(tabLatency);
                    AppwriteTestServer appwrite = AppwriteTestServer.start();
                    JarRunner jar = jar(tab).env("RACEDAY_STORE", "appwrite")
                            .env("APPWRITE_ENDPOINT", appwrite.endpoint())
                            .env("APPWRITE_PROJECT_ID", appwrite.projectId())
                            .env("APPWRITE_API_KEY", appwrite.apiKey())) {
                appwrite.setLatency(appwriteLatency);
                Timed first = timed(jar);
                JsonNode summary = first.run().summary();
                long posts = documentWrites(appwrite, "POST");
                long patches = documentWrites(appwrite, "PATCH");
                long provisioning = appwrite.requestLog().stream().filter(r -> !r.path().contains("/documents"))
                        .count();
                appwrite.resetRequestLog();
                Timed again = timed(jar);
                imports.add(summary.path("durationMs").asLong());
                processes.add(first.processMs());
                System.out.printf("recorded day [%s] appwrite run %d: import %d ms, process %d ms (provisioning %d "
                        + "requests), %d documents, %d POST + %d PATCH documents = %.3f writes per document; re-run: "
                        + "%d POST, %d PATCH, process %d ms%n", label, i + 1, summary.path("durationMs").asLong(),
                        first.processMs(), provisioning, documents(summary), posts, patches,
                        (double) (posts + patches) / documents(summary), documentWrites(appwrite, "POST"),
                        documentWrites(appwrite, "PATCH"), again.processMs());
            }
        }
        System.out.printf("recorded day [%s] appwrite: import %s ms, process %s ms (min / median / max)%n", label,
                stats(imports), stats(processes));
    }

    private static long documentWrites(AppwriteTestServer appwrite, String method) {
        return appwrite.requestLog().stream().filter(r -> r.method().equals(method) && r.path().contains("/documents"))
                .count();
    }

    private static String stats(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(0) + " / " + sorted.get(sorted.size() / 2) + " / " + sorted.get(sorted.size() - 1);
    }
}
