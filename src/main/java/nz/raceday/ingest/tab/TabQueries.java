package nz.raceday.ingest.tab;

import java.time.LocalDate;

/**
 * The TAB API calls the pipeline makes, with the parameter names of the TAB OpenAPI spec (not the
 * misspellings ORIG sent, domain-spec §1.5).
 */
public final class TabQueries {

    private TabQueries() {
        // static factories
    }

    /**
     * A page of the meetings list of one NZ racing day. The date is always explicit: without it the API
     * answers for the UTC day, which is the previous NZ day when the daily jobs run (domain-spec §1.6).
     */
    public static TabCall meetingsPage(LocalDate racingDay, int limit, int offset) {
        return new TabCall("meetings", "date_from=" + racingDay + "&date_to=" + racingDay
                + "&limit=" + limit + "&offset=" + offset);
    }

    /** The event detail the daily import needs: race and runners, no money tracker or bets. */
    public static TabCall eventForImport(String raceId) {
        return new TabCall("events/" + raceId, "");
    }
}
