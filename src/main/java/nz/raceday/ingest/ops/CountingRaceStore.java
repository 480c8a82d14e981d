package nz.raceday.ingest.ops;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import nz.raceday.ingest.store.Document;
import nz.raceday.ingest.store.DocumentQuery;
import nz.raceday.ingest.store.RaceStore;
import nz.raceday.ingest.store.StoreHealth;
import nz.raceday.ingest.store.WriteBatch;
import nz.raceday.ingest.store.WriteOutcome;
import nz.raceday.ingest.store.WriteResult;

/** A store that counts the writes it passes on, by collection and outcome (the store-writes metric). */
public final class CountingRaceStore implements RaceStore {

    private final RaceStore delegate;
    private final Map<String, LongAdder> writes = new ConcurrentHashMap<>();

    public CountingRaceStore(RaceStore delegate) {
        this.delegate = delegate;
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

    @Override
    public Optional<Document> get(String collectionId, String documentId) {
        return delegate.get(collectionId, documentId);
    }

    @Override
    public List<Document> list(String collectionId, DocumentQuery query) {
        return delegate.list(collectionId, query);
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public StoreHealth health() {
        return delegate.health();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
