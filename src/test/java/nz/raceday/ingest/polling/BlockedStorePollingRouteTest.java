package nz.raceday.ingest.polling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import nz.raceday.ingest.store.Document;
import nz.raceday.ingest.store.DocumentQuery;
import nz.raceday.ingest.store.ForwardingRaceStore;
import nz.raceday.ingest.store.RaceStore;
import nz.raceday.ingest.store.StoredTimes;
import nz.raceday.ingest.store.WriteBatch;
import nz.raceday.ingest.store.WriteResult;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import nz.raceday.ingest.store.sqlite.SqliteRaceStore;
import nz.raceday.ingest.testsupport.RacedayRouteTestSupport;
import nz.raceday.ingest.testsupport.SimulatedDayDriver;
import nz.raceday.ingest.testsupport.TabFixtures;
import nz.raceday.ingest.testsupport.TabTestServer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 10 item 5: scheduling never waits on the store. One race's poll fails and its missed-poll record (with the
 * race's counts) meets a store that does not answer, as in an Appwrite outage; another race's next poll still starts
 * at its planned instant while that write hangs. Time is the test's clock: "on time" means at the planned instant of
 * that clock, whatever the machine's load.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BlockedStorePollingRouteTest extends RacedayRouteTestSupport {

    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch blocked = new CountDownLatch(1);
    private volatile String blockedRace;

    @Override
    protected RaceStore createStore() {
        RaceStore sqlite = SqliteRaceStore.open(workDir.resolve("raceday.db"), clock);
        return new ForwardingRaceStore(sqlite) {
            @Override
            public WriteResult apply(WriteBatch batch) {
                String race = blockedRace;
                if (race != null && batch.writes().stream().anyMatch(w -> w.documentId().equals(race)
                        || w.collectionId().equals(RaceDaySchema.IMPORT_FAILURES))) {
                    blocked.countDown();
                    try {
                        // the store hangs for this write until the test lets it go (a timeout, not a sleep)
                        release.await(2, TimeUnit.MINUTES);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return super.apply(batch);
            }
        };
    }

    @AfterEach
    void letGo() {
        release.countDown();
    }

    @Test
    void shouldStartAnotherRacesPollOnTimeWhileAMissedPollRecordHangsInTheStore() {
        importDay(TabFixtures.DAY);
        List<Document> open = store().list(RaceDaySchema.RACES, DocumentQuery.all().equal("status", "Open")
                .orderAsc("startTime"));
        Document failing = open.get(0);
        Instant failingStart = StoredTimes.parse(failing.getString("startTime"));
        Document other = open.stream().skip(1).filter(r -> StoredTimes.parse(r.getString("startTime"))
                .isAfter(failingStart.plus(Duration.ofMinutes(2)))).findFirst().orElseThrow();
        Instant otherStart = StoredTimes.parse(other.getString("startTime"));
        assertThat(Duration.between(failingStart, otherStart)).isLessThan(Duration.ofMinutes(50));
        RacePolling polling = context.getRegistry().lookupByNameAndType("racePolling", RacePolling.class);

        // both in their window: the planner starts both cycles and both are polled at once
        clock.set(failingStart.minus(Duration.ofMinutes(8)));
        template.sendBody("direct:race-poll-planner", null);
        SimulatedDayDriver.settle(polling);
        Instant otherNext = polling.schedule().nextPollOf(other.id()).orElseThrow();
        Instant failingNext = polling.schedule().nextPollOf(failing.id()).orElseThrow();
        assertThat(failingNext).isBeforeOrEqualTo(otherNext);

        // the failing race's next poll fails (TAB 404, not retried) and its missed-poll record hangs in the store
        tab.failEvent(failing.id(), Response.status(404));
        blockedRace = failing.id();
        clock.set(failingNext);
        polling.wakeCycles();
        await().atMost(Duration.ofSeconds(30)).until(() -> blocked.await(10, TimeUnit.MILLISECONDS));
        int otherRequests = tab.requestsFor("events/" + other.id()).size();

        // the other race's turn comes while that write still hangs: it is polled at its planned instant (the clock
        // stands there until its poll is stored)
        clock.set(otherNext);
        polling.wakeCycles();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(() -> {
            polling.wakeCycles();
            return store().get(RaceDaySchema.RACES, other.id()).map(d -> d.getString("last_poll_time"))
                    .filter(StoredTimes.format(otherNext)::equals).isPresent();
        });

        assertThat(tab.requestsFor("events/" + other.id())).hasSize(otherRequests + 1);
        assertThat(release.getCount()).as("the missed-poll record still hangs").isEqualTo(1);
        assertThat(store().list(RaceDaySchema.IMPORT_FAILURES, DocumentQuery.all().equal("raceId", failing.id())))
                .isEmpty();

        // the store answers again: the record lands
        release.countDown();
        await().atMost(Duration.ofSeconds(30)).until(() -> !store().list(RaceDaySchema.IMPORT_FAILURES,
                DocumentQuery.all().equal("raceId", failing.id())).isEmpty());
    }
}
