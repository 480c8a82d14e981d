package nz.raceday.ingest.polling;

/**
 * Polls of one race: planned slots, polls made successfully, slots missed (failed after retries, or skipped
 * because the previous poll of the race was still running). planned = made + missed + in flight.
 */
public record PollCounts(long planned, long made, long missed) {
}
