package nz.raceday.ingest.polling;

import java.time.Instant;

/**
 * What the schedule needs to know of a stored race.
 *
 * @param raceId          race id
 * @param advertisedStart stored advertised start
 * @param status          stored status
 * @param planned         polls planned so far (stored counters continue across restarts)
 * @param made            polls made so far
 * @param missed          polls missed so far
 * @param lastPollAt      when the race was last polled (by this instance or another, before a restart or a
 *                        failover), or null
 */
public record RaceSnapshot(String raceId, Instant advertisedStart, String status, long planned, long made,
        long missed, Instant lastPollAt) {

    /** A race not polled yet. */
    public RaceSnapshot(String raceId, Instant advertisedStart, String status, long planned, long made, long missed) {
        this(raceId, advertisedStart, status, planned, made, missed, null);
    }
}
