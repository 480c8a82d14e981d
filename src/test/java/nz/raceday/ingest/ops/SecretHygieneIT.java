package nz.raceday.ingest.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import nz.raceday.ingest.testsupport.JarRunner;
import nz.raceday.ingest.testsupport.TabFixtures;
import nz.raceday.ingest.testsupport.TabTestServer;
import nz.raceday.ingest.testsupport.TabTestServer.Response;
import nz.raceday.ingest.testsupport.appwrite.AppwriteTestServer;
import nz.raceday.ingest.testsupport.appwrite.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Secrets never leave the process except where they belong. The jar runs with canary values in the four secret
 * environment variables through an import with failing races, retries and dead letters while Appwrite refuses
 * document writes (so they go to the outbox), a service start that drains the outbox, a failing and a succeeding
 * poll, and reads of every management endpoint and of every MBean Jolokia lets through; then everything that was
 * printed, answered or stored is searched for the canaries. The TAB identification headers still reach TAB.
 */
class SecretHygieneIT {

    private static final String EMAIL = "canary-mail-91f2@example.invalid";
    private static final String PARTNER = "Canary Partner 91f2";
    private static final String PARTNER_ID = "canary-pid-91f2";
    private static final String KEY = "standard_canary_key_91f2_0123456789abcdef";
    private static final List<String> CANARIES = List.of(EMAIL, PARTNER, PARTNER_ID, KEY, "91f2");

    private final TabFixtures fixtures = new TabFixtures();
    private final TabTestServer tab = new TabTestServer(fixtures);
    private final AppwriteTestServer appwrite = AppwriteTestServer.builder().apiKey(KEY).start();
    private final JarRunner jar = new JarRunner()
            .env("TAB_BASE_URL", tab.baseUrl())
            .env("TAB_FROM_EMAIL", EMAIL)
            .env("TAB_PARTNER_NAME", PARTNER)
            .env("TAB_PARTNER_ID", PARTNER_ID)
            .env("RACEDAY_STORE", "appwrite")
            .env("APPWRITE_ENDPOINT", appwrite.endpoint())
            .env("APPWRITE_PROJECT_ID", appwrite.projectId())
            .env("APPWRITE_API_KEY", KEY)
            .jvmOption("-Dtab.retry.initial-delay=10ms")
            .jvmOption("-Dtab.retry.max-delay=20ms")
            .jvmOption("-Dappwrite.retry-backoff=5ms")
            .jvmOption("-Dappwrite.close-drain-timeout=1000ms");
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final List<String> evidence = new ArrayList<>();

    @AfterEach
    void cleanUp() throws IOException {
        tab.close();
        jar.close();
        appwrite.clearSpecViolations();
        appwrite.close();
    }

    @Test
    void shouldKeepEveryCanaryOutOfLogsRecordsAnswersAndDumps() throws Exception {
        List<String> races = new ArrayList<>(fixtures.expectedRaces().keySet());
        tab.failEvent(races.get(1), Response.status(500));
        tab.failEvent(races.get(2), Response.malformed());
        tab.fault(r -> r.resource().equals("events/" + races.get(3)), Response.status(429, "Retry-After", "0"), 1);
        // Appwrite refuses document writes: they wait in the outbox
        appwrite.failNext(Fault.htmlError(503), 100_000, "POST", "/documents$");
        appwrite.failNext(Fault.htmlError(503), 100_000, "PATCH", "/documents/");

        JarRunner.Run imported = jar.run("import", "--date", "2025-07-17");
        evidence.add(imported.output());
        assertThat(imported.exitCode()).as(imported.output()).isZero();
        JsonNode summary = imported.summary();
        assertThat(summary.path("writes").path("queued").asLong()).isPositive();
        assertThat(summary.path("failedRaces").size()).isEqualTo(2);

        appwrite.recover();
        JarRunner.Started service = jar.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> service.outputSoFar().contains(" started: store "));
            await().atMost(Duration.ofSeconds(60)).until(() -> service.outputSoFar().contains("Appwrite outbox drained"));
            readEverythingManagementServes(jar.managementPort());
        } finally {
            service.process().destroy();
            assertThat(service.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        evidence.add(service.outputSoFar());

        tab.failEvent(races.get(4), Response.status(503));
        JarRunner.Run failedPoll = jar.run("poll", "--race", races.get(4));
        evidence.add(failedPoll.output());
        assertThat(failedPoll.exitCode()).isEqualTo(1);
        JarRunner.Run poll = jar.run("poll", "--race", TabFixtures.RECORDED_EVENT_ID);
        evidence.add(poll.output());
        assertThat(poll.exitCode()).as(poll.output()).isZero();

        // what was stored: the dead letters (reasons of failed races and polls) and every other document
        for (var collection : RaceDaySchema.collections()) {
            evidence.add(json.writeValueAsString(appwrite.documents(RaceDaySchema.DATABASE_ID, collection.id())));
        }
        assertThat(appwrite.documents(RaceDaySchema.DATABASE_ID, RaceDaySchema.IMPORT_FAILURES)).hasSizeGreaterThan(2);
        // the outbox file and anything else the runs left in their working directory
        try (Stream<Path> files = Files.walk(jar.workDir())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                evidence.add(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }

        String everything = String.join("\n", evidence);
        assertThat(everything).contains("Appwrite outbox", "dumpRoutesAsXml", "TAB answered HTTP 500");
        for (String canary : CANARIES) {
            assertThat(everything).as("canary %s", canary).doesNotContain(canary);
        }
        // ... while the identification still reaches TAB
        assertThat(tab.requests()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.header("From")).isEqualTo(EMAIL);
            assertThat(r.header("X-Partner")).isEqualTo(PARTNER);
            assertThat(r.header("X-Partner-ID")).isEqualTo(PARTNER_ID);
        });
    }

    private void readEverythingManagementServes(int port) throws Exception {
        String base = "http://127.0.0.1:" + port + "/observe";
        for (String path : List.of("/health", "/health/live", "/health/ready", "/info", "/metrics",
                "/jolokia/version", "/jolokia/list")) {
            evidence.add(path + " " + get(base + path));
        }
        JsonNode names = json.readTree(post(base + "/jolokia", "{\"type\":\"search\",\"mbean\":\"*:*\"}"))
                .path("value");
        int readable = 0;
        for (JsonNode name : names) {
            String body = post(base + "/jolokia", json.createObjectNode().put("type", "read")
                    .put("mbean", name.asText()).toString());
            evidence.add(name.asText() + " " + body);
            if (json.readTree(body).path("status").asInt() == 200) {
                readable++;
            }
        }
        assertThat(readable).as("MBeans Jolokia lets through").isGreaterThan(50);
        JsonNode context = json.readTree(post(base + "/jolokia",
                "{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=context,*\"}")).path("value").get(0);
        for (String operation : List.of("dumpRoutesAsXml()", "dumpRoutesStatsAsXml(boolean,boolean)")) {
            String request = json.createObjectNode().put("type", "exec").put("mbean", context.asText())
                    .put("operation", operation).toString();
            if (operation.contains("boolean")) {
                request = request.replace("}", ",\"arguments\":[true,true]}");
            }
            String body = post(base + "/jolokia", request);
            assertThat(json.readTree(body).path("status").asInt()).as(body).isEqualTo(200);
            evidence.add("dumpRoutesAsXml " + body);
        }
    }

    private String get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private String post(String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
