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
 * @param atOnce          planned for the instant it was planned at, not ahead on the race's cadence: a race first
 *                        seen inside its window (at start-up, say), a moved start, a poll lost in flight. Such a
 *                        poll is not woken at a planned instant, so its lateness says how fast the poller catches up
 *                        (a cold JVM at start-up), not how well the cadence is kept
 */
public record PollSlot(String raceId, Instant plannedAt, Instant dispatchedAt, Instant deadline, String status,
        Instant advertisedStart, boolean atOnce) {

    /** A slot planned ahead on the race's cadence. */
    public PollSlot(String raceId, Instant plannedAt, Instant dispatchedAt, Instant deadline, String status,
            Instant advertisedStart) {
        this(raceId, plannedAt, dispatchedAt, deadline, status, advertisedStart, false);
    }

    /** How late its cycle handed the poll over. */
    public Duration lateness() {
        return Duration.between(plannedAt, dispatchedAt);
    }
}
