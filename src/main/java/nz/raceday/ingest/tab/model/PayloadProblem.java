package nz.raceday.ingest.tab.model;

import java.util.Locale;

/**
 * A part of a payload that could not be used: dropped with this reason while the rest of the payload is stored.
 *
 * @param raceId the race concerned, if known
 * @param kind   what was dropped (the {@code kind} label of {@code raceday_payload_problems_total})
 * @param reason what was wrong, naming the payload, the item and the field
 */
public record PayloadProblem(String raceId, Kind kind, String reason) {

    /** What a problem dropped; {@link #label()} is the metric label and a public contract. */
    public enum Kind {
        /** A race of a meetings list (the import records it as a failed race). */
        RACE_SUMMARY,
        /** An optional field of {@code data.race} (left out of the race document). */
        RACE_FIELD,
        /** A runner without a usable identity, name, number or scratching flags (left out of the poll). */
        RUNNER,
        /** One odds value of a runner, or its whole {@code odds} field when that is not an object. */
        RUNNER_ODDS,
        /** Another optional field of a runner (jockey, silks, scratch time, ...). */
        RUNNER_FIELD,
        /** The money tracker as a whole (not an object, entrants not an array): no money flow this poll. */
        MONEY_TRACKER,
        /** One money-tracker row (no {@code entrant_id}, a percentage that is not a number). */
        MONEY_TRACKER_ROW,
        /** The known runners' hold percentages do not sum to 100 ± 5 (nothing dropped, nothing normalised). */
        HOLD_SUM,
        /** One tote pool (no product, unknown product, a total that is not a number). */
        TOTE_POOL,
        /** {@code data.results} when it is not an array. */
        RESULTS,
        /** One dividend row, or all of them when {@code data.dividends} is not an array. */
        DIVIDEND;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
