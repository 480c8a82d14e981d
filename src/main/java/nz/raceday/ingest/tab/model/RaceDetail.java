package nz.raceday.ingest.tab.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** {@code data.race} of an event, with instants taken from the epoch fields (the {@code *_string} ones are not ISO). */
public record RaceDetail(
        String raceId,
        String meetingId,
        String meetingName,
        String name,
        int raceNumber,
        String status,
        Instant advertisedStart,
        Instant actualStart,
        LocalDate raceDateNz,
        String startTimeNz,
        String type,
        String country,
        String state,
        Integer distance,
        String weather,
        String trackCondition,
        String trackDirection,
        String trackSurface,
        String railPosition,
        Integer entrantCount,
        Integer fieldSize,
        Integer positionsPaid,
        Long totalPrizeMoney,
        String silkUrl,
        String silkBaseUrl,
        List<String> videoChannels,
        Boolean protest) {

    public RaceDetail {
        videoChannels = videoChannels == null ? List.of() : List.copyOf(videoChannels);
    }
}
