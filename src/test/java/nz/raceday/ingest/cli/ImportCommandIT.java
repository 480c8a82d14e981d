package nz.raceday.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nz.raceday.ingest.store.Document;
import nz.raceday.ingest.store.DocumentQuery;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import nz.raceday.ingest.store.sqlite.SqliteRaceStore;
import nz.raceday.ingest.testsupport.JarRunner;
import nz.raceday.ingest.testsupport.JarRunner.Run;
import nz.raceday.ingest.testsupport.TabFixtures;
import nz.raceday.ingest.testsupport.TabTestServer;
import nz.raceday.ingest.testsupport.TabTestServer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar target/raceday-ingest.jar} as an operator runs it, from a working directory holding a copy of
 * {@code routes/} and {@code application.properties}, against the loopback TAB server.
 */
class ImportCommandIT {

    private static final String CANARY_EMAIL = "canary-7f3a@example.invalid";
    private static final String CANARY_PARTNER = "Canary Partner 7f3a";
    private static final String CANARY_ID = "canary-id-7f3a";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TabFixtures fixtures = new TabFixtures();
    private final TabTestServer tab = new TabTestServer(fixtures);
    private final JarRunner jar = new JarRunner()
            .env("TAB_BASE_URL", tab.baseUrl())
            .env("TAB_FROM_EMAIL", CANARY_EMAIL)
            .env("TAB_PARTNER_NAME", CANARY_PARTNER)
            .env("TAB_PARTNER_ID", CANARY_ID)
            .jvmOption("-Dtab.retry.initial-delay=10ms")
            .jvmOption("-Dtab.retry.max-delay=20ms");

    @AfterEach
    void cleanUp() throws IOException {
        tab.close();
        jar.close();
    }

