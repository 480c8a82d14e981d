package nz.raceday.ingest.tab.model;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The parts of {@code /racing/events/{id}} the pipeline stores.
 *
 * @param race          race detail ({@code data.race})
 * @param runners       runners ({@code data.runners}), scratched ones included
 * @param pools         tote pools ({@code data.tote_pools}); empty early in the day
 * @param moneyTracker  money-tracker rows, or null when the payload has none (not requested, or too early)
 * @param results       {@code data.results} as received (an empty array before the race is run)
 * @param dividends     {@code data.dividends}
 * @param generatedTime {@code header.generated_time}
 * @param problems      parts of the payload that could not be used and were left out (reported by the parser)
 */
public record EventDetail(RaceDetail race, List<Runner> runners, List<TotePool> pools, List<MoneyTrackerRow> moneyTracker,
        JsonNode results, List<Dividend> dividends, Instant generatedTime, List<PayloadProblem> problems) {

    public EventDetail {
        runners = List.copyOf(runners);
        pools = List.copyOf(pools);
        moneyTracker = moneyTracker == null ? null : List.copyOf(moneyTracker);
        dividends = List.copyOf(dividends);
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /** An event with only race and runners (what the daily import reads). */
    public EventDetail(RaceDetail race, List<Runner> runners, Instant generatedTime) {
        this(race, runners, List.of(), null, null, List.of(), generatedTime, List.of());
    }

    public String raceId() {
        return race.raceId();
    }
}
