package nz.raceday.ingest.daily;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import nz.raceday.ingest.store.DocumentQuery;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import nz.raceday.ingest.testsupport.RacedayRouteTestSupport;
import nz.raceday.ingest.testsupport.TabFixtures;
import org.junit.jupiter.api.Test;

/**
 * A step with nothing to do completes with zero counts: no races stored for the day (the scheduled races and
 * entrants steps before the meetings step ran), no meetings listed, or none of the listed meetings dated the
 * racing day.
 */
class EmptyDayImportRouteTest extends RacedayRouteTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldCompleteTheScheduledRacesStepWithZeroCountsWhenNoRaceIsStored() {
        ImportSummary races = template.requestBody("direct:daily-races", null, ImportSummary.class);

        assertCompletedWithNothing(races);
        assertThat(races.steps()).containsExactly("races");
        assertThat(races.requests()).isZero();
        assertThat(tab.requests()).isEmpty();
    }

    @Test
    void shouldCompleteTheScheduledEntrantsStepWithZeroCountsWhenNoRaceIsStored() {
        ImportSummary entrants = template.requestBody("direct:daily-entrants", null, ImportSummary.class);

        assertCompletedWithNothing(entrants);
        assertThat(entrants.steps()).containsExactly("entrants");
        assertThat(entrants.requests()).isZero();
    }

    @Test
    void shouldCompleteAnImportOfADayWithoutMeetings() {
        // an offset past the recorded list: a page without meetings, as TAB answers for a day without racing
        tab.meetingsBody(fixtures.meetingsPage(30, 10_000));

        ImportSummary summary = importDay(TabFixtures.DAY);

        assertCompletedWithNothing(summary);
        assertThat(summary.steps()).containsExactly("meetings", "races", "entrants");
        assertThat(summary.requests()).isEqualTo(1);
    }

    @Test
    void shouldCompleteAnImportOfADayWhoseListedMeetingsAreAllDatedAnotherDay() {
        // the test server lists the meetings of 17 July whatever day is asked for
        ImportSummary summary = importDay(LocalDate.parse("2025-07-18"));

        assertCompletedWithNothing(summary);
        assertThat(tab.requestsFor("events/")).isEmpty();
        assertThat(store().list(RaceDaySchema.MEETINGS, DocumentQuery.all())).isEmpty();
    }

    @Test
    void shouldCompleteAnImportWhenNoListedMeetingMatchesTheFilter() throws Exception {
        // every listed meeting made a greyhound meeting, which the default filter (T, H) excludes
        ObjectNode list = (ObjectNode) JSON.readTree(fixtures.meetingsPage(1_000, 0));
        list.path("data").path("meetings").forEach(m -> ((ObjectNode) m).put("category", "G"));
        tab.meetingsBody(JSON.writeValueAsBytes(list));

        ImportSummary summary = importDay(TabFixtures.DAY);

        assertCompletedWithNothing(summary);
        assertThat(tab.requestsFor("events/")).isEmpty();
    }

    private static void assertCompletedWithNothing(ImportSummary summary) {
        assertThat(summary.status()).isEqualTo("completed");
        assertThat(summary.abortReason()).isNull();
        assertThat(summary.meetings()).isZero();
        assertThat(summary.races()).isZero();
        assertThat(summary.entrants()).isZero();
        assertThat(summary.failedRaces()).isEmpty();
        assertThat(summary.failedMeetings()).isEmpty();
        assertThat(summary.writes().inserted()).isZero();
        assertThat(summary.writes().updated()).isZero();
    }
}
