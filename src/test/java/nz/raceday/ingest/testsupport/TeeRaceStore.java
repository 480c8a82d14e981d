package nz.raceday.ingest.testsupport;

import java.util.List;
import java.util.Optional;

import nz.raceday.ingest.store.Document;
import nz.raceday.ingest.store.DocumentQuery;
import nz.raceday.ingest.store.RaceStore;
import nz.raceday.ingest.store.WriteBatch;
import nz.raceday.ingest.store.WriteResult;

/**
 * Sends every batch to two stores, so that the same stream of writes (the real pipeline's) lands in both and their
 * documents can be compared afterwards. Reads and the reported outcomes come from the {@code leading} store, which is
 * what the application sees; a failure of either store fails the write.
 */
public final class TeeRaceStore implements RaceStore {

    private final RaceStore leading;
    private final RaceStore following;

    public TeeRaceStore(RaceStore leading, RaceStore following) {
        this.leading = leading;
        this.following = following;
    }

    @Override
    public WriteResult apply(WriteBatch batch) {
        WriteResult result = leading.apply(batch);
        following.apply(batch);
        return result;
    }

    @Override
    public Optional<Document> get(String collectionId, String documentId) {
        return leading.get(collectionId, documentId);
    }

    @Override
    public List<Document> list(String collectionId, DocumentQuery query) {
        return leading.list(collectionId, query);
    }

    @Override
    public nz.raceday.ingest.store.StoreHealth health() {
        return leading.health();
    }

    @Override
    public String describe() {
        return "tee of " + leading.describe() + " and " + following.describe();
    }

    @Override
    public void close() {
        try {
            leading.close();
        } finally {
            following.close();
        }
    }
}
