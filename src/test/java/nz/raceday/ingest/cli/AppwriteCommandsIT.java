package nz.raceday.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import nz.raceday.ingest.polling.MoneyFlow;
import nz.raceday.ingest.store.Document;
import nz.raceday.ingest.store.DocumentQuery;
import nz.raceday.ingest.store.RaceStore;
import nz.raceday.ingest.store.StoredTimes;
import nz.raceday.ingest.store.appwrite.AppwriteTestStores;
import nz.raceday.ingest.store.schema.CollectionSchema;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import nz.raceday.ingest.store.sqlite.SqliteRaceStore;
import nz.raceday.ingest.testsupport.JarRunner;
import nz.raceday.ingest.testsupport.JarRunner.Run;
import nz.raceday.ingest.testsupport.TabFixtures;
import nz.raceday.ingest.testsupport.TabTestServer;
import nz.raceday.ingest.testsupport.appwrite.AppwriteTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The commands as an operator runs them with {@code RACEDAY_STORE=appwrite}: {@code import --date 2025-07-17} against
 * the recorded TAB day and {@code poll --race} of the recorded event, into the Appwrite 1.6 test server on loopback,
 * give the documents the same commands give with the default SQLite store; a second import changes nothing.
 */
class AppwriteCommandsIT {

    private static final Set<String> WALL_CLOCK = Set.of("$createdAt", "$updatedAt", "lastUpdated", "importedAt",
            "last_poll_time", "eventTimestamp", "pollingTimestamp", "finalizedAt", "lastStatusChange", "resultTime",
            "failedAt");

    /** Money-flow values computed from the poll time (see {@link #assertTimelineDerivedFromThePollTime}). */
    private static final Set<String> POLL_TIME_DERIVED = Set.of("timeToStart", "timeInterval", "intervalType");

    private final TabTestServer tab = new TabTestServer(new TabFixtures());
    private final AppwriteTestServer appwrite = AppwriteTestServer.start();
    private final JarRunner withAppwrite = new JarRunner()
            .env("TAB_BASE_URL", tab.baseUrl())
            .env("RACEDAY_STORE", "appwrite")
            .env("APPWRITE_ENDPOINT", appwrite.endpoint())
            .env("APPWRITE_PROJECT_ID", appwrite.projectId())
            .env("APPWRITE_API_KEY", appwrite.apiKey());
    private final JarRunner withSqlite = new JarRunner().env("TAB_BASE_URL", tab.baseUrl());

    @AfterEach
    void cleanUp() throws IOException {
        tab.close();
        withAppwrite.close();
        withSqlite.close();
        appwrite.close();
    }

    @Test
    void shouldStoreWhatSqliteStoresAndChangeNothingOnASecondImport() throws Exception {
        Run imported = withAppwrite.run("import", "--date", "2025-07-17");
        assertThat(imported.exitCode()).as(imported.output()).isZero();
        JsonNode summary = imported.summary();
        assertThat(summary.path("races").asInt()).isEqualTo(96);
        assertThat(summary.path("failedRaces")).isEmpty();
        assertThat(summary.path("writes").path("queued").asLong()).isZero();
        assertThat(imported.output()).contains("Store: appwrite " + appwrite.endpoint())
                .doesNotContain(appwrite.apiKey());
        Run polled = withAppwrite.run("poll", "--race", TabFixtures.RECORDED_EVENT_ID);
        assertThat(polled.exitCode()).as(polled.output()).isZero();

        assertThat(withSqlite.run("import", "--date", "2025-07-17").exitCode()).isZero();
        assertThat(withSqlite.run("poll", "--race", TabFixtures.RECORDED_EVENT_ID).exitCode()).isZero();

        try (RaceStore sqlite = SqliteRaceStore.open(withSqlite.database(), Clock.systemUTC());
                RaceStore stored = AppwriteTestStores.open(appwrite, withAppwrite.workDir()
                        .resolve("reader-outbox.db"), Clock.systemUTC())) {
            for (CollectionSchema collection : RaceDaySchema.collections()) {
                assertThat(comparable(stored, collection)).as(collection.id())
                        .containsExactlyInAnyOrderElementsOf(comparable(sqlite, collection));
            }
        }

        appwrite.resetRequestLog();
        Run again = withAppwrite.run("import", "--date", "2025-07-17");

        assertThat(again.exitCode()).as(again.output()).isZero();
        JsonNode writes = again.summary().path("writes");
        assertThat(writes.path("inserted").asLong() + writes.path("updated").asLong() + writes.path("queued").asLong())
                .isZero();
        assertThat(appwrite.requestLog()).isNotEmpty()
                .allSatisfy(r -> assertThat(r.method()).as(r.path()).isEqualTo("GET"));
    }

    @Test
    void shouldStopWithOneMessageNamingTheMissingSettingsAndNeverTheKey() throws Exception {
        JarRunner incomplete = new JarRunner().env("RACEDAY_STORE", "appwrite")
                .env("APPWRITE_API_KEY", "standard_canary_5e1f_SECRET");
        try {
            Run run = incomplete.run("import", "--date", "2025-07-17");

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.output()).contains("raceday-ingest: Appwrite store (RACEDAY_STORE=appwrite) is not "
                    + "configured: APPWRITE_ENDPOINT is not set").contains("APPWRITE_PROJECT_ID is not set")
                    .doesNotContain("canary_5e1f").doesNotContain("\tat ");
        } finally {
            incomplete.close();
        }
    }

    /**
     * Documents without the values that depend on when the command ran (wall clock) or derive ids from it. The
     * money-flow timeline values are derived from the poll's wall-clock time: they are checked against it in each
     * store and then left out, as the two runs poll seconds apart and may straddle a rounding point.
     */
    private static List<Map<String, Object>> comparable(RaceStore store, CollectionSchema collection) {
        boolean history = collection.id().equals(RaceDaySchema.ODDS_HISTORY)
                || collection.id().equals(RaceDaySchema.MONEY_FLOW_HISTORY)
                || collection.id().equals(RaceDaySchema.IMPORT_FAILURES);
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Document document : store.list(collection.id(), DocumentQuery.all())) {
            Map<String, Object> values = new LinkedHashMap<>(document.attributes());
            if (collection.id().equals(RaceDaySchema.MONEY_FLOW_HISTORY)) {
                assertTimelineDerivedFromThePollTime(store, document);
                values.keySet().removeAll(POLL_TIME_DERIVED);
            }
            values.keySet().removeAll(WALL_CLOCK);
            if (!history) {
                values.put("$id", document.id());
            }
            documents.add(values);
        }
        documents.sort(Comparator.comparing(Object::toString));
        return documents;
    }

    private static void assertTimelineDerivedFromThePollTime(RaceStore store, Document row) {
        Document race = store.get(RaceDaySchema.RACES, row.getString("raceId")).orElseThrow();
        int timeToStart = MoneyFlow.timeToStart(StoredTimes.parse(race.getString("startTime")),
                StoredTimes.parse(row.getString("pollingTimestamp")));
        assertThat(row.getLong("timeToStart")).as(row.id()).isEqualTo((long) timeToStart);
        assertThat(row.getLong("timeInterval")).as(row.id()).isEqualTo((long) MoneyFlow.timeInterval(timeToStart));
        assertThat(row.getString("intervalType")).as(row.id()).isEqualTo(MoneyFlow.intervalType(timeToStart));
    }
}
