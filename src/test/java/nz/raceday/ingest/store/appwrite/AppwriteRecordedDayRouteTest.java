package nz.raceday.ingest.store.appwrite;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import nz.raceday.ingest.daily.ImportSummary;
import nz.raceday.ingest.polling.RacePolling;
import nz.raceday.ingest.store.RecordedDayGoldenTest;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import nz.raceday.ingest.testsupport.StoreSnapshot;
import nz.raceday.ingest.testsupport.TabFixtures;
import org.junit.jupiter.api.Test;

/** The recorded TAB day imported and its recorded event polled through Appwrite: the same documents as SQLite. */
class AppwriteRecordedDayRouteTest extends AppwriteTeeRouteTestSupport {

    private static final Instant POLL_TIME = RecordedDayGoldenTest.POLL_TIME;

    @Test
    void shouldStoreTheRecordedDayAndAPolledRaceExactlyAsSqliteDoes() {
        ImportSummary summary = importDay(TabFixtures.DAY);
        assertThat(summary.failedRaces()).isEmpty();
        assertThat(summary.writes().queued()).isZero();
        clock.set(POLL_TIME);
        RacePolling polling = context.getRegistry().lookupByNameAndType("racePolling", RacePolling.class);

        RacePolling.PollOutcome outcome = template.requestBody("direct:race-poll",
                polling.adHocSlot(TabFixtures.RECORDED_EVENT_ID), RacePolling.PollOutcome.class);

        assertThat(outcome.failure()).isNull();
        assertSameDocuments(true);
        assertThat(StoreSnapshot.of(appwriteStore, RecordedDayGoldenTest.WALL_CLOCK)).as("the golden store contents")
                .isEqualTo(StoreSnapshot.readGolden(RecordedDayGoldenTest.GOLDEN));
        assertThat(appwriteStore.list(RaceDaySchema.MONEY_FLOW_HISTORY, nz.raceday.ingest.store.DocumentQuery.all()))
                .isNotEmpty();
        assertThat(appwriteStore.get(RaceDaySchema.RACES, TabFixtures.RECORDED_EVENT_ID).orElseThrow()
                .getString("meeting")).isEqualTo(TabFixtures.RECORDED_MEETING_ID);
    }

    @Test
    void shouldSendOnlyReadsWhenTheSameDayIsImportedAgain() {
        importDay(TabFixtures.DAY);
        appwrite.resetRequestLog();

        ImportSummary second = importDay(TabFixtures.DAY);

        assertThat(second.writes().inserted() + second.writes().updated() + second.writes().queued()).isZero();
        assertThat(second.writes().unchanged()).isPositive();
        assertThat(appwrite.requestLog()).isNotEmpty()
                .allSatisfy(r -> assertThat(r.method()).isEqualTo("GET"));
    }
}
