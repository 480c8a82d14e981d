package nz.raceday.ingest.store.appwrite;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.appwrite.Query;
import io.appwrite.models.DocumentList;
import nz.raceday.ingest.store.Document;
import nz.raceday.ingest.store.DocumentMatcher;
import nz.raceday.ingest.store.DocumentMerge;
import nz.raceday.ingest.store.DocumentQuery;
import nz.raceday.ingest.store.DocumentValues;
import nz.raceday.ingest.store.RaceStore;
import nz.raceday.ingest.store.StoreHealth;
import nz.raceday.ingest.store.StoredTimes;
import nz.raceday.ingest.store.Write;
import nz.raceday.ingest.store.WriteBatch;
import nz.raceday.ingest.store.WriteOutcome;
import nz.raceday.ingest.store.WriteResult;
import nz.raceday.ingest.store.schema.Attribute;
import nz.raceday.ingest.store.schema.AttributeType;
import nz.raceday.ingest.store.schema.CollectionSchema;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Appwrite adapter of {@link RaceStore}, through the official Kotlin SDK ({@link AppwriteCalls}), with the same
 * semantics as the SQLite store: deterministic ids, absent values never overwrite stored ones, explicit clears are
 * sent as JSON nulls (the SDK drops nulls from maps, so such data goes as a JSON string), no-op updates are skipped.
 *
 * <p><b>Requests.</b> Appwrite 1.6 has no bulk writes, so every changed document costs one request. To spend no more
 * than that, the adapter remembers the last state it wrote or read of each upserted document (it is the only
 * writer of the RaceDay collections) and compares against it; documents it has not seen yet are fetched for a whole
 * batch with one {@code listDocuments} per collection. An upsert that changes nothing sends nothing; a change sends
 * one PATCH with only the changed attributes. Consecutive writes to the same collection go out in parallel (bounded
 * by {@code appwrite.concurrency}); the order between collections is kept, so a race document written last in a
 * poll batch still lands after its results.
 *
 * <p><b>Outages.</b> When Appwrite cannot take a batch (5xx, 429, 408, network errors and timeouts after retries, or
 * a refused key), the rest of the batch goes to the durable {@link Outbox} and {@link #apply} reports it
 * {@link WriteOutcome#QUEUED}. While the outbox holds anything, new batches queue behind it, so writes land in the
 * order they were made; a background drainer replays them as soon as Appwrite answers, and at startup before anything
 * new. Replays are safe: ids are deterministic, upserts compare, creates that meet 409 check the stored document.
 * Store-stamped attributes carry the time the write was made, not the time it was replayed.
 *
 * <p><b>Validation.</b> Every write of a batch is checked against the schema before the first request, so a bad
 * write fails the batch without sending anything (Appwrite cannot roll back a half-applied batch).
 */
public final class AppwriteRaceStore implements RaceStore {

    private static final Logger LOG = LoggerFactory.getLogger(AppwriteRaceStore.class);
    private static final int PAGE_SIZE = 100;
    private static final int MAX_CACHED_DOCUMENTS = 50_000;
    private static final Duration MAX_DRAIN_BACKOFF = Duration.ofSeconds(30);
    private static final Duration OUTBOX_REPORT_INTERVAL = Duration.ofMinutes(1);

    private final AppwriteSettings settings;
    private final Clock clock;
    private final AppwriteCalls calls;
    private final AppwriteSchemaProvisioner provisioner;
    private final Outbox outbox;
    private final ExecutorService writers;
    private final Map<String, Document> cache = Collections.synchronizedMap(
            new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Document> eldest) {
                    return size() > MAX_CACHED_DOCUMENTS;
                }
            });
    private final Map<String, Map<String, Pending>> pending = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong pendingAppends = new java.util.concurrent.atomic.AtomicLong();
    private final Set<String> incompleteOverlay = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final ReentrantLock drainLock = new ReentrantLock();
    private final Condition drainWake = drainLock.newCondition();
    private final Thread drainer;
    private volatile boolean provisioned;
    private volatile Set<String> incompatible = Set.of();
    private volatile boolean stopping;
    private volatile boolean drainFailing;
    private volatile String lastDrainFailure;
    private volatile Instant lastOutboxReport = Instant.EPOCH;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private AppwriteRaceStore(AppwriteSettings settings, Clock clock, AppwriteCalls calls, Outbox outbox,
            AppwriteCalls.Sleeper sleeper) {
        this.settings = settings;
        this.clock = clock;
        this.calls = calls;
        this.outbox = outbox;
        this.provisioner = new AppwriteSchemaProvisioner(calls, settings.databaseId(), settings.readRole(),
                settings.provisionTimeout(), clock, sleeper);
        AtomicInteger threads = new AtomicInteger();
        this.writers = Executors.newFixedThreadPool(Math.max(1, settings.concurrency()), r -> {
            Thread thread = new Thread(r, "appwrite-writer-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.drainer = new Thread(this::drainLoop, "appwrite-outbox-drainer");
        drainer.setDaemon(true);
    }

    /**
     * Connects, provisions the schema and starts the outbox drainer. When Appwrite cannot be reached the store still
     * opens: writes wait in the outbox and provisioning is retried in the background. A refused key or an invalid
     * request stops startup, since waiting cannot fix those.
     *
     * @throws IllegalStateException when Appwrite refuses the credentials or the schema cannot be provisioned
     */
    public static AppwriteRaceStore open(AppwriteSettings settings, Clock clock) {
        return open(settings, clock, AppwriteCalls.Sleeper.THREAD);
    }

    static AppwriteRaceStore open(AppwriteSettings settings, Clock clock, AppwriteCalls.Sleeper sleeper) {
        Objects.requireNonNull(clock, "clock");
        AppwriteCalls calls = new AppwriteCalls(settings, sleeper);
        Outbox outbox;
        try {
            outbox = Outbox.open(Path.of(settings.outboxPath()));
        } catch (RuntimeException e) {
            calls.close();
            throw e;
        }
        AppwriteRaceStore store = new AppwriteRaceStore(settings, clock, calls, outbox, sleeper);
        try {
            store.provision();
        } catch (AppwriteFailure failure) {
            if (failure.isTransient()) {
                LOG.warn("Appwrite at {} cannot be reached ({}); writes wait in the outbox {} until it answers",
                        settings.endpoint(), failure.getMessage(), outbox.file());
            } else {
                store.closeQuietly();
                throw new IllegalStateException("Appwrite at " + settings.endpoint() + " refused to set up database "
                        + settings.databaseId() + ": " + failure.getMessage(), failure);
            }
        } catch (RuntimeException e) {
            store.closeQuietly();
            throw e;
        }
        if (outbox.depth() > 0) {
            LOG.info("Appwrite outbox {} holds {} batches queued since {}; they go first", outbox.file(), outbox.depth(),
                    StoredTimes.format(outbox.oldest()));
        }
        store.drainer.start();
        return store;
    }

    private void provision() {
        AppwriteSchemaProvisioner.Report report = provisioner.provision(RaceDaySchema.DATABASE_NAME,
                RaceDaySchema.collections());
        incompatible = Set.copyOf(report.incompatible().keySet());
        provisioned = true;
    }

    @Override
    public String describe() {
        return "appwrite " + settings.endpoint() + " database " + settings.databaseId() + " (outbox " + outbox.file()
                + ")";
    }

    // ---- writes

    @Override
    public WriteResult apply(WriteBatch batch) {
        List<Write> writes = batch.writes();
        List<Map<String, Object>> values = validate(writes);
        Instant writtenAt = clock.instant();
        if (!provisioned || outbox.depth() > 0) {
            return queue(writes, values, 0, writtenAt, List.of(), null);
        }
        List<WriteOutcome> outcomes = new ArrayList<>(writes.size());
        try {
            deliver(writes, values, writtenAt, outcomes);
            return new WriteResult(writes, outcomes);
        } catch (Undelivered undelivered) {
            return queue(writes, values, undelivered.from, writtenAt, outcomes.subList(0, undelivered.from),
                    undelivered.cause);
        }
    }

    private WriteResult queue(List<Write> writes, List<Map<String, Object>> values, int from, Instant writtenAt,
            List<WriteOutcome> done, AppwriteFailure cause) {
        List<Write> rest = writes.subList(from, writes.size());
        boolean wasEmpty = outbox.depth() == 0;
        long seq = outbox.append(canonical(rest, values.subList(from, values.size())), writtenAt, clock.instant());
        overlay(rest, values.subList(from, values.size()), writtenAt, seq);
        if (wasEmpty && cause != null) {
            LOG.warn("Appwrite cannot take writes ({}); queueing them in {}", cause.getMessage(), outbox.file());
        }
        reportOutbox();
        wakeDrainer();
        List<WriteOutcome> outcomes = new ArrayList<>(done);
        rest.forEach(w -> outcomes.add(WriteOutcome.QUEUED));
        return new WriteResult(writes, outcomes);
    }

    /** The writes with their values in canonical form (text datetimes, longs, doubles), as the outbox keeps them. */
    private static List<Write> canonical(List<Write> writes, List<Map<String, Object>> values) {
        List<Write> canonical = new ArrayList<>(writes.size());
        for (int i = 0; i < writes.size(); i++) {
            Write write = writes.get(i);
            canonical.add(write instanceof Write.Upsert upsert
                    ? new Write.Upsert(upsert.collectionId(), upsert.documentId(), values.get(i), upsert.fillOnly(),
                            upsert.metadata(), upsert.cleared())
                    : new Write.Create(write.collectionId(), write.documentId(), values.get(i)));
        }
        return canonical;
    }

    /**
     * Reads see queued writes: the documents queued writes will produce are kept, by collection, until the outbox
     * delivers them, and both {@link #get} and {@link #list} answer with them, so a poll or an import step during an
     * outage reads back what the previous one wrote (the race's last status, the races the meetings step just stored)
     * rather than what Appwrite still holds. Appends are kept up to {@link #MAX_PENDING_APPENDS}; beyond that a
     * collection's list queries fail until the outbox drains rather than answer without them.
     */
    private record Pending(Document document, long seq, boolean append) {
    }

    private static final int MAX_PENDING_APPENDS = 100_000;

    private void overlay(List<Write> writes, List<Map<String, Object>> values, Instant writtenAt, long seq) {
        String stamp = StoredTimes.format(writtenAt);
        for (int i = 0; i < writes.size(); i++) {
            Write write = writes.get(i);
            CollectionSchema collection = RaceDaySchema.collection(write.collectionId());
            Map<String, Pending> queuedInCollection = pending.computeIfAbsent(collection.id(),
                    c -> new java.util.concurrent.ConcurrentHashMap<>());
            if (write instanceof Write.Create) {
                if (pendingAppends.get() >= MAX_PENDING_APPENDS) {
                    incompleteOverlay.add(collection.id());
                    continue;
                }
                if (queuedInCollection.putIfAbsent(write.documentId(), new Pending(DocumentMerge.created(collection,
                        write.documentId(), values.get(i), stamp), seq, true)) == null) {
                    pendingAppends.incrementAndGet();
                }
                continue;
            }
            Write.Upsert upsert = (Write.Upsert) write;
            Pending queued = queuedInCollection.get(write.documentId());
            Document base = queued != null ? queued.document() : cache.get(key(write));
            if (base == null) {
                // a document this process has not seen: what it will be if it is new
                queuedInCollection.put(write.documentId(), new Pending(DocumentMerge.created(collection,
                        write.documentId(), values.get(i), stamp), seq, false));
                continue;
            }
            DocumentMerge.update(collection, base, upsert, values.get(i), stamp, key -> false).ifPresent(update ->
                    queuedInCollection.put(write.documentId(), new Pending(update.document(), seq, false)));
        }
    }

    /** The outbox entry {@code seq} is delivered (or set aside): reads no longer need what it would write. */
    private void settled(long seq) {
        for (Map<String, Pending> queued : pending.values()) {
            queued.values().removeIf(p -> {
                boolean done = p.seq() <= seq;
                if (done && p.append()) {
                    pendingAppends.decrementAndGet();
                }
                return done;
            });
        }
        if (outbox.depth() == 0) {
            pendingAppends.set(0);
            incompleteOverlay.clear();
        }
    }

    private Pending pendingOf(String collectionId, String documentId) {
        Map<String, Pending> queued = pending.get(collectionId);
        return queued == null ? null : queued.get(documentId);
    }

    private List<Map<String, Object>> validate(List<Write> writes) {
        List<Map<String, Object>> values = new ArrayList<>(writes.size());
        for (Write write : writes) {
            CollectionSchema collection = RaceDaySchema.collection(write.collectionId());
            Map<String, Object> canonical = DocumentValues.canonical(collection, write);
            if (write instanceof Write.Create) {
                DocumentValues.checkRequired(collection, write, canonical);
            }
            values.add(canonical);
        }
        return values;
    }

    /** Writes from a given index on could not be delivered; they (and everything after) must be queued. */
    private static final class Undelivered extends Exception {
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
    private void deliver(List<Write> writes, List<Map<String, Object>> values, Instant writtenAt,
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
                    (db, c) -> db.createDocument(settings.databaseId(), collection.id(), write.documentId(),
                            payload(collection, data), c));
            cache.put(key(write), DocumentMerge.document(collection, write.documentId(), created.getCreatedAt(),
                    created.getUpdatedAt(), data));
            return WriteOutcome.INSERTED;
        } catch (AppwriteFailure failure) {
            if (failure.kind() != AppwriteFailure.Kind.CONFLICT) {
                throw failure;
            }
            // the id exists: OkHttp re-sent our POST after a dropped connection, or another run created it meanwhile
            Document existing = fetch(collection, write.documentId()).orElseThrow(() -> new IllegalStateException(
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
                key -> incompatible.contains(collection.id() + "." + key));
        if (update.isEmpty()) {
            return WriteOutcome.UNCHANGED;
        }
        Map<String, Object> data = update.get().data();
        try {
            io.appwrite.models.Document<Map<String, Object>> updated = calls.call("updateDocument", target(write),
                    (db, c) -> db.updateDocument(settings.databaseId(), collection.id(), write.documentId(),
                            payload(collection, data), c));
            cache.put(key(write), DocumentMerge.merged(stored, data, updated.getUpdatedAt()));
            return WriteOutcome.UPDATED;
        } catch (AppwriteFailure failure) {
            if (!failure.isDocumentNotFound()) {
                throw failure;
            }
            // deleted behind our back since we last saw it
            cache.remove(key(write));
            DocumentValues.checkRequired(collection, write, values);
            return insert(collection, write, values, stamp);
        }
    }

    private WriteOutcome createHistory(CollectionSchema collection, Write write, Map<String, Object> values,
            String stamp) {
        Map<String, Object> data = DocumentMerge.creation(collection, values, stamp);
        try {
            calls.call("createDocument", target(write), (db, c) -> db.createDocument(settings.databaseId(),
                    collection.id(), write.documentId(), payload(collection, data), c));
            return WriteOutcome.INSERTED;
        } catch (AppwriteFailure failure) {
            if (failure.kind() != AppwriteFailure.Kind.CONFLICT) {
                throw failure;
            }
            // append-only: an existing document stays. Check it is ours (a replay, or OkHttp's silent re-send).
            Optional<Document> existing = fetch(collection, write.documentId());
            if (existing.isEmpty()) {
                throw new IllegalStateException(failure.getMessage() + " (no document " + write.documentId()
                        + ": a unique index conflict)", failure);
            }
            List<String> different = new ArrayList<>();
            values.forEach((k, v) -> {
                if (!incompatible.contains(collection.id() + "." + k) && !v.equals(existing.get().get(k))) {
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

    /**
     * The {@code data} argument: a map, or JSON text when it holds nulls (the SDK's Gson drops nulls from maps,
     * Appwrite accepts {@code data} as a JSON string too). Attributes Appwrite holds with another type are left out.
     */
    private Object payload(CollectionSchema collection, Map<String, Object> data) {
        Map<String, Object> sendable = new LinkedHashMap<>(data);
        if (!incompatible.isEmpty()) {
            sendable.keySet().removeIf(k -> incompatible.contains(collection.id() + "." + k));
        }
        return sendable.containsValue(null) ? WriteCodec.objectWithNulls(sendable) : sendable;
    }

    /** The stored state of every upsert target: from memory, else one {@code listDocuments} per collection. */
    private Map<String, Document> prefetch(List<Write> writes) {
        Map<String, Document> known = new HashMap<>();
        Map<String, Set<String>> missing = new LinkedHashMap<>();
        for (Write write : writes) {
            if (write instanceof Write.Upsert) {
                Document cached = cache.get(key(write));
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
            for (int from = 0; from < ids.size(); from += PAGE_SIZE) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + PAGE_SIZE));
                List<String> queries = List.of(Query.Companion.equal("$id", new ArrayList<>(chunk)),
                        Query.Companion.limit(chunk.size()));
                DocumentList<Map<String, Object>> page = calls.call("listDocuments", collection.id() + " by id",
                        (db, c) -> db.listDocuments(settings.databaseId(), collection.id(), queries, c));
                for (io.appwrite.models.Document<Map<String, Object>> found : page.getDocuments()) {
                    Document document = toDocument(collection, found);
                    cache.put(collection.id() + "/" + document.id(), document);
                    known.put(collection.id() + "/" + document.id(), document);
                }
            }
        }
        return known;
    }

    // ---- reads

    @Override
    public Optional<Document> get(String collectionId, String documentId) {
        CollectionSchema collection = RaceDaySchema.collection(collectionId);
        Pending queued = pendingOf(collectionId, documentId);
        if (queued != null) {
            return Optional.of(queued.document());
        }
        Document cached = cache.get(collectionId + "/" + documentId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Document> fetched = fetch(collection, documentId);
        fetched.ifPresent(d -> cache.put(collectionId + "/" + documentId, d));
        return fetched;
    }

    private Optional<Document> fetch(CollectionSchema collection, String documentId) {
        try {
            return Optional.of(toDocument(collection, calls.call("getDocument", collection.id() + "/" + documentId,
                    (db, c) -> db.getDocument(settings.databaseId(), collection.id(), documentId, c))));
        } catch (AppwriteFailure failure) {
            if (failure.isDocumentNotFound()) {
                return Optional.empty();
            }
            throw failure;
        }
    }

    /**
     * Documents matching the query: Appwrite's answer with the queued writes laid over it. While Appwrite cannot be
     * reached, collections of upserted documents are answered from what this process has written or read (with a
     * warning); history collections are not, since an answer without their older rows would be wrong, not old.
     */
    @Override
    public List<Document> list(String collectionId, DocumentQuery query) {
        CollectionSchema collection = RaceDaySchema.collection(collectionId);
        List<String> base = AppwriteQueries.of(collection, query);
        Map<String, Pending> queued = pending.getOrDefault(collectionId, Map.of());
        if (!queued.isEmpty() && incompleteOverlay.contains(collectionId)) {
            throw new AppwriteFailure(AppwriteFailure.Kind.UNAVAILABLE, 0, null, "too many writes to " + collectionId
                    + " wait in the Appwrite outbox to answer a query on it before it drains", null);
        }
        List<Document> remote;
        try {
            remote = listRemote(collection, base, query.limit());
        } catch (AppwriteFailure failure) {
            if (!failure.shouldQueue() || RaceDaySchema.isHistory(collectionId)) {
                throw failure;
            }
            Map<String, Document> known = new LinkedHashMap<>();
            synchronized (cache) {
                cache.forEach((key, document) -> {
                    if (document.collectionId().equals(collectionId)) {
                        known.put(document.id(), document);
                    }
                });
            }
            queued.forEach((id, p) -> known.put(id, p.document()));
            if (!answeredFromMemory.getAndSet(true)) {
                LOG.warn("Appwrite cannot be reached ({}); answering queries from the documents this process has "
                        + "written or read until it answers again", failure.getMessage());
            }
            return DocumentMatcher.apply(collection, known.values(), query);
        }
        answeredFromMemory.set(false);
        if (queued.isEmpty()) {
            return remote;
        }
        Map<String, Document> merged = new LinkedHashMap<>();
        remote.forEach(d -> merged.put(d.id(), d));
        queued.forEach((id, p) -> merged.put(id, p.document()));
        return DocumentMatcher.apply(collection, merged.values(), query);
    }

    private final java.util.concurrent.atomic.AtomicBoolean answeredFromMemory =
            new java.util.concurrent.atomic.AtomicBoolean();

    private List<Document> listRemote(CollectionSchema collection, List<String> base, Integer limit) {
        String collectionId = collection.id();
        // without an order Appwrite pages stably by cursor; with one, a cursor would fail on a null order value
        boolean byCursor = base.stream().noneMatch(q -> q.contains("\"method\":\"order"));
        List<Document> documents = new ArrayList<>();
        String cursor = null;
        while (true) {
            int pageSize = limit == null ? PAGE_SIZE : Math.min(PAGE_SIZE, limit - documents.size());
            List<String> queries = new ArrayList<>(base);
            queries.add(Query.Companion.limit(pageSize));
            if (byCursor && cursor != null) {
                queries.add(Query.Companion.cursorAfter(cursor));
            } else if (!byCursor && !documents.isEmpty()) {
                queries.add(Query.Companion.offset(documents.size()));
            }
            DocumentList<Map<String, Object>> page = calls.call("listDocuments", collectionId,
                    (db, c) -> db.listDocuments(settings.databaseId(), collectionId, queries, c));
            for (io.appwrite.models.Document<Map<String, Object>> found : page.getDocuments()) {
                documents.add(toDocument(collection, found));
            }
            if (page.getDocuments().size() < pageSize || (limit != null && documents.size() >= limit)) {
                return documents;
            }
            cursor = documents.get(documents.size() - 1).id();
        }
    }

    private Document toDocument(CollectionSchema collection, io.appwrite.models.Document<Map<String, Object>> found) {
        Map<String, Object> data = found.getData();
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (Attribute attribute : collection.attributes()) {
            if (incompatible.contains(collection.id() + "." + attribute.key())) {
                continue;
            }
            Object value = data.get(attribute.key());
            if (attribute.type() == AttributeType.RELATIONSHIP) {
                // Appwrite returns the related document expanded; the store speaks in ids
                value = value instanceof Map<?, ?> related ? related.get("$id") : value instanceof String ? value : null;
            }
            Object canonical = DocumentValues.fromStored(attribute, value);
            if (canonical != null) {
                attributes.put(attribute.key(), canonical);
            }
        }
        return new Document(collection.id(), found.getId(), found.getCreatedAt(), found.getUpdatedAt(), attributes);
    }

    private static String key(Write write) {
        return write.collectionId() + "/" + write.documentId();
    }

    private static String target(Write write) {
        return write.collectionId() + "/" + write.documentId();
    }

    // ---- the outbox

    private void drainLoop() {
        int failures = 0;
        while (!Thread.currentThread().isInterrupted()) {
            if (stopping && (drainFailing || outbox.depth() == 0)) {
                return;
            }
            try {
                if (!provisioned) {
                    provision();
                    LOG.info("Appwrite at {} answers again; schema provisioned", settings.endpoint());
                }
                Optional<Outbox.Entry> head = outbox.head();
                if (head.isEmpty()) {
                    drainFailing = false;
                    awaitWork(Duration.ofSeconds(1));
                    continue;
                }
                replay(head.get());
                failures = 0;
                drainFailing = false;
                lastDrainFailure = null;
                if (outbox.depth() == 0) {
                    LOG.info("Appwrite outbox drained");
                } else {
                    reportOutbox();
                }
            } catch (AppwriteFailure failure) {
                failures++;
                drainFailing = true;
                if (!failure.getMessage().equals(lastDrainFailure)) {
                    LOG.warn("Appwrite outbox waits: {} ({} batches queued)", failure.getMessage(), outbox.depth());
                    lastDrainFailure = failure.getMessage();
                }
                reportOutbox();
                awaitWork(backoff(failures));
            } catch (RuntimeException e) {
                // a bug or an unreadable outbox file: keep the thread alive and try again later
                failures++;
                drainFailing = true;
                LOG.error("Appwrite outbox drainer failed: {}", e.getMessage(), e);
                awaitWork(backoff(failures));
            }
        }
    }

    /** Delivers one queued batch; a batch Appwrite rejects outright is set aside with its reason. */
    private void replay(Outbox.Entry entry) {
        List<Map<String, Object>> values;
        List<WriteOutcome> outcomes = new ArrayList<>();
        try {
            values = validate(entry.writes());
            deliver(entry.writes(), values, entry.writtenAt(), outcomes);
        } catch (Undelivered undelivered) {
            throw undelivered.cause;
        } catch (IllegalArgumentException | IllegalStateException rejected) {
            LOG.error("Appwrite refused a queued batch of {} writes from {}; kept in {} (outbox_rejected): {}",
                    entry.writes().size(), StoredTimes.format(entry.enqueuedAt()), outbox.file(), rejected.getMessage());
            outbox.reject(entry.seq(), rejected.getMessage(), clock.instant());
            settled(entry.seq());
            return;
        }
        outbox.remove(entry.seq());
        settled(entry.seq());
    }

    private Duration backoff(int failures) {
        Duration base = settings.retryBackoff().isZero() ? Duration.ofMillis(10) : settings.retryBackoff();
        Duration delay = base.multipliedBy(1L << Math.min(failures, 16));
        Duration cap = base.multipliedBy(120).compareTo(MAX_DRAIN_BACKOFF) < 0 ? base.multipliedBy(120)
                : MAX_DRAIN_BACKOFF;
        return delay.compareTo(cap) > 0 ? cap : delay;
    }

    private void awaitWork(Duration timeout) {
        drainLock.lock();
        try {
            if (!stopping) {
                drainWake.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            drainLock.unlock();
        }
    }

    private void wakeDrainer() {
        drainLock.lock();
        try {
            drainWake.signalAll();
        } finally {
            drainLock.unlock();
        }
    }

    private void reportOutbox() {
        Instant now = clock.instant();
        if (Duration.between(lastOutboxReport, now).compareTo(OUTBOX_REPORT_INTERVAL) >= 0 && outbox.depth() > 0) {
            lastOutboxReport = now;
            LOG.warn("Appwrite outbox: {} batches waiting, oldest queued {} s ago", outbox.depth(),
                    Duration.between(outbox.oldest(), now).toSeconds());
        }
    }

    // ---- state for operators

    private static final Duration HEALTH_CACHE = Duration.ofSeconds(5);
    private volatile Instant lastProbe = Instant.EPOCH;
    private volatile String lastProbeFailure = "not asked yet";

    /**
     * Whether Appwrite answers (asked at most every five seconds, one request without retries) and what waits in the
     * outbox.
     */
    @Override
    public StoreHealth health() {
        Instant now = clock.instant();
        if (Duration.between(lastProbe, now).compareTo(HEALTH_CACHE) >= 0 || lastProbe.isAfter(now)) {
            lastProbe = now;
            try {
                calls.once("getDatabase", settings.databaseId(), (db, c) -> db.get(settings.databaseId(), c));
                lastProbeFailure = null;
            } catch (AppwriteFailure failure) {
                lastProbeFailure = failure.getMessage();
            }
        }
        String failure = lastProbeFailure;
        String detail = describe() + (failure == null ? "" : ": " + failure)
                + (provisioned ? "" : " (schema not provisioned yet)");
        return new StoreHealth(failure == null && provisioned, detail, outbox.depth(), outboxAge(),
                outbox.rejected());
    }

    /** Batches waiting in the outbox. */
    public long outboxDepth() {
        return outbox.depth();
    }

    /** Age of the oldest batch in the outbox; zero when it is empty. */
    public Duration outboxAge() {
        Instant oldest = outbox.oldest();
        return oldest == null ? Duration.ZERO : Duration.between(oldest, clock.instant());
    }

    /** Batches Appwrite refused, kept in the outbox file's {@code outbox_rejected} table. */
    public long rejectedBatches() {
        return outbox.rejected();
    }

    /** Whether the schema has been provisioned (false while Appwrite has not answered since startup). */
    public boolean isProvisioned() {
        return provisioned;
    }

    /** Requests sent to Appwrite so far, by SDK method. */
    public Map<String, Long> requestCounts() {
        return calls.requestCounts();
    }

    /** All requests sent to Appwrite so far. */
    public long requestCount() {
        return calls.requestCount();
    }

    /** Forgets remembered document states, as after a restart (for tests and benchmarks of the cold path). */
    public void forgetRememberedDocuments() {
        cache.clear();
    }

    // ---- lifecycle

    /**
     * Stops: waits up to {@code appwrite.close-drain-timeout-ms} for the outbox to drain while Appwrite answers, then
     * closes the SDK's HTTP client (its dispatcher thread would otherwise keep the JVM alive for a minute). Whatever is
     * still queued stays in the outbox file for the next start.
     */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        stopping = true;
        wakeDrainer();
        try {
            drainer.join(Math.max(1, settings.closeDrainTimeout().toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long left = outbox.depth();
        if (left > 0) {
            LOG.warn("Appwrite outbox {} keeps {} batches for the next start", outbox.file(), left);
        }
        closeQuietly();
    }

    private void closeQuietly() {
        stopping = true;
        drainer.interrupt();
        try {
            drainer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writers.shutdownNow();
        calls.close();
        outbox.close();
    }
}
