package nz.raceday.ingest.tab;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** The TAB calls the import makes, with explicit NZ dates and spec parameter names. */
class TabQueriesTest {

    @Test
    void shouldAskForOneNzRacingDayWithExplicitPaging() {
        TabCall call = TabQueries.meetingsPage(LocalDate.of(2025, 7, 17), 100, 200);

        assertThat(call.path()).isEqualTo("meetings");
        assertThat(call.query()).isEqualTo("date_from=2025-07-17&date_to=2025-07-17&limit=100&offset=200");
        assertThat(call).hasToString("meetings?date_from=2025-07-17&date_to=2025-07-17&limit=100&offset=200");
    }

    @Test
    void shouldAskForAnEventWithoutOptionalBlocks() {
        TabCall call = TabQueries.eventForImport("0f57e087-00d9-4c61-9549-835abe2ae2ed");

        assertThat(call.path()).isEqualTo("events/0f57e087-00d9-4c61-9549-835abe2ae2ed");
        assertThat(call.query()).isEmpty();
        assertThat(call).hasToString("events/0f57e087-00d9-4c61-9549-835abe2ae2ed");
    }
}
