package nz.raceday.ingest.daily;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import nz.raceday.ingest.store.Document;
import nz.raceday.ingest.store.ForwardingRaceStore;
import nz.raceday.ingest.store.RaceStore;
import nz.raceday.ingest.store.Write;
import nz.raceday.ingest.store.WriteBatch;
import nz.raceday.ingest.store.WriteResult;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import nz.raceday.ingest.store.sqlite.SqliteRaceStore;
import nz.raceday.ingest.testsupport.RacedayRouteTestSupport;
import nz.raceday.ingest.testsupport.TabFixtures;
import nz.raceday.ingest.testsupport.TabTestServer.Response;
import org.junit.jupiter.api.Test;

/**
 * One import run writes each document once: a race is written with its detail, not created from the meetings list
 * and then patched. The scheduled steps, minutes apart, still write a race twice (once per step).
 */
class ImportWritesOnceRouteTest extends RacedayRouteTestSupport {

    /** collection/id to how many writes the store was given for it. */
    private final Map<String, AtomicInteger> writesPerDocument = new ConcurrentHashMap<>();

    @Override
    protected RaceStore createStore() {
        return new ForwardingRaceStore(SqliteRaceStore.open(workDir.resolve("counted.db"), clock)) {
            @Override
            public WriteResult apply(WriteBatch batch) {
                for (Write write : batch.writes()) {
                    writesPerDocument.computeIfAbsent(write.collectionId() + "/" + write.documentId(),
                            k -> new AtomicInteger()).incrementAndGet();
                }
                return super.apply(batch);
            }
        };
    }

    @Test
    void shouldWriteEveryMeetingRaceAndEntrantOnceInAnImport() {
        ImportSummary summary = importDay(TabFixtures.DAY);

        assertThat(summary.failedRaces()).isEmpty();
        // 12 meetings + 96 races + 96 × 8 entrants
        assertThat(writesPerDocument).hasSize(12 + 96 + 96 * 8);
        assertThat(writesPerDocument).allSatisfy((document, writes) -> assertThat(writes.get()).as(document).isOne());
        assertThat(summary.writes().inserted()).isEqualTo(12 + 96 + 96 * 8);
        assertThat(summary.writes().updated()).isZero();
        assertThat(summary.races()).isEqualTo(96);
        // written with both sources: the meetings list's tote start and the event's NZ start time
        Document race = store().get(RaceDaySchema.RACES, TabFixtures.RECORDED_EVENT_ID).orElseThrow();
        assertThat(race.getString("startTimeNz")).isEqualTo("12:50:00 NZST");
        assertThat(race.getLong("raceNumber")).isEqualTo(1L);
        assertThat(race.getString("meeting")).isEqualTo(TabFixtures.RECORDED_MEETING_ID);
    }

    @Test
    void shouldStillStoreTheListedRaceOnceWhenItsEventFails() {
        String failing = fixtures.expectedRaces().keySet().stream()
                .filter(id -> !id.equals(TabFixtures.RECORDED_EVENT_ID)).findFirst().orElseThrow();
        tab.failEvent(failing, Response.status(404));

        ImportSummary summary = importDay(TabFixtures.DAY);

        assertThat(summary.failedRaces()).extracting(ImportFailure::raceId).containsExactly(failing);
        assertThat(writesPerDocument.get(RaceDaySchema.RACES + "/" + failing)).hasValue(1);
        Document race = store().get(RaceDaySchema.RACES, failing).orElseThrow();
        assertThat(race.getString("raceDateNz")).isEqualTo("2025-07-17");
        assertThat(race.getString("startTimeNz")).isNull();
        assertThat(summary.races()).isEqualTo(96);
    }

    @Test
    void shouldWriteARaceOncePerStepWhenTheScheduledStepsRunApart() {
        template.requestBody("direct:daily-meetings", null, ImportSummary.class);
        template.requestBody("direct:daily-races", null, ImportSummary.class);

        // the meetings step cannot wait ten minutes for the races step: it stores the race as listed
        assertThat(writesPerDocument.get(RaceDaySchema.RACES + "/" + TabFixtures.RECORDED_EVENT_ID)).hasValue(2);
    }
}
