package nz.raceday.ingest.daily;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import nz.raceday.ingest.store.DocumentQuery;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import nz.raceday.ingest.testsupport.RacedayRouteTestSupport;
import org.junit.jupiter.api.Test;

/** The three scheduled steps, with their Quartz consumers replaced by direct endpoints and time from a test clock. */
class DailyScheduleRouteTest extends RacedayRouteTestSupport {

    @Test
    void shouldImportTodaysNzRacingDayStepByStep() {
        // 17:00 UTC on the 16th is 05:00 NZST on the 17th
        clock.set(Instant.parse("2025-07-16T17:00:00Z"));

        ImportSummary meetings = template.requestBody("direct:daily-meetings", null, ImportSummary.class);
        ImportSummary races = template.requestBody("direct:daily-races", null, ImportSummary.class);
        ImportSummary entrants = template.requestBody("direct:daily-entrants", null, ImportSummary.class);

        assertThat(tab.requestsFor("meetings")).first().satisfies(r -> assertThat(r.query())
                .containsEntry("date_from", "2025-07-17").containsEntry("date_to", "2025-07-17"));
        assertThat(meetings.steps()).containsExactly("meetings");
        assertThat(meetings.meetings()).isEqualTo(12);
        assertThat(meetings.races()).isEqualTo(96);
        assertThat(races.steps()).containsExactly("races");
        assertThat(races.races()).isEqualTo(96);
        assertThat(races.requests()).isEqualTo(96);
        assertThat(entrants.steps()).containsExactly("entrants");
        assertThat(entrants.entrants()).isEqualTo(96 * 8);
        assertThat(store().list(RaceDaySchema.ENTRANTS, DocumentQuery.all())).hasSize(96 * 8);
        // separate runs do not share fetched events: the entrants step fetches each event again
        assertThat(tab.requestsFor("events/")).hasSize(2 * 96);
    }

    @Test
    void shouldUseTheDaylightSavingNzDateInSummer() {
        // 17:00 UTC on 1 December is 06:00 NZDT on 2 December
        clock.set(Instant.parse("2025-12-01T17:00:00Z"));

        ImportSummary summary = template.requestBody("direct:daily-meetings", null, ImportSummary.class);

        assertThat(summary.racingDay()).isEqualTo("2025-12-02");
        assertThat(tab.requestsFor("meetings")).first().satisfies(r -> assertThat(r.query())
                .containsEntry("date_from", "2025-12-02").containsEntry("date_to", "2025-12-02"));
        // the test server answers with the meetings of 17 July: none of them is the racing day, none is stored
        assertThat(summary.meetings()).isZero();
        assertThat(store().list(RaceDaySchema.MEETINGS, DocumentQuery.all())).isEmpty();
    }
}
