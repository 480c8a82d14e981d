package nz.raceday.ingest.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import nz.raceday.ingest.polling.PollSchedule;
import nz.raceday.ingest.polling.PollingCadence;
import nz.raceday.ingest.polling.RaceSnapshot;
import nz.raceday.ingest.store.Document;
import nz.raceday.ingest.store.DocumentQuery;
import nz.raceday.ingest.store.RaceStore;
import nz.raceday.ingest.store.StoreHealth;
import nz.raceday.ingest.store.WriteBatch;
import nz.raceday.ingest.store.WriteResult;
import nz.raceday.ingest.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

class ReadinessTest {

    private static final Instant START = Instant.parse("2025-07-17T00:50:00Z");

    private final MutableClock clock = new MutableClock(START.minus(Duration.ofMinutes(6)));
    private final PollSchedule schedule = new PollSchedule(PollingCadence.defaults());
    private StoreHealth health = StoreHealth.up("fake store");
    private final Readiness readiness = new Readiness(new FakeStore(), schedule, clock, Duration.ofMinutes(10));

    @Test
    void shouldBeReadyWithAnAnsweringStoreAnEmptyOutboxAndNoRaces() {
        assertThat(readiness.store().up()).isTrue();
        assertThat(readiness.outbox().up()).isTrue();
        assertThat(readiness.polling().up()).isTrue();
        assertThat(readiness.polling().details()).containsEntry("activeRaces", 0).containsEntry("stalledRaces", 0);
    }

    @Test
    void shouldNotBeReadyWhenTheStoreDoesNotAnswer() {
        health = new StoreHealth(false, "appwrite http://127.0.0.1:1/v1: connection refused", 0, Duration.ZERO, 0);

        Readiness.Verdict verdict = readiness.store();

        assertThat(verdict.up()).isFalse();
        assertThat(verdict.details().get("store").toString()).contains("connection refused");
    }

    @Test
    void shouldNotBeReadyWhenTheOutboxIsOlderThanAllowed() {
        health = new StoreHealth(true, "appwrite", 12, Duration.ofMinutes(9), 0);
        assertThat(readiness.outbox().up()).isTrue();

        health = new StoreHealth(true, "appwrite", 40, Duration.ofMinutes(11), 1);
        Readiness.Verdict verdict = readiness.outbox();

        assertThat(verdict.up()).isFalse();
        assertThat(verdict.details()).containsEntry("pendingBatches", 40L).containsEntry("oldestPendingSeconds", 660L)
                .containsEntry("rejectedBatches", 1L);
    }

    @Test
    void shouldNotBeReadyWhenARacePollHangs() {
        schedule.plan(new RaceSnapshot("race-1", START, "Open", 0, 0, 0), clock.instant());
        schedule.due(clock.instant());
        clock.advance(Duration.ofSeconds(119));
        assertThat(readiness.polling().up()).isTrue();

        clock.advance(Duration.ofSeconds(2));
        Readiness.Verdict verdict = readiness.polling();

        assertThat(verdict.up()).isFalse();
        assertThat(verdict.details()).containsEntry("stalledRaces", 1);
        assertThat((List<?>) verdict.details().get("stalled")).singleElement().asString()
                .contains("race-1", "poll running");
    }

    private final class FakeStore implements RaceStore {
        @Override
        public WriteResult apply(WriteBatch batch) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Document> get(String collectionId, String documentId) {
            return Optional.empty();
        }

        @Override
        public List<Document> list(String collectionId, DocumentQuery query) {
            return List.of();
        }

        @Override
        public String describe() {
            return "fake";
        }

        @Override
        public StoreHealth health() {
            return health;
        }

        @Override
        public void close() {
        }
    }
}
