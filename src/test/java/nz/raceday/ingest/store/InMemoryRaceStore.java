package nz.raceday.ingest.store;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import nz.raceday.ingest.store.schema.CollectionSchema;
import nz.raceday.ingest.store.schema.RaceDaySchema;

/**
 * A {@link RaceStore} in memory with the semantics of the real adapters (it passes {@link RaceStoreContractTest}),
 * which a test can take down: while down, every call throws {@link StoreUnavailableException}, as the Appwrite
 * adapter does during an outage. It can also fail in the middle of a batch (keeping the writes before, like a backend
 * without transactions) or reject the next batch outright. Batches are otherwise atomic.
 */
public final class InMemoryRaceStore implements RaceStore {

    private final Clock clock;
    private Map<String, Map<String, Document>> collections = new HashMap<>();
    private boolean down;
    private int failAfter = -1;
    private String rejectNext;
    private int applied;

    public InMemoryRaceStore(Clock clock) {
        this.clock = clock;
    }

    /** Every call fails with {@link StoreUnavailableException} until {@link #recover()}. */
    public synchronized void goDown() {
        down = true;
    }

    public synchronized void recover() {
        down = false;
    }

    /** The next batch lands its first {@code writes} writes, then the store goes down. */
    public synchronized void failAfter(int writes) {
        failAfter = writes;
    }

    /** The next batch is refused with an {@link IllegalStateException} (a request the backend can never take). */
    public synchronized void rejectNext(String reason) {
        rejectNext = reason;
    }

    /** Batches this store took (wholly or in part). */
    public synchronized int appliedBatches() {
        return applied;
    }

    @Override
    public synchronized WriteResult apply(WriteBatch batch) {
        List<Write> writes = batch.writes();
        List<Map<String, Object>> values = new ArrayList<>(writes.size());
        for (Write write : writes) {
            CollectionSchema collection = RaceDaySchema.collection(write.collectionId());
            Map<String, Object> canonical = DocumentValues.canonical(collection, write);
            if (write instanceof Write.Create) {
                DocumentValues.checkRequired(collection, write, canonical);
            }
            values.add(canonical);
        }
        failIfDown();
        if (rejectNext != null) {
            String reason = rejectNext;
            rejectNext = null;
            throw new IllegalStateException(reason);
        }
        String now = StoredTimes.format(batch.writtenAt().orElseGet(clock::instant));
        Map<String, Map<String, Document>> next = new HashMap<>();
        collections.forEach((id, documents) -> next.put(id, new HashMap<>(documents)));
        List<WriteOutcome> outcomes = new ArrayList<>(writes.size());
        for (int i = 0; i < writes.size(); i++) {
            if (i == failAfter) {
                failAfter = -1;
                down = true;
                collections = next;
                applied++;
                throw new StoreUnavailableException("in-memory store went down after " + i + " writes", outcomes,
                        null);
            }
            outcomes.add(applyOne(next, writes.get(i), values.get(i), now));
        }
        collections = next;
        applied++;
        return new WriteResult(writes, outcomes);
    }

    private static WriteOutcome applyOne(Map<String, Map<String, Document>> collections, Write write,
            Map<String, Object> values, String now) {
        CollectionSchema collection = RaceDaySchema.collection(write.collectionId());
        Map<String, Document> documents = collections.computeIfAbsent(collection.id(), c -> new HashMap<>());
        Document existing = documents.get(write.documentId());
        if (existing == null) {
            DocumentValues.checkRequired(collection, write, values);
            documents.put(write.documentId(), DocumentMerge.created(collection, write.documentId(), values, now));
            return WriteOutcome.INSERTED;
        }
        if (write instanceof Write.Create) {
            return WriteOutcome.UNCHANGED;
        }
        Optional<DocumentMerge.Update> update = DocumentMerge.update(collection, existing, (Write.Upsert) write,
                values, now, key -> false);
        update.ifPresent(u -> documents.put(write.documentId(), u.document()));
        return update.isPresent() ? WriteOutcome.UPDATED : WriteOutcome.UNCHANGED;
    }

    @Override
    public synchronized Optional<Document> get(String collectionId, String documentId) {
        RaceDaySchema.collection(collectionId);
        failIfDown();
        return Optional.ofNullable(collections.getOrDefault(collectionId, Map.of()).get(documentId));
    }

    @Override
    public synchronized List<Document> list(String collectionId, DocumentQuery query) {
        CollectionSchema collection = RaceDaySchema.collection(collectionId);
        List<Document> byId = new ArrayList<>(collections.getOrDefault(collectionId, Map.of()).values());
        byId.sort(java.util.Comparator.comparing(Document::id));
        List<Document> answer = DocumentMatcher.apply(collection, byId, query);
        failIfDown();
        return answer;
    }

    private void failIfDown() {
        if (down) {
            throw new StoreUnavailableException("in-memory store is down", null);
        }
    }

    @Override
    public String describe() {
        return "memory";
    }

    @Override
    public synchronized StoreHealth health() {
        return down ? new StoreHealth(false, "memory: down", 0, java.time.Duration.ZERO, 0) : StoreHealth.up("memory");
    }

    /** Keeps the documents: a test may open a new buffering layer over the same store, as after a restart. */
    @Override
    public void close() {
    }
}
