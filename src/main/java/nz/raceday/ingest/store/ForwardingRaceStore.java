package nz.raceday.ingest.store;

import java.util.List;
import java.util.Optional;

/** A store that passes everything on to another; subclasses override what they add to (counting, copying, timing). */
public abstract class ForwardingRaceStore implements RaceStore {

    protected final RaceStore delegate;

    protected ForwardingRaceStore(RaceStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public WriteResult apply(WriteBatch batch) {
        return delegate.apply(batch);
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
