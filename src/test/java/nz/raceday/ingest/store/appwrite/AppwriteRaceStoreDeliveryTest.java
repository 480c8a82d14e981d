package nz.raceday.ingest.store.appwrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nz.raceday.ingest.store.DocumentQuery;
import nz.raceday.ingest.store.StoreUnavailableException;
import nz.raceday.ingest.store.Write;
import nz.raceday.ingest.store.WriteBatch;
import nz.raceday.ingest.store.WriteOutcome;
import nz.raceday.ingest.store.WriteResult;
import nz.raceday.ingest.store.buffer.BufferingRaceStore;
import nz.raceday.ingest.store.buffer.Outbox;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import nz.raceday.ingest.testsupport.JarRunner;
import nz.raceday.ingest.testsupport.LogCapture;
import nz.raceday.ingest.testsupport.MutableClock;
import nz.raceday.ingest.testsupport.appwrite.AppwriteTestServer;
import nz.raceday.ingest.testsupport.appwrite.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the Appwrite store spends requests, survives faults and outages, and keeps the key to itself: the real SDK
 * against the Appwrite 1.6 test server.
 */
class AppwriteRaceStoreDeliveryTest {

    private static final String DB = RaceDaySchema.DATABASE_ID;
    private static final String DOCUMENTS = "/v1/databases/{databaseId}/collections/{collectionId}/documents";
    private static final String DOCUMENT = DOCUMENTS + "/{documentId}";
    private static final Instant T0 = Instant.parse("2025-07-17T00:30:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);
    private final AppwriteTestServer server = AppwriteTestServer.builder().clock(clock).start();
    private BufferingRaceStore store;

    @BeforeEach
    void open() {
        store = AppwriteTestStores.open(server, outbox(), clock);
        server.resetRequestLog();
    }

    @AfterEach
    void close() {
        store.close();
        server.close();
    }

    private Path outbox() {
        return dir.resolve("outbox.db");
    }

    private static Map<String, Object> race(String id, String status) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("raceId", id);
        doc.put("name", "PRYDA HANDICAP 1700");
        doc.put("raceNumber", 1L);
        doc.put("startTime", Instant.parse("2025-07-17T00:50:00Z"));
        doc.put("status", status);
        return doc;
    }

