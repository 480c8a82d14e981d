package nz.raceday.ingest.tab.model;

import java.time.Instant;

/** A race as the meetings list describes it ({@code data.meetings[].races[]}). */
public record RaceSummary(
        String raceId,
        int raceNumber,
        String name,
        Instant startTime,
        String status,
        Integer distance,
        String trackCondition,
        String weather,
        String toteStartTime) {
}
