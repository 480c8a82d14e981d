package nz.raceday.ingest.testsupport;

import nz.raceday.ingest.store.ForwardingRaceStore;
import nz.raceday.ingest.store.RaceStore;
import nz.raceday.ingest.store.WriteBatch;
import nz.raceday.ingest.store.WriteResult;

/**
 * Sends every batch to two stores, so that the same stream of writes (the real pipeline's) lands in both and their
 * documents can be compared afterwards. Reads and the reported outcomes come from the {@code leading} store, which is
 * what the application sees; a failure of either store fails the write.
 */
public final class TeeRaceStore extends ForwardingRaceStore {

    private final RaceStore following;

    public TeeRaceStore(RaceStore leading, RaceStore following) {
        super(leading);
        this.following = following;
    }

    @Override
    public WriteResult apply(WriteBatch batch) {
        WriteResult result = delegate.apply(batch);
        following.apply(batch);
        return result;
    }

    @Override
    public String describe() {
        return "tee of " + delegate.describe() + " and " + following.describe();
    }

    @Override
    public void close() {
        try {
            delegate.close();
        } finally {
            following.close();
        }
    }
}
