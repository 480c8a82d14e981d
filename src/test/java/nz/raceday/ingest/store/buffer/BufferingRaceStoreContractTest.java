package nz.raceday.ingest.store.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import nz.raceday.ingest.store.Document;
import nz.raceday.ingest.store.DocumentQuery;
import nz.raceday.ingest.store.InMemoryRaceStore;
import nz.raceday.ingest.store.RaceStore;
import nz.raceday.ingest.store.RaceStoreContractTest;
import nz.raceday.ingest.store.StoreUnavailableException;
import nz.raceday.ingest.store.Write;
import nz.raceday.ingest.store.WriteBatch;
import nz.raceday.ingest.store.WriteOutcome;
import nz.raceday.ingest.store.WriteResult;
import nz.raceday.ingest.testsupport.StoreSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store contract through the buffering layer over an in-memory backend, and its outage behaviour without the
 * Appwrite test server: the backend goes down, writes queue and read back, it recovers, the outbox drains, and the
 * backend then holds exactly what one that never went down holds (system timestamps included: replays carry the
 * time the writes were made).
 */
@Timeout(60)
class BufferingRaceStoreContractTest extends RaceStoreContractTest {

    private static final Duration AT_MOST = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private InMemoryRaceStore backend;
    /** The waits of the drainer; they take a millisecond so that a failing drainer does not spin. */
    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    @Override
    protected RaceStore createStore(Clock clock) {
        backend = new InMemoryRaceStore(clock);
        return open();
    }

    private BufferingRaceStore open() {
        return BufferingRaceStore.open(backend, new BufferSettings("Memory", dir.resolve("outbox.db"),
                Duration.ofMillis(5), Duration.ofSeconds(5)), clock, duration -> {
                    waits.add(duration);
                    Thread.sleep(1);
                });
    }

    private BufferingRaceStore buffered() {
        return (BufferingRaceStore) store;
    }

