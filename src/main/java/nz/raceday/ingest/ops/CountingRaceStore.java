package nz.raceday.ingest.ops;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import nz.raceday.ingest.store.ForwardingRaceStore;
import nz.raceday.ingest.store.RaceStore;
import nz.raceday.ingest.store.WriteBatch;
import nz.raceday.ingest.store.WriteOutcome;
import nz.raceday.ingest.store.WriteResult;

/** A store that counts the writes it passes on, by collection and outcome (the store-writes metric). */
public final class CountingRaceStore extends ForwardingRaceStore {

    private final Map<String, LongAdder> writes = new ConcurrentHashMap<>();

    public CountingRaceStore(RaceStore delegate) {
        super(delegate);
    }

    @Override
    public WriteResult apply(WriteBatch batch) {
        WriteResult result = delegate.apply(batch);
        for (int i = 0; i < result.writes().size(); i++) {
            counter(result.writes().get(i).collectionId(), result.outcomes().get(i)).increment();
        }
        return result;
    }

    private LongAdder counter(String collectionId, WriteOutcome outcome) {
        return writes.computeIfAbsent(collectionId + "|" + outcome, k -> new LongAdder());
    }

    /** Writes to a collection with an outcome so far. */
    public long count(String collectionId, WriteOutcome outcome) {
        return counter(collectionId, outcome).sum();
    }

}
