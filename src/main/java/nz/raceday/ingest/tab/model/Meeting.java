package nz.raceday.ingest.tab.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A meeting of the meetings list with its race summaries. Races that could not be read are listed in
 * {@code raceProblems} so the rest of the meeting still lands.
 */
public record Meeting(
        String meetingId,
        String name,
        LocalDate date,
        String country,
        String state,
        String category,
        String categoryName,
        String trackCondition,
        String weather,
        String railPosition,
        String trackDirection,
        String trackSurface,
        Instant generatedTime,
        List<RaceSummary> races,
        List<PayloadProblem> raceProblems) {

    public Meeting {
        races = List.copyOf(races);
        raceProblems = List.copyOf(raceProblems);
    }
}
