package nz.raceday.ingest.tab.model;

import java.time.Instant;
import java.util.List;

/**
 * The parts of {@code /racing/events/{id}} the pipeline stores.
 *
 * @param race          race detail ({@code data.race})
 * @param runners       runners ({@code data.runners}), scratched ones included
 * @param generatedTime {@code header.generated_time}
 */
public record EventDetail(RaceDetail race, List<Runner> runners, Instant generatedTime) {

    public EventDetail {
        runners = List.copyOf(runners);
    }

    public String raceId() {
        return race.raceId();
    }
}
