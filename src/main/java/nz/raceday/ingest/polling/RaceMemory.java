package nz.raceday.ingest.polling;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import nz.raceday.ingest.store.Document;
import nz.raceday.ingest.store.DocumentQuery;
import nz.raceday.ingest.store.RaceStore;
import nz.raceday.ingest.store.schema.RaceDaySchema;

/**
 * What the poller remembers of one race between polls: the last stored value of each entrant's four odds (to write
 * odds history only on change) and the latest money-flow amounts per entrant and bucket (to compute increments).
 * Loaded from the store the first time a race is polled, so a restart continues where the stored history ends.
 */
public final class RaceMemory {

    private final Map<String, Map<String, Double>> lastOdds = new HashMap<>();
    private final Map<String, TreeMap<Integer, MoneyFlow.Amounts>> buckets = new HashMap<>();

    /** An empty memory (a race never polled). */
    public RaceMemory() {
        // nothing remembered yet
    }

    /** The memory the stored history of the race implies. */
    public static RaceMemory load(RaceStore store, String raceId) {
        RaceMemory memory = new RaceMemory();
        for (Document row : store.list(RaceDaySchema.ODDS_HISTORY,
                DocumentQuery.all().equal("raceId", raceId).orderAsc("eventTimestamp"))) {
            memory.rememberOdds(row.getString("entrantId"), row.getString("type"), row.getDouble("odds"));
        }
        for (Document row : store.list(RaceDaySchema.MONEY_FLOW_HISTORY, DocumentQuery.all().equal("raceId", raceId)
                .equal("type", PollDocuments.BUCKETED).orderAsc("pollingTimestamp"))) {
            Long bucket = row.getLong("timeInterval");
            if (bucket != null) {
                memory.rememberAmounts(row.getString("entrantId"), bucket.intValue(), new MoneyFlow.Amounts(
                        orZero(row.getLong("winPoolAmount")), orZero(row.getLong("placePoolAmount"))));
            }
        }
        return memory;
    }

    /** The last stored value of an entrant's odds of a type, or null. */
    public Double lastOdds(String entrantId, String type) {
        Map<String, Double> odds = lastOdds.get(entrantId);
        return odds == null ? null : odds.get(type);
    }

    /** Latest stored amounts per bucket of an entrant. */
    public NavigableMap<Integer, MoneyFlow.Amounts> buckets(String entrantId) {
        return buckets.getOrDefault(entrantId, new TreeMap<>());
    }

    void rememberOdds(String entrantId, String type, Double odds) {
        if (entrantId != null && type != null && odds != null) {
            lastOdds.computeIfAbsent(entrantId, k -> new HashMap<>()).put(type, odds);
        }
    }

    void rememberAmounts(String entrantId, int bucket, MoneyFlow.Amounts amounts) {
        if (entrantId != null) {
            buckets.computeIfAbsent(entrantId, k -> new TreeMap<>()).put(bucket, amounts);
        }
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
