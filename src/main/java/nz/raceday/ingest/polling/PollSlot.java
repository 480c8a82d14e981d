package nz.raceday.ingest.polling;

import java.time.Duration;
import java.time.Instant;

/**
 * One planned poll of one race, handed from the schedule to the poll route.
 *
 * @param raceId          race (event) id
 * @param plannedAt       when the poll was planned
 * @param dispatchedAt    when the dispatcher handed it over
 * @param deadline        when the next slot of the race begins: retries stop before it
 * @param status          the race's status when planned (chooses the request flags)
 * @param advertisedStart the race's advertised start when planned
 */
public record PollSlot(String raceId, Instant plannedAt, Instant dispatchedAt, Instant deadline, String status,
        Instant advertisedStart) {

    /** How late its cycle handed the poll over. */
    public Duration lateness() {
        return Duration.between(plannedAt, dispatchedAt);
    }
}
