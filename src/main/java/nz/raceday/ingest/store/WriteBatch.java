package nz.raceday.ingest.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes that belong together (for example one race and its entrants). Adapters apply them in order and,
 * where the backend allows it, atomically.
 */
public final class WriteBatch {

    private final List<Write> writes = new ArrayList<>();
    private Instant writtenAt;

    public static WriteBatch of(List<? extends Write> writes) {
        WriteBatch batch = new WriteBatch();
        batch.writes.addAll(writes);
        return batch;
    }

    public WriteBatch upsert(String collectionId, String documentId, Map<String, Object> attributes) {
        writes.add(new Write.Upsert(collectionId, documentId, attributes));
        return this;
    }

    public WriteBatch create(String collectionId, String documentId, Map<String, Object> attributes) {
        writes.add(new Write.Create(collectionId, documentId, attributes));
        return this;
    }

    public WriteBatch add(Write write) {
        writes.add(write);
        return this;
    }

    public WriteBatch addAll(List<? extends Write> more) {
        writes.addAll(more);
        return this;
    }

    /**
     * Marks the writes as made at an earlier time: store-stamped attributes carry it instead of the store clock's
     * now. The buffering layer sets it when it replays queued writes.
     */
    public WriteBatch writtenAt(Instant at) {
        this.writtenAt = at;
        return this;
    }

    /** When the writes were made, if not now (see {@link #writtenAt(Instant)}). */
    public Optional<Instant> writtenAt() {
        return Optional.ofNullable(writtenAt);
    }

    public List<Write> writes() {
        return List.copyOf(writes);
    }

    public boolean isEmpty() {
        return writes.isEmpty();
    }

    public int size() {
        return writes.size();
    }
}
