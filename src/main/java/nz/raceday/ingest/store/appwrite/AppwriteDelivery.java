package nz.raceday.ingest.store.appwrite;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import nz.raceday.ingest.store.Document;
import nz.raceday.ingest.store.DocumentMerge;
import nz.raceday.ingest.store.DocumentValues;
import nz.raceday.ingest.store.StoredTimes;
import nz.raceday.ingest.store.Write;
import nz.raceday.ingest.store.WriteOutcome;
import nz.raceday.ingest.store.schema.Attribute;
import nz.raceday.ingest.store.schema.CollectionSchema;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a batch of writes to Appwrite, one request per changed document: upsert targets not remembered are looked up
 * once per collection, consecutive writes to one collection go out in parallel (segments), the order between
 * collections is kept. A create that meets 409 (OkHttp re-sent our POST, or a replay) checks the stored document; an
 * update that meets 404 (deleted behind our back) creates it again.
 */
final class AppwriteDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(AppwriteRaceStore.class);

    private final AppwriteCalls calls;
    private final String databaseId;
    private final AppwriteDocuments documents;
    private final RememberedDocuments remembered;
    private final ExecutorService writers;

    AppwriteDelivery(AppwriteCalls calls, String databaseId, AppwriteDocuments documents,
            RememberedDocuments remembered, ExecutorService writers) {
        this.calls = calls;
        this.databaseId = databaseId;
        this.documents = documents;
        this.remembered = remembered;
        this.writers = writers;
    }

    /** Writes from a given index on could not be delivered; they (and everything after) must be queued. */
    static final class Undelivered extends Exception {
        final int from;
        final AppwriteFailure cause;

        Undelivered(int from, AppwriteFailure cause) {
            super(cause.getMessage(), cause, false, false);
            this.from = from;
            this.cause = cause;
        }
    }

    /**
     * Sends the writes in order, adding one outcome per delivered write.
     *
     * @throws Undelivered           when Appwrite is unavailable; writes before {@code from} are delivered
     * @throws IllegalArgumentException when an insert lacks a required attribute (nothing is sent)
     * @throws IllegalStateException when Appwrite rejects a write (a bug, not an outage)
     */
    void deliver(List<Write> writes, List<Map<String, Object>> values, Instant writtenAt,
            List<WriteOutcome> outcomes) throws Undelivered {
        Map<String, Document> known;
        try {
            known = prefetch(writes);
        } catch (AppwriteFailure failure) {
            if (failure.shouldQueue()) {
                throw new Undelivered(0, failure);
            }
            throw new IllegalStateException(failure.getMessage(), failure);
        }
        // every insert is checked before the first request: Appwrite cannot undo half a batch
        for (int i = 0; i < writes.size(); i++) {
            if (writes.get(i) instanceof Write.Upsert && !known.containsKey(key(writes.get(i)))) {
                DocumentValues.checkRequired(RaceDaySchema.collection(writes.get(i).collectionId()), writes.get(i),
                        values.get(i));
            }
        }
        String stamp = StoredTimes.format(writtenAt);
        int start = 0;
        while (start < writes.size()) {
            int end = segmentEnd(writes, start);
            List<WriteOutcome> segment = runSegment(writes, values, known, stamp, start, end);
            outcomes.addAll(segment);
            start = end;
        }
    }

    /** The end (exclusive) of the run of writes to one collection starting at {@code start}, each document once. */
    private static int segmentEnd(List<Write> writes, int start) {
        String collection = writes.get(start).collectionId();
        Set<String> ids = new HashSet<>();
        int end = start;
        while (end < writes.size() && writes.get(end).collectionId().equals(collection)
                && ids.add(writes.get(end).documentId())) {
            end++;
        }
        return end;
    }

    private List<WriteOutcome> runSegment(List<Write> writes, List<Map<String, Object>> values,
            Map<String, Document> known, String stamp, int start, int end) throws Undelivered {
        if (end - start == 1) {
            try {
                return List.of(writeOne(writes.get(start), values.get(start), known, stamp));
            } catch (AppwriteFailure failure) {
                throw undeliveredOrRejected(start, failure);
            }
        }
        List<Future<WriteOutcome>> futures = new ArrayList<>(end - start);
        for (int i = start; i < end; i++) {
            Write write = writes.get(i);
            Map<String, Object> value = values.get(i);
            futures.add(writers.submit(() -> writeOne(write, value, known, stamp)));
        }
        List<WriteOutcome> outcomes = new ArrayList<>(end - start);
        AppwriteFailure queueFor = null;
        RuntimeException rejected = null;
        for (Future<WriteOutcome> future : futures) {
            try {
                outcomes.add(future.get());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof AppwriteFailure failure && failure.shouldQueue()) {
                    queueFor = queueFor == null ? failure : queueFor;
                } else if (rejected == null) {
                    rejected = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(f -> f.cancel(true));
                throw new Undelivered(start, new AppwriteFailure(AppwriteFailure.Kind.UNAVAILABLE, 0, null,
                        "interrupted while writing to Appwrite", e));
            }
        }
        if (queueFor != null) {
            // the whole segment is replayed: writes of it that landed compare equal and cost nothing (or a 409 check)
            throw new Undelivered(start, queueFor);
        }
        if (rejected != null) {
            throw rejected instanceof AppwriteFailure failure ? undeliveredOrRejectedUnchecked(failure) : rejected;
        }
        return outcomes;
    }

    private static Undelivered undeliveredOrRejected(int index, AppwriteFailure failure) {
        if (failure.shouldQueue()) {
            return new Undelivered(index, failure);
        }
        throw undeliveredOrRejectedUnchecked(failure);
    }

    private static IllegalStateException undeliveredOrRejectedUnchecked(AppwriteFailure failure) {
        return new IllegalStateException(failure.getMessage(), failure);
    }

    private WriteOutcome writeOne(Write write, Map<String, Object> values, Map<String, Document> known, String stamp) {
        CollectionSchema collection = RaceDaySchema.collection(write.collectionId());
        if (write instanceof Write.Create) {
            return createHistory(collection, write, values, stamp);
        }
        Write.Upsert upsert = (Write.Upsert) write;
        Document stored = known.get(key(write));
        if (stored == null) {
            return insert(collection, upsert, values, stamp);
        }
        return update(collection, upsert, values, stored, stamp);
    }

    private WriteOutcome insert(CollectionSchema collection, Write.Upsert write, Map<String, Object> values,
            String stamp) {
        Map<String, Object> data = DocumentMerge.creation(collection, values, stamp);
        try {
            io.appwrite.models.Document<Map<String, Object>> created = calls.call("createDocument", target(write),
                    (db, c) -> db.createDocument(databaseId, collection.id(), write.documentId(),
                            documents.payload(collection, data), c));
            remembered.remember(DocumentMerge.document(collection, write.documentId(), created.getCreatedAt(),
                    created.getUpdatedAt(), data));
            return WriteOutcome.INSERTED;
        } catch (AppwriteFailure failure) {
            if (failure.kind() != AppwriteFailure.Kind.CONFLICT) {
                throw failure;
            }
            // the id exists: OkHttp re-sent our POST after a dropped connection, or another run created it meanwhile
            Document existing = documents.fetch(collection, write.documentId()).orElseThrow(() -> new IllegalStateException(
                    failure.getMessage() + " (no document " + write.documentId() + ": a unique index conflict)",
                    failure));
            WriteOutcome outcome = update(collection, write, values, existing, stamp);
            return outcome == WriteOutcome.UNCHANGED && ourCreate(collection, existing, stamp) ? WriteOutcome.INSERTED
                    : outcome;
        }
    }

    /** Whether a document that met us with 409 carries our own creation stamp, i.e. our first POST landed. */
    private static boolean ourCreate(CollectionSchema collection, Document existing, String stamp) {
        return collection.attributes().stream()
                .filter(a -> a.lifecycle() == Attribute.Lifecycle.STAMPED_ON_CREATE)
                .anyMatch(a -> stamp.equals(existing.get(a.key())));
    }

    private WriteOutcome update(CollectionSchema collection, Write.Upsert write, Map<String, Object> values,
            Document stored, String stamp) {
        Optional<DocumentMerge.Update> update = DocumentMerge.update(collection, stored, write, values, stamp,
                key -> documents.isIncompatible(collection, key));
        if (update.isEmpty()) {
            return WriteOutcome.UNCHANGED;
        }
        Map<String, Object> data = update.get().data();
        try {
            io.appwrite.models.Document<Map<String, Object>> updated = calls.call("updateDocument", target(write),
                    (db, c) -> db.updateDocument(databaseId, collection.id(), write.documentId(),
                            documents.payload(collection, data), c));
            remembered.remember(DocumentMerge.merged(stored, data, updated.getUpdatedAt()));
            return WriteOutcome.UPDATED;
        } catch (AppwriteFailure failure) {
            if (!failure.isDocumentNotFound()) {
                throw failure;
            }
            // deleted behind our back since we last saw it
            remembered.forget(write.collectionId(), write.documentId());
            DocumentValues.checkRequired(collection, write, values);
            return insert(collection, write, values, stamp);
        }
    }

    private WriteOutcome createHistory(CollectionSchema collection, Write write, Map<String, Object> values,
            String stamp) {
        Map<String, Object> data = DocumentMerge.creation(collection, values, stamp);
        try {
            calls.call("createDocument", target(write), (db, c) -> db.createDocument(databaseId,
                    collection.id(), write.documentId(), documents.payload(collection, data), c));
            return WriteOutcome.INSERTED;
        } catch (AppwriteFailure failure) {
            if (failure.kind() != AppwriteFailure.Kind.CONFLICT) {
                throw failure;
            }
            // append-only: an existing document stays. Check it is ours (a replay, or OkHttp's silent re-send).
            Optional<Document> existing = documents.fetch(collection, write.documentId());
            if (existing.isEmpty()) {
                throw new IllegalStateException(failure.getMessage() + " (no document " + write.documentId()
                        + ": a unique index conflict)", failure);
            }
            List<String> different = new ArrayList<>();
            values.forEach((k, v) -> {
                if (!documents.isIncompatible(collection, k) && !v.equals(existing.get().get(k))) {
                    different.add(k);
                }
            });
            if (!different.isEmpty()) {
                LOG.warn("{} already exists with other values of {}; kept the stored document", target(write),
                        different);
            }
            return WriteOutcome.UNCHANGED;
        }
    }

    /** The stored state of every upsert target: from memory, else one {@code listDocuments} per collection. */
    private Map<String, Document> prefetch(List<Write> writes) {
        Map<String, Document> known = new HashMap<>();
        Map<String, Set<String>> missing = new LinkedHashMap<>();
        for (Write write : writes) {
            if (write instanceof Write.Upsert) {
                Document cached = remembered.get(write.collectionId(), write.documentId());
                if (cached != null) {
                    known.put(key(write), cached);
                } else {
                    missing.computeIfAbsent(write.collectionId(), c -> new LinkedHashSet<>()).add(write.documentId());
                }
            }
        }
        for (Map.Entry<String, Set<String>> entry : missing.entrySet()) {
            CollectionSchema collection = RaceDaySchema.collection(entry.getKey());
            List<String> ids = new ArrayList<>(entry.getValue());
            for (int from = 0; from < ids.size(); from += AppwriteDocuments.PAGE_SIZE) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + AppwriteDocuments.PAGE_SIZE));
                for (Document document : documents.fetchAll(collection, chunk)) {
                    remembered.remember(document);
                    known.put(collection.id() + "/" + document.id(), document);
                }
            }
        }
        return known;
    }

    private static String key(Write write) {
        return write.collectionId() + "/" + write.documentId();
    }

    private static String target(Write write) {
        return write.collectionId() + "/" + write.documentId();
    }
}