    /** The same writes against a store that never goes down. */
    private final InMemoryRaceStore reference = new InMemoryRaceStore(new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return clock.getZone();
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return clock.instant();
        }
    });

    private WriteResult both(WriteBatch batch) {
        reference.apply(WriteBatch.of(batch.writes()));
        return store.apply(batch);
    }

    @Test
    void shouldQueueWhileTheBackendIsDownReadItBackAndDrainToWhatANeverFailingStoreHolds() {
        both(new WriteBatch().upsert(RACES, "race-1", race("race-1")).upsert(RACES, "race-2", race("race-2")));
        backend.goDown();
        clock.advance(Duration.ofSeconds(30));
        Map<String, Object> closed = race("race-1");
        closed.put("status", "Closed");
        closed.put("weather", "Fine");

        WriteResult during = both(new WriteBatch().upsert(RACES, "race-1", closed)
                .create(ODDS_HISTORY, "odds-1", odds(3.4)).upsert(ENTRANTS, "entrant-1", entrant("entrant-1")));
        clock.advance(Duration.ofSeconds(15));
        WriteResult later = both(new WriteBatch().add(new Write.Upsert(RACES, "race-1", Map.of("status", "Final"))
                .withCleared(Set.of("weather"))));

        assertThat(during.outcomes()).containsOnly(WriteOutcome.QUEUED);
        assertThat(later.outcomes()).containsExactly(WriteOutcome.QUEUED);
        assertThat(buffered().outboxDepth()).isEqualTo(2);
        assertThat(buffered().outboxAge()).isEqualTo(Duration.ofSeconds(15));
        assertThat(store.health().pendingBatches()).isEqualTo(2);
        // reads see the queued writes, merged over the queued ones before them
        Document race = get(RACES, "race-1");
        assertThat(race.getString("status")).isEqualTo("Final");
        assertThat(race.get("weather")).isNull();
        assertThat(race.getString("lastUpdated")).isEqualTo("2025-07-17T00:00:45.000+00:00");
        assertThat(store.list(ENTRANTS, DocumentQuery.all())).extracting(Document::id).containsExactly("entrant-1");
        // older history rows are not known: no answer rather than a wrong one
        assertThatThrownBy(() -> store.list(ODDS_HISTORY, DocumentQuery.all()))
                .isInstanceOf(StoreUnavailableException.class);

        backend.recover();
        await().atMost(AT_MOST).until(() -> buffered().outboxDepth() == 0);

        assertThat(buffered().rejectedBatches()).isZero();
        assertThat(StoreSnapshot.of(backend, Set.of())).isEqualTo(StoreSnapshot.of(reference, Set.of()));
        assertThat(get(RACES, "race-1").getString("status")).isEqualTo("Final");
    }

    @Test
    void shouldQueueBehindWaitingBatchesWithoutAskingTheBackend() {
        backend.goDown();
        upsert(RACES, "race-1", race("race-1"));
        int before = backend.appliedBatches();

        assertThat(upsert(RACES, "race-2", race("race-2")).outcomes()).containsExactly(WriteOutcome.QUEUED);

        assertThat(backend.appliedBatches()).isEqualTo(before);
        assertThat(buffered().outboxDepth()).isEqualTo(2);
    }

    @Test
    void shouldQueueOnlyTheWritesTheBackendDidNotTake() {
        backend.failAfter(1);
        WriteBatch batch = new WriteBatch().upsert(RACES, "race-1", race("race-1")).upsert(RACES, "race-2",
                race("race-2")).create(ODDS_HISTORY, "odds-1", odds(2.5));

        WriteResult result = both(batch);

        assertThat(result.outcomes()).containsExactly(WriteOutcome.INSERTED, WriteOutcome.QUEUED,
                WriteOutcome.QUEUED);
        assertThat(buffered().outboxDepth()).isEqualTo(1);
        backend.recover();
        await().atMost(AT_MOST).until(() -> buffered().outboxDepth() == 0);
        assertThat(StoreSnapshot.of(backend, Set.of())).isEqualTo(StoreSnapshot.of(reference, Set.of()));
    }

    @Test
    void shouldSetAsideABatchTheBackendRefusesAndDeliverTheRest() {
        backend.goDown();
        upsert(RACES, "race-1", race("race-1"));
        upsert(RACES, "race-2", race("race-2"));
        backend.rejectNext("HTTP 400 invalid structure");

        backend.recover();
        await().atMost(AT_MOST).until(() -> buffered().outboxDepth() == 0);

        assertThat(buffered().rejectedBatches()).isEqualTo(1);
        assertThat(store.health().rejectedBatches()).isEqualTo(1);
        assertThat(backend.get(RACES, "race-1")).isEmpty();
        assertThat(backend.get(RACES, "race-2")).isPresent();
    }

    @Test
    void shouldFailABadBatchWithoutQueueingAnything() {
        backend.goDown();

        assertThatThrownBy(() -> upsert(RACES, "race-1", Map.of("raceName", "x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> create(ODDS_HISTORY, "odds-1", Map.of("odds", 2.0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("required");

        assertThat(buffered().outboxDepth()).isZero();
    }

    @Test
    void shouldKeepWhatWaitsAcrossARestartAndDeliverItFirst() {
        backend.goDown();
        upsert(RACES, "race-1", race("race-1"));
        store.close();
        backend.recover();

        store = open();
        Map<String, Object> closed = race("race-1");
        closed.put("status", "Closed");
        upsert(RACES, "race-1", closed);

        await().atMost(AT_MOST).until(() -> buffered().outboxDepth() == 0);
        assertThat(backend.get(RACES, "race-1").orElseThrow().getString("status")).isEqualTo("Closed");
    }

    @Test
    void shouldWaitLongerAfterEachFailedReplay() {
        backend.goDown();
        upsert(RACES, "race-1", race("race-1"));

        await().atMost(AT_MOST).until(() -> waits.size() >= 4);

        // twice the 5 ms base, doubling (the first wait is skipped when the write's wake came during the first try)
        assertThat(waits.get(0)).isIn(Duration.ofMillis(10), Duration.ofMillis(20));
        for (int i = 1; i < 4; i++) {
            assertThat(waits.get(i)).isEqualTo(waits.get(i - 1).multipliedBy(2));
        }
    }

    @Test
    void shouldCutABackoffShortWhenANewWriteArrivesAndWhenClosing() throws InterruptedException {
        InMemoryRaceStore slowBackend = new InMemoryRaceStore(clock);
        slowBackend.goDown();
        CountDownLatch backingOff = new CountDownLatch(1);
        // a backoff that would outlast the test: only a wake ends it
        try (BufferingRaceStore patient = BufferingRaceStore.open(slowBackend, new BufferSettings("Memory",
                dir.resolve("patient.db"), Duration.ofMillis(5), Duration.ofSeconds(30)), clock, duration -> {
                    backingOff.countDown();
                    Thread.sleep(Duration.ofHours(1).toMillis());
                })) {
            patient.apply(new WriteBatch().upsert(RACES, "race-1", race("race-1")));
            assertThat(backingOff.await(AT_MOST.toSeconds(), TimeUnit.SECONDS)).as("a replay failed").isTrue();
            slowBackend.recover();

            patient.apply(new WriteBatch().upsert(RACES, "race-2", race("race-2")));

            await().atMost(AT_MOST).until(() -> patient.outboxDepth() == 0);
            assertThat(slowBackend.get(RACES, "race-1")).isPresent();
            assertThat(slowBackend.get(RACES, "race-2")).isPresent();
            slowBackend.goDown();
            patient.apply(new WriteBatch().upsert(RACES, "race-3", race("race-3")));
        }
        // closing did not wait for the hour: the test's timeout would have failed it
    }

    @Test
    void shouldCapTheDrainerBackoffAt120TimesTheBaseAndAt30Seconds() {
        assertThat(IntStream.rangeClosed(1, 8).mapToObj(n -> BufferingRaceStore.drainBackoff(Duration.ofMillis(250))
                .apply(n)).toList()).containsExactly(500L, 1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L);
        assertThat(BufferingRaceStore.drainBackoff(Duration.ofMillis(5)).apply(20)).isEqualTo(600L);
        assertThat(BufferingRaceStore.drainBackoff(Duration.ofSeconds(1)).apply(20)).isEqualTo(30_000L);
        assertThat(BufferingRaceStore.drainBackoff(Duration.ZERO).apply(1)).isEqualTo(20L);
    }
}
