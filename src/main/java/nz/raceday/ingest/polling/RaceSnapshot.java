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
 */
public record RaceSnapshot(String raceId, Instant advertisedStart, String status, long planned, long made,
        long missed) {
}
