package nz.raceday.ingest.polling;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import nz.raceday.ingest.store.Document;
import nz.raceday.ingest.store.DocumentQuery;
import nz.raceday.ingest.store.RaceStore;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import nz.raceday.ingest.store.schema.Fields.MoneyFlowHistory;
import nz.raceday.ingest.store.schema.Fields.OddsHistory;

/**
 * What the poller remembers of one race between polls: the last stored value of each entrant's four odds (to write
 * odds history only on change) and the money-flow amounts per entrant (latest per bucket, and the latest rows in
 * time) to compute increments. Loaded from the store, and valid only for the stored poll it was loaded at or last wrote
 * ({@link #reflects}): another instance that polled the race in between (a failover and back) makes it stale.
 */
public final class RaceMemory {

    private final Map<String, Map<String, Double>> lastOdds = new HashMap<>();
    private final Map<String, TreeMap<Integer, MoneyFlow.Amounts>> buckets = new HashMap<>();
    /** Per entrant: its latest row, and the latest row of the bucket before that row's bucket (in time). */
    private final Map<String, Row> latestRow = new HashMap<>();
    private final Map<String, Row> latestOfPreviousBucket = new HashMap<>();
    /** The race's stored last poll time this memory reflects; null for a race never polled. */
    private Instant asOf;

    /** An empty memory (a race never polled). */
    public RaceMemory() {
        // nothing remembered yet
    }

    /** The memory the stored history of the race implies (loaded at the race's stored last poll time). */
    public static RaceMemory load(RaceStore store, String raceId, Instant storedLastPoll) {
        RaceMemory memory = new RaceMemory();
        for (Document row : store.list(RaceDaySchema.ODDS_HISTORY,
                DocumentQuery.all().equal(OddsHistory.RACE_ID, raceId).orderAsc(OddsHistory.EVENT_TIMESTAMP))) {
            memory.rememberOdds(row.getString(OddsHistory.ENTRANT_ID), row.getString(OddsHistory.TYPE),
                    row.getDouble(OddsHistory.ODDS));
        }
        for (Document row : store.list(RaceDaySchema.MONEY_FLOW_HISTORY, DocumentQuery.all()
                .equal(MoneyFlowHistory.RACE_ID, raceId).equal(MoneyFlowHistory.TYPE, PollDocuments.BUCKETED)
                .orderAsc(MoneyFlowHistory.POLLING_TIMESTAMP))) {
            Long bucket = row.getLong(MoneyFlowHistory.TIME_INTERVAL);
            if (bucket != null) {
                memory.rememberAmounts(row.getString(MoneyFlowHistory.ENTRANT_ID), bucket.intValue(), new MoneyFlow.Amounts(
                        orZero(row.getLong(MoneyFlowHistory.WIN_POOL_AMOUNT)),
                        orZero(row.getLong(MoneyFlowHistory.PLACE_POOL_AMOUNT))));
            }
        }
        memory.asOf = storedLastPoll;
        return memory;
    }

    /**
     * Whether this memory still describes the stored race: the race's stored last poll is the one this memory was
     * loaded at or wrote (to the millisecond, as times are stored).
     */
    public boolean reflects(Instant storedLastPoll) {
        if (asOf == null || storedLastPoll == null) {
            return asOf == null && storedLastPoll == null;
        }
        return asOf.toEpochMilli() == storedLastPoll.toEpochMilli();
    }

    /** The poll this instance just stored (its time is the race's new stored last poll time). */
    void polledAt(Instant pollTime) {
        asOf = pollTime;
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

    /**
     * The amounts of the entrant's latest stored money-flow row in another bucket than {@code bucket}, or null when
     * it has none (a race's first bucket).
     */
    public MoneyFlow.Amounts latestOutside(String entrantId, int bucket) {
        Row latest = latestRow.get(entrantId);
        if (latest == null) {
            return null;
        }
        if (latest.bucket() != bucket) {
            return latest.amounts();
        }
        Row before = latestOfPreviousBucket.get(entrantId);
        return before == null ? null : before.amounts();
    }

    void rememberOdds(String entrantId, String type, Double odds) {
        if (entrantId != null && type != null && odds != null) {
            lastOdds.computeIfAbsent(entrantId, k -> new HashMap<>()).put(type, odds);
        }
    }

    void rememberAmounts(String entrantId, int bucket, MoneyFlow.Amounts amounts) {
        if (entrantId != null) {
            buckets.computeIfAbsent(entrantId, k -> new TreeMap<>()).put(bucket, amounts);
            Row latest = latestRow.put(entrantId, new Row(bucket, amounts));
            if (latest != null && latest.bucket() != bucket) {
                latestOfPreviousBucket.put(entrantId, latest);
            }
        }
    }

    private record Row(int bucket, MoneyFlow.Amounts amounts) {
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
