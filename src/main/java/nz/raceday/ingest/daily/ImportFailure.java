package nz.raceday.ingest.daily;

/**
 * A meeting or race that did not land, and why.
 *
 * @param step      step that failed ({@code meetings}, {@code races}, {@code entrants})
 * @param raceId    race concerned, null for a meeting-level failure
 * @param meetingId meeting concerned, if known
 * @param reason    what went wrong, never containing credentials
 */
public record ImportFailure(String step, String raceId, String meetingId, String reason) {
}
