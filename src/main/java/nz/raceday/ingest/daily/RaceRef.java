package nz.raceday.ingest.daily;

/**
 * A stored race the races and entrants steps fan out over.
 *
 * @param raceId    race (event) id
 * @param meetingId its meeting, if known
 */
public record RaceRef(String raceId, String meetingId) {
}
