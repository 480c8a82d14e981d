package nz.raceday.ingest.polling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import nz.raceday.ingest.store.Document;
import nz.raceday.ingest.store.DocumentQuery;
import nz.raceday.ingest.store.StoredTimes;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import nz.raceday.ingest.store.sqlite.SqliteRaceStore;
import nz.raceday.ingest.testsupport.RacedayRouteTestSupport;
import nz.raceday.ingest.testsupport.TabFixtures;
import org.junit.jupiter.api.Test;

/** Stopping (SIGTERM) while a poll is in flight: the poll finishes and what it read is stored before the store closes. */
class GracefulShutdownRouteTest extends RacedayRouteTestSupport {

    @Test
    void shouldFinishAPollInFlightAndStoreItsWritesWhenStopping() throws Exception {
        importDay(TabFixtures.DAY);
        Document open = store().list(RaceDaySchema.RACES, DocumentQuery.all().equal("status", "Open")
                .orderAsc("startTime").limit(1)).get(0);
        Instant pollTime = StoredTimes.parse(open.getString("startTime")).minus(Duration.ofMinutes(10));
        clock.set(pollTime);
        RacePolling polling = context.getRegistry().lookupByNameAndType("racePolling", RacePolling.class);
        PollSlot slot = polling.adHocSlot(open.id());
        int requestsBefore = tab.requests().size();
        // under the tests' 1 s response timeout, long enough to stop while it waits
        tab.latency(Duration.ofMillis(700));

        CompletableFuture<Object> poll = template.asyncRequestBody("direct:race-poll", slot);
        await().atMost(Duration.ofSeconds(10)).until(() -> tab.requests().size() > requestsBefore);
        context.stop();

        RacePolling.PollOutcome outcome = (RacePolling.PollOutcome) poll.get(10, TimeUnit.SECONDS);
        assertThat(outcome.failure()).isNull();
        try (SqliteRaceStore reopened = SqliteRaceStore.open(workDir.resolve("raceday.db"), Clock.systemUTC())) {
            Document race = reopened.get(RaceDaySchema.RACES, open.id()).orElseThrow();
            assertThat(race.getString("last_poll_time")).isEqualTo(StoredTimes.format(pollTime));
            assertThat(race.getLong("pollsMade")).isEqualTo(1L);
            assertThat(reopened.list(RaceDaySchema.MONEY_FLOW_HISTORY, DocumentQuery.all().equal("raceId", open.id())))
                    .isNotEmpty();
        }
    }
}