    @Test
    void shouldImportTheRecordedDayAndChangeNothingOnASecondRun() throws Exception {
        Run first = run("import", "--date", "2025-07-17");

        assertThat(first.exitCode()).as(first.output()).isZero();
        JsonNode summary = first.summary();
        assertThat(summary.path("meetings").asInt()).isEqualTo(12);
        assertThat(summary.path("races").asInt()).isEqualTo(96);
        assertThat(summary.path("entrants").asInt()).isEqualTo(96 * 8);
        assertThat(summary.path("failedRaces").isArray()).isTrue();
        assertThat(summary.path("failedRaces")).isEmpty();
        assertThat(summary.path("requests").asInt()).isEqualTo(tab.requests().size());
        assertThat(summary.has("durationMs")).isTrue();
        Map<String, List<Document>> stored = storedDocuments();
        assertThat(stored.get(RaceDaySchema.MEETINGS)).extracting(Document::id).containsExactlyInAnyOrderElementsOf(
                fixtures.expectedMeetings().stream().map(m -> m.path("meeting").asText()).toList());
        assertThat(stored.get(RaceDaySchema.RACES)).hasSize(96);
        assertThat(stored.get(RaceDaySchema.ENTRANTS)).hasSize(96 * 8);

        Run second = run("import", "--date", "2025-07-17");

        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.summary().path("writes").path("inserted").asInt()).isZero();
        assertThat(second.summary().path("writes").path("updated").asInt()).isZero();
        assertThat(storedDocuments()).isEqualTo(stored);
        // the identification headers reached TAB, and never the output
        assertThat(tab.requests()).allSatisfy(r -> assertThat(r.header("From")).isEqualTo(CANARY_EMAIL));
        assertThat(first.output() + second.output()).doesNotContain(CANARY_EMAIL, CANARY_PARTNER, CANARY_ID);
    }

    @Test
    void shouldJournalWhereRacedayJournalPathSays() throws Exception {
        // README: journal.path is set from RACEDAY_JOURNAL_PATH, for the service and the journal commands alike
        Path elsewhere = jar.workDir().resolve("elsewhere/journal");
        jar.env("RACEDAY_JOURNAL_PATH", elsewhere.toString());

        Run run = run("import", "--date", "2025-07-17");

        assertThat(run.exitCode()).as(run.output()).isZero();
        try (Stream<Path> files = Files.list(elsewhere)) {
            // one segment per NZ racing day the responses arrived on
            assertThat(files.map(f -> f.getFileName().toString())).as("segments in " + elsewhere)
                    .isNotEmpty().allMatch(name -> name.endsWith(".journal"));
        }
        assertThat(jar.workDir().resolve("data/journal")).doesNotExist();
        Run stats = run("journal", "stats");
        assertThat(stats.exitCode()).as(stats.output()).isZero();
        assertThat(stats.summary().path("responses").asInt()).isEqualTo(tab.requests().size());
    }

    @Test
    void shouldListEveryFailingRaceWithItsReasonAndStillExitZero() throws Exception {
        List<String> races = new ArrayList<>(fixtures.expectedRaces().keySet());
        Set<String> failing = new java.util.HashSet<>();
        for (int i = 0; i < races.size(); i += 5) {
            failing.add(races.get(i));
            tab.failEvent(races.get(i), Response.status(500));
        }

        Run run = run("import", "--date", "2025-07-17");

        assertThat(run.exitCode()).as(run.output()).isZero();
        JsonNode summary = run.summary();
        Set<String> listed = new java.util.HashSet<>();
        summary.path("failedRaces").forEach(f -> {
            listed.add(f.path("raceId").asText());
            assertThat(f.path("reason").asText()).startsWith("TAB answered HTTP 500");
            assertThat(f.path("step").asText()).isEqualTo("races");
        });
        assertThat(listed).isEqualTo(failing);
        List<Document> entrants = storedDocuments().get(RaceDaySchema.ENTRANTS);
        assertThat(entrants).hasSize((96 - failing.size()) * 8);
        assertThat(entrants).noneMatch(e -> failing.contains(e.getString("raceId")));
    }

    @Test
    void shouldExitNonZeroWhenTheMeetingsCannotBeFetched() throws Exception {
        tab.fault(r -> r.resource().equals("meetings"), Response.status(503), -1);

        Run run = run("import", "--date", "2025-07-17");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.summary().path("status").asText()).isEqualTo("aborted");
        assertThat(run.summary().path("abortReason").asText()).contains("HTTP 503");
    }

    @Test
    void shouldCompleteWithZeroCountsForADayWithoutMatchingMeetings() throws Exception {
        // the test server lists the meetings of 17 July whatever day is asked for: none is dated the 18th
        Run run = run("import", "--date", "2025-07-18");

        assertThat(run.exitCode()).as(run.output()).isZero();
        JsonNode summary = run.summary();
        assertThat(summary.path("status").asText()).isEqualTo("completed");
        assertThat(summary.path("meetings").asInt()).isZero();
        assertThat(summary.path("races").asInt()).isZero();
        assertThat(summary.path("entrants").asInt()).isZero();
        assertThat(summary.path("failedRaces")).isEmpty();
        assertThat(summary.path("failedMeetings")).isEmpty();
        assertThat(tab.requestsFor("events/")).isEmpty();
    }

    @Test
    void shouldPickUpEditedConfigurationAndRoutesWithoutARebuild() throws Exception {
        jar.replaceIn("application.properties", "tab.meetings.countries = AUS,NZ", "tab.meetings.countries = NZ");
        jar.replaceIn("routes/tab-client.camel.yaml", "constant: application/json", "constant: application/json;q=0.9");

        Run run = run("import", "--date", "2025-07-17");

        assertThat(run.exitCode()).as(run.output()).isZero();
        Set<String> nzMeetings = fixtures.expectedMeetings().stream().filter(m -> m.path("country").asText()
                .equals("NZ")).map(m -> m.path("meeting").asText()).collect(Collectors.toSet());
        assertThat(storedDocuments().get(RaceDaySchema.MEETINGS)).extracting(Document::id)
                .containsExactlyInAnyOrderElementsOf(nzMeetings);
        assertThat(tab.requests()).allSatisfy(r -> assertThat(r.header("Accept")).isEqualTo("application/json;q=0.9"));
    }

    @Test
    void shouldExplainItselfAndRejectBadUsage() throws Exception {
        Run help = run("--help");
        Run bad = run("import", "--date", "17/07/2025");

        assertThat(help.exitCode()).isZero();
        assertThat(help.output()).contains("import [--date YYYY-MM-DD]");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.output()).contains("--date must be YYYY-MM-DD");
        assertThat(tab.requests()).isEmpty();
    }

    @Test
    void shouldWriteEveryLogLineAsJsonWhenAsked() throws Exception {
        tab.failEvent(new ArrayList<>(fixtures.expectedRaces().keySet()).get(0), Response.status(500));
        jar.env("LOGGING_FORMAT", "json");

        Run run = run("import", "--date", "2025-07-17");

        assertThat(run.exitCode()).as(run.output()).isZero();
        List<String> logLines = run.stdout().subList(0, run.stdout().size() - 1);
        assertThat(logLines).hasSizeGreaterThan(10);
        List<JsonNode> events = new ArrayList<>();
        for (String line : logLines) {
            events.add(JSON.readTree(line));
        }
        assertThat(events).allSatisfy(event -> {
            assertThat(event.path("@timestamp").asText()).isNotEmpty();
            assertThat(event.path("log.level").asText()).isIn("INFO", "WARN", "ERROR");
            assertThat(event.path("message").asText()).isNotEmpty();
        });
        // a dead-lettered race is logged with the route it failed in, from the MDC Camel fills
        assertThat(events).anySatisfy(event -> {
            assertThat(event.path("log.level").asText()).isEqualTo("WARN");
            assertThat(event.path("message").asText()).contains("TAB answered HTTP 500");
            assertThat(event.path("camel.routeId").asText()).isNotEmpty();
        });
        assertThat(run.summary().path("failedRaces")).hasSize(1);
    }

    private Run run(String... args) throws Exception {
        return jar.run(args);
    }

    private Map<String, List<Document>> storedDocuments() {
        try (SqliteRaceStore store = SqliteRaceStore.open(jar.database(), Clock.systemUTC())) {
            return Stream.of(RaceDaySchema.MEETINGS, RaceDaySchema.RACES, RaceDaySchema.ENTRANTS)
                    .collect(Collectors.toMap(c -> c, c -> store.list(c, DocumentQuery.all().orderAsc("$id"))));
        }
    }
}
