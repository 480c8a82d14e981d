package nz.raceday.ingest.polling;

import java.time.Instant;

/**
 * A planned poll that did not happen or did not succeed.
 *
 * @param raceId    race id
 * @param plannedAt when it was planned
 * @param reason    why it was missed
 */
public record MissedPoll(String raceId, Instant plannedAt, String reason) {
}