    private static Map<String, Object> entrant(int number, double fixedWin) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("entrantId", "entrant-" + number);
        doc.put("name", "Runner " + number);
        doc.put("runnerNumber", (long) number);
        doc.put("raceId", "race-1");
        doc.put("fixedWinOdds", fixedWin);
        return doc;
    }

    private WriteResult upsert(String collection, String id, Map<String, Object> doc) {
        return store.apply(new WriteBatch().upsert(collection, id, doc));
    }

    private Map<String, Object> stored(String collection, String id) {
        return server.document(DB, collection, id);
    }

    // ---- requests

    @Test
    void shouldSendNothingForAnUpsertThatChangesNothing() {
        upsert(RaceDaySchema.RACES, "race-1", race("race-1", "Open"));
        server.resetRequestLog();

        assertThat(upsert(RaceDaySchema.RACES, "race-1", race("race-1", "Open")).outcomes())
                .containsExactly(WriteOutcome.UNCHANGED);

        assertThat(server.requestLog()).isEmpty();
    }

    @Test
    void shouldSendOnePatchForAChangeAndReadItBackWithoutAsking() {
        upsert(RaceDaySchema.RACES, "race-1", race("race-1", "Open"));
        clock.advance(Duration.ofSeconds(15));
        server.resetRequestLog();

        assertThat(upsert(RaceDaySchema.RACES, "race-1", race("race-1", "Closed")).outcomes())
                .containsExactly(WriteOutcome.UPDATED);

        assertThat(server.requestCounts()).containsExactly(Map.entry("PATCH " + DOCUMENT, 1L));
        assertThat(store.get(RaceDaySchema.RACES, "race-1").orElseThrow().getString("status")).isEqualTo("Closed");
        assertThat(stored(RaceDaySchema.RACES, "race-1")).containsEntry("status", "Closed")
                .containsEntry("lastUpdated", "2025-07-17T00:30:15.000+00:00")
                .containsEntry("importedAt", "2025-07-17T00:30:00.000+00:00");
        assertThat(server.requestCounts()).hasSize(1);
    }

    @Test
    void shouldLookUpUnseenDocumentsOncePerCollectionAndPatchOnlyTheChangedOnes() {
        WriteBatch first = new WriteBatch().upsert(RaceDaySchema.RACES, "race-1", race("race-1", "Open"));
        for (int n = 1; n <= 12; n++) {
            first.upsert(RaceDaySchema.ENTRANTS, "entrant-" + n, entrant(n, 2.0 + n));
        }
        store.apply(first);
        // as after a restart: nothing remembered
        AppwriteTestStores.adapter(store).forgetRememberedDocuments();
        server.resetRequestLog();
        WriteBatch second = new WriteBatch();
        for (int n = 1; n <= 12; n++) {
            second.upsert(RaceDaySchema.ENTRANTS, "entrant-" + n, entrant(n, n <= 3 ? 9.5 : 2.0 + n));
        }
        second.upsert(RaceDaySchema.RACES, "race-1", race("race-1", "Open"));

        WriteResult result = store.apply(second);

        assertThat(result.count(WriteOutcome.UPDATED)).isEqualTo(3);
        assertThat(result.count(WriteOutcome.UNCHANGED)).isEqualTo(10);
        assertThat(server.requestCounts()).containsOnly(Map.entry("GET " + DOCUMENTS, 2L),
                Map.entry("PATCH " + DOCUMENT, 3L));
    }

    @Test
    void shouldClearAValueWithAnExplicitNullAlthoughTheSdkDropsNullsFromMaps() {
        upsert(RaceDaySchema.ENTRANTS, "entrant-1", entrant(1, 4.2));
        assertThat(stored(RaceDaySchema.ENTRANTS, "entrant-1")).containsEntry("fixedWinOdds", 4.2);

        store.apply(new WriteBatch().add(new Write.Upsert(RaceDaySchema.ENTRANTS, "entrant-1", Map.of("isScratched",
                true)).withCleared(java.util.Set.of("fixedWinOdds"))));

        // the server holds no value any more (its raw view leaves unset attributes out)
        assertThat(stored(RaceDaySchema.ENTRANTS, "entrant-1")).doesNotContainKey("fixedWinOdds")
                .containsEntry("isScratched", true);
    }

    // ---- faults

    @Test
    void shouldTakeA409AfterOkHttpSilentlyResentTheCreateAsItsOwnInsert() {
        // the server applies the POST, then drops the pooled connection: OkHttp sends the POST again
        server.failNext(Fault.dropAfterApplying(), 1, "POST", "/documents$");

        WriteResult result = upsert(RaceDaySchema.RACES, "race-1", race("race-1", "Open"));

        assertThat(result.outcomes()).containsExactly(WriteOutcome.INSERTED);
        assertThat(server.documents(DB, RaceDaySchema.RACES)).hasSize(1);
        assertThat(statuses("POST")).containsExactly(0, 409);
    }

    @Test
    void shouldKeepAHistoryRowOnceWhenItsCreateWasResent() {
        server.failNext(Fault.dropAfterApplying(), 1, "POST", "/documents$");
        Map<String, Object> row = Map.of("odds", 3.4, "type", "fixed_win", "eventTimestamp", T0, "raceId", "race-1",
                "entrantId", "entrant-1");

        WriteResult result = store.apply(new WriteBatch().create(RaceDaySchema.ODDS_HISTORY, "odds-1", row));

        assertThat(result.outcomes()).containsExactly(WriteOutcome.UNCHANGED);
        assertThat(server.documents(DB, RaceDaySchema.ODDS_HISTORY)).hasSize(1)
                .first().satisfies(d -> assertThat(d).containsEntry("odds", 3.4));
    }

    @Test
    void shouldRetryAProxyErrorPageARateLimitAndADatabaseTimeout() {
        server.failNext(Fault.databaseTimeout(), 1, "GET", "/documents$");
        server.failNext(Fault.htmlError(502), 1, "POST", "/documents$");
        server.failNext(Fault.rateLimited(), 1, "POST", "/documents$");

        assertThat(upsert(RaceDaySchema.RACES, "race-1", race("race-1", "Open")).outcomes())
                .containsExactly(WriteOutcome.INSERTED);

        assertThat(statuses("GET")).containsExactly(408, 200);
        assertThat(statuses("POST")).containsExactly(502, 429, 201);
        assertThat(store.outboxDepth()).isZero();
    }

    private List<Integer> statuses(String method) {
        return server.requestLog().stream().filter(r -> r.method().equals(method))
                .map(AppwriteTestServer.LoggedRequest::status).toList();
    }

    @Test
    void shouldRetryACallThatGetsNoAnswerInTime() {
        try (BufferingRaceStore impatient = AppwriteTestStores.open(server, dir.resolve("impatient.db"), clock,
                "appwrite.call-timeout", "300ms")) {
            server.failNext(Fault.slow(Duration.ofSeconds(3)), 1, "POST", "/documents$");

            assertThat(impatient.apply(new WriteBatch().upsert(RaceDaySchema.RACES, "race-1", race("race-1", "Open")))
                    .outcomes()).containsExactly(WriteOutcome.INSERTED);
            assertThat(server.documents(DB, RaceDaySchema.RACES)).hasSize(1);
        }
    }

    // ---- outages and the outbox

    @Test
    void shouldQueueWritesDuringAnOutageAndReplayThemInOrder() {
        upsert(RaceDaySchema.RACES, "race-1", race("race-1", "Open"));
        server.startOutage(Fault.htmlError(503));
        clock.advance(Duration.ofSeconds(30));

        assertThat(upsert(RaceDaySchema.RACES, "race-1", race("race-1", "Closed")).outcomes())
                .containsExactly(WriteOutcome.QUEUED);
        clock.advance(Duration.ofSeconds(30));
        WriteResult later = store.apply(new WriteBatch().upsert(RaceDaySchema.RACES, "race-1", race("race-1", "Final"))
                .create(RaceDaySchema.ODDS_HISTORY, "odds-1", Map.of("odds", 3.4, "type", "fixed_win",
                        "eventTimestamp", T0)));

        assertThat(later.outcomes()).containsOnly(WriteOutcome.QUEUED);
        assertThat(store.outboxDepth()).isEqualTo(2);
        assertThat(store.outboxAge()).isEqualTo(Duration.ofSeconds(30));
        assertThat(stored(RaceDaySchema.RACES, "race-1")).containsEntry("status", "Open");

        server.recover();

        await().atMost(Duration.ofSeconds(20)).until(() -> store.outboxDepth() == 0);
        assertThat(stored(RaceDaySchema.RACES, "race-1")).containsEntry("status", "Final")
                // stamped with the time the write was made, not the time it was replayed
                .containsEntry("lastUpdated", "2025-07-17T00:31:00.000+00:00");
        assertThat(server.documents(DB, RaceDaySchema.ODDS_HISTORY)).hasSize(1);
        assertThat(store.outboxAge()).isZero();
    }

    @Test
    void shouldReadBackWhatItQueuedWhileAppwriteIsDown() {
        upsert(RaceDaySchema.RACES, "race-1", race("race-1", "Open"));
        server.startOutage(Fault.htmlError(503));

        upsert(RaceDaySchema.RACES, "race-1", race("race-1", "Closed"));

        // the next poll of the race must see its last status, not what Appwrite still holds
        assertThat(store.get(RaceDaySchema.RACES, "race-1").orElseThrow().getString("status")).isEqualTo("Closed");
        server.recover();
        await().atMost(Duration.ofSeconds(20)).until(() -> store.outboxDepth() == 0);
        assertThat(store.get(RaceDaySchema.RACES, "race-1").orElseThrow().getString("status")).isEqualTo("Closed");
    }

    @Test
    void shouldListQueuedWritesWhileAppwriteRefusesThem() {
        server.failNext(Fault.htmlError(503), 1000, "POST", "/documents$");
        server.failNext(Fault.htmlError(503), 1000, "PATCH", "/documents/");
        upsert(RaceDaySchema.RACES, "race-1", race("race-1", "Open"));
        upsert(RaceDaySchema.RACES, "race-2", race("race-2", "Open"));
        upsert(RaceDaySchema.RACES, "race-1", race("race-1", "Closed"));
        DocumentQuery open = DocumentQuery.all().equal("status", "Open").orderAsc("raceId");

        // Appwrite holds nothing yet: the meetings step of an import must still find the races it just stored
        assertThat(store.outboxDepth()).isEqualTo(3);
        assertThat(ids(store.list(RaceDaySchema.RACES, open))).containsExactly("race-2");
        assertThat(ids(store.list(RaceDaySchema.RACES, DocumentQuery.all().orderAsc("raceId"))))
                .containsExactly("race-1", "race-2");

        server.recover();
        await().atMost(Duration.ofSeconds(20)).until(() -> store.outboxDepth() == 0);
        assertThat(ids(store.list(RaceDaySchema.RACES, open))).containsExactly("race-2");
    }

    @Test
    void shouldAnswerQueriesFromMemoryWhileAppwriteIsDownExceptOnHistory() {
        upsert(RaceDaySchema.RACES, "race-1", race("race-1", "Open"));
        server.startOutage(Fault.htmlError(503));
        upsert(RaceDaySchema.RACES, "race-2", race("race-2", "Closed"));
        store.apply(new WriteBatch().create(RaceDaySchema.ODDS_HISTORY, "odds-1", Map.of("odds", 3.4, "type",
                "fixed_win", "eventTimestamp", T0, "raceId", "race-1")));

        assertThat(ids(store.list(RaceDaySchema.RACES, DocumentQuery.all().orderAsc("raceId"))))
                .containsExactly("race-1", "race-2");
        // older history rows are not in memory: no answer rather than a wrong one
        assertThatThrownBy(() -> store.list(RaceDaySchema.ODDS_HISTORY, DocumentQuery.all().equal("raceId", "race-1")))
                .isInstanceOf(StoreUnavailableException.class);
    }

    private static List<String> ids(List<nz.raceday.ingest.store.Document> documents) {
        return documents.stream().map(nz.raceday.ingest.store.Document::id).toList();
    }

    @Test
    void shouldQueueWhileConnectionsAreRefused() {
        server.refuseConnections();
        await().atMost(Duration.ofSeconds(5)).until(() -> !accepts(server.port()));

        assertThat(upsert(RaceDaySchema.RACES, "race-1", race("race-1", "Open")).outcomes())
                .containsExactly(WriteOutcome.QUEUED);

        server.recover();
        await().atMost(Duration.ofSeconds(20)).until(() -> store.outboxDepth() == 0);
        assertThat(stored(RaceDaySchema.RACES, "race-1")).containsEntry("status", "Open");
    }

    @Test
    void shouldDeliverWhatItQueuedBeforeAnythingNewAfterARestart() {
        upsert(RaceDaySchema.RACES, "race-1", race("race-1", "Open"));
        server.startOutage(Fault.htmlError(503));
        upsert(RaceDaySchema.RACES, "race-1", race("race-1", "Closed"));
        store.close();
        assertThat(stored(RaceDaySchema.RACES, "race-1")).containsEntry("status", "Open");

        server.recover();
        store = AppwriteTestStores.open(server, outbox(), clock);
        WriteResult after = upsert(RaceDaySchema.RACES, "race-1", race("race-1", "Final"));

        await().atMost(Duration.ofSeconds(20)).until(() -> store.outboxDepth() == 0);
        assertThat(stored(RaceDaySchema.RACES, "race-1")).containsEntry("status", "Final");
        assertThat(after.outcomes()).containsAnyOf(WriteOutcome.QUEUED, WriteOutcome.UPDATED);
    }

    @Test
    void shouldSetAsideAQueuedBatchAppwriteCanNeverTakeAndDeliverTheRest() {
        store.close();
        try (Outbox outbox = Outbox.open(outbox(), "Appwrite")) {
            outbox.append(List.of(new Write.Upsert(RaceDaySchema.RACES, "race-9", Map.of("noSuchAttribute", 1L))), T0,
                    T0);
            outbox.append(List.of(new Write.Upsert(RaceDaySchema.RACES, "race-1", race("race-1", "Open"))), T0, T0);
        }

        store = AppwriteTestStores.open(server, outbox(), clock);

        await().atMost(Duration.ofSeconds(20)).until(() -> store.outboxDepth() == 0);
        assertThat(store.rejectedBatches()).isEqualTo(1);
        assertThat(stored(RaceDaySchema.RACES, "race-1")).isNotNull();
        assertThat(stored(RaceDaySchema.RACES, "race-9")).isNull();
    }

    @Test
    void shouldStartWhileAppwriteIsDownAndCatchUpOnceItAnswers() {
        int port = JarRunner.freePort();
        AppwriteSettings settings = AppwriteTestStores.settings(server, dir.resolve("late.db"),
                "appwrite.endpoint", "http://127.0.0.1:" + port + "/v1");
        try (BufferingRaceStore early = AppwriteRaceStore.buffered(settings, clock, duration -> { })) {
            assertThat(AppwriteTestStores.adapter(early).isProvisioned()).isFalse();
            assertThat(early.apply(new WriteBatch().upsert(RaceDaySchema.RACES, "race-1", race("race-1", "Open")))
                    .outcomes()).containsExactly(WriteOutcome.QUEUED);

            try (AppwriteTestServer late = AppwriteTestServer.builder().port(port).projectId(server.projectId())
                    .apiKey(server.apiKey()).clock(clock).start()) {
                await().atMost(Duration.ofSeconds(30)).until(() -> AppwriteTestStores.adapter(early).isProvisioned()
                        && early.outboxDepth() == 0);
                assertThat(late.document(DB, RaceDaySchema.RACES, "race-1")).containsEntry("status", "Open");
            }
        }
    }

    private static boolean accepts(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    // ---- the key and the SDK's threads

    @Test
    void shouldRefuseToStartWithAKeyAppwriteRejectsWithoutShowingTheKey() {
        AppwriteSettings wrongKey = AppwriteTestStores.settings(server, dir.resolve("wrong.db"),
                "appwrite.api-key", "standard_WRONGKEY0123456789");

        assertThatThrownBy(() -> AppwriteRaceStore.open(wrongKey, clock))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("user_unauthorized")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("WRONGKEY", server.apiKey()));
    }

    @Test
    void shouldNeverWriteTheKeyToTheLogOrIntoAMessage() {
        try (LogCapture log = new LogCapture()) {
            server.failNext(Fault.htmlError(502));
            server.failNext(Fault.dropAfterApplying(), 1, "POST", "/documents$");
            upsert(RaceDaySchema.RACES, "race-1", race("race-1", "Open"));
            server.startOutage(Fault.rateLimited());
            upsert(RaceDaySchema.RACES, "race-1", race("race-1", "Closed"));
            server.recover();
            await().atMost(Duration.ofSeconds(20)).until(() -> store.outboxDepth() == 0);
            assertThatThrownBy(() -> store.list(RaceDaySchema.RACES, DocumentQuery.all()
                    .equal("noSuchAttribute", "x"))).satisfies(e -> assertThat(e.getMessage())
                    .doesNotContain(server.apiKey()));
            store.close();

            assertThat(log.lines()).isNotEmpty();
            assertThat(log.text()).doesNotContain(server.apiKey());
            assertThat(store.describe()).doesNotContain(server.apiKey());
        }
    }

    @Test
    void shouldStopTheSdkHttpThreadsWhenClosed() {
        upsert(RaceDaySchema.RACES, "race-1", race("race-1", "Open"));

        store.close();

        // OkHttp's dispatcher thread is not a daemon and would keep the JVM alive for a minute
        await().atMost(Duration.ofSeconds(5)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && !t.isDaemon() && t.getName().startsWith("OkHttp")));
    }
}
