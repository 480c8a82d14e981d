package nz.raceday.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;

import nz.raceday.ingest.daily.ImportSummary;
import nz.raceday.ingest.polling.RacePolling;
import nz.raceday.ingest.testsupport.RacedayRouteTestSupport;
import nz.raceday.ingest.testsupport.StoreSnapshot;
import nz.raceday.ingest.testsupport.TabFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The store contents of the recorded day: imported through the real routes, then its recorded event polled once,
 * compared with a golden file of every collection. Written before the store was restructured, it pins "the same
 * documents before and after". Regenerate only for an intended change: {@code -Dgolden.update=true}.
 */
@Timeout(120)
public class RecordedDayGoldenTest extends RacedayRouteTestSupport {

    public static final String GOLDEN = "/golden/recorded-day-store.json.gz";
    public static final Instant POLL_TIME = Instant.parse("2025-07-17T00:40:00Z");
    /** Attributes that carry the wall clock rather than the test's clock (none today: every stamp is the test's). */
    public static final Set<String> WALL_CLOCK = Set.of();

    @Test
    void shouldStoreExactlyTheGoldenDocumentsForTheRecordedDayAndOnePoll() {
        ImportSummary summary = importDay(TabFixtures.DAY);
        assertThat(summary.failedRaces()).isEmpty();
        clock.set(POLL_TIME);
        RacePolling polling = context.getRegistry().lookupByNameAndType("racePolling", RacePolling.class);
        RacePolling.PollOutcome outcome = template.requestBody("direct:race-poll",
                polling.adHocSlot(TabFixtures.RECORDED_EVENT_ID), RacePolling.PollOutcome.class);
        assertThat(outcome.failure()).isNull();

        String actual = StoreSnapshot.of(store(), WALL_CLOCK);

        if (Boolean.getBoolean("golden.update")) {
            StoreSnapshot.writeGolden(GOLDEN, actual);
        }
        String golden = StoreSnapshot.readGolden(GOLDEN);
        assertThat(golden).as("golden file " + GOLDEN + " (create it with -Dgolden.update=true)").isNotNull();
        assertThat(actual).isEqualTo(golden);
    }
}
