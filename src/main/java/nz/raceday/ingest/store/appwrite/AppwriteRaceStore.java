package nz.raceday.ingest.store.appwrite;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.appwrite.Query;
import io.appwrite.models.DocumentList;
import nz.raceday.ingest.store.Document;
import nz.raceday.ingest.store.DocumentMemory;
import nz.raceday.ingest.store.DocumentMatcher;
import nz.raceday.ingest.store.DocumentMerge;
import nz.raceday.ingest.store.DocumentQuery;
import nz.raceday.ingest.store.DocumentValues;
import nz.raceday.ingest.store.RaceStore;
import nz.raceday.ingest.store.StoreHealth;
import nz.raceday.ingest.store.StoreUnavailableException;
import nz.raceday.ingest.store.StoredTimes;
import nz.raceday.ingest.store.Write;
import nz.raceday.ingest.store.WriteBatch;
import nz.raceday.ingest.store.WriteOutcome;
import nz.raceday.ingest.store.WriteResult;
import nz.raceday.ingest.store.buffer.BufferSettings;
import nz.raceday.ingest.store.buffer.BufferingRaceStore;
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
 * <p><b>Outages.</b> When Appwrite cannot take a request (5xx, 429, 408, network errors and timeouts after retries,
 * a refused key, or the schema not provisioned yet), the adapter throws {@link StoreUnavailableException}, naming the
 * writes of the batch that landed. It queues nothing itself: in production it sits behind
 * {@link BufferingRaceStore} ({@link #buffered}), which keeps the outbox, answers reads during the outage and replays
 * the queue. Replays are safe: ids are deterministic, upserts compare, creates that meet 409 check the stored document.
 *
 * <p><b>Validation.</b> Every write of a batch is checked against the schema before the first request, so a bad
 * write fails the batch without sending anything (Appwrite cannot roll back a half-applied batch).
 */
public final class AppwriteRaceStore implements RaceStore, DocumentMemory {

    private static final Logger LOG = LoggerFactory.getLogger(AppwriteRaceStore.class);
    private static final int PAGE_SIZE = 100;
    private static final int MAX_CACHED_DOCUMENTS = 50_000;

    private final AppwriteSettings settings;
    private final Clock clock;
    private final AppwriteCalls calls;
    private final AppwriteSchemaProvisioner provisioner;
    private final ExecutorService writers;
    private final Map<String, Document> cache = Collections.synchronizedMap(
            new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Document> eldest) {
                    return size() > MAX_CACHED_DOCUMENTS;
                }
            });
    private volatile boolean provisioned;
    private volatile Set<String> incompatible = Set.of();
    private final AtomicBoolean provisioning = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    private AppwriteRaceStore(AppwriteSettings settings, Clock clock, AppwriteCalls calls,
            AppwriteCalls.Sleeper sleeper) {
        this.settings = settings;
        this.clock = clock;
        this.calls = calls;
        this.provisioner = new AppwriteSchemaProvisioner(calls, settings.databaseId(), settings.readRole(),
                settings.provisionTimeout(), clock, sleeper);
        AtomicInteger threads = new AtomicInteger();
        this.writers = Executors.newFixedThreadPool(Math.max(1, settings.concurrency()), r -> {
            Thread thread = new Thread(r, "appwrite-writer-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * The store the application uses: this adapter behind the buffering layer, its outbox in
     * {@code appwrite.outbox-path}, replays backing off from {@code appwrite.retry-backoff-ms}.
     *
     * @throws IllegalStateException when Appwrite refuses the credentials or the schema cannot be provisioned
     */
    public static BufferingRaceStore buffered(AppwriteSettings settings, Clock clock) {
        return buffered(settings, clock, AppwriteCalls.Sleeper.THREAD);
    }

    /** {@link #buffered(AppwriteSettings, Clock)} with the waits between retries and replays replaced (tests). */
    public static BufferingRaceStore buffered(AppwriteSettings settings, Clock clock, AppwriteCalls.Sleeper sleeper) {
        AppwriteRaceStore adapter = open(settings, clock, sleeper);
        return BufferingRaceStore.open(adapter, new BufferSettings("Appwrite", Path.of(settings.outboxPath()),
                settings.retryBackoff(), settings.closeDrainTimeout()), clock, sleeper);
    }

    /**
     * Connects and provisions the schema. When Appwrite cannot be reached the store still opens: requests fail with
     * {@link StoreUnavailableException} and provisioning is retried in the background at the next one. A refused key
     * or an invalid request stops startup, since waiting cannot fix those.
     *
     * @throws IllegalStateException when Appwrite refuses the credentials or the schema cannot be provisioned
     */
    public static AppwriteRaceStore open(AppwriteSettings settings, Clock clock) {
        return open(settings, clock, AppwriteCalls.Sleeper.THREAD);
    }

    static AppwriteRaceStore open(AppwriteSettings settings, Clock clock, AppwriteCalls.Sleeper sleeper) {
        Objects.requireNonNull(clock, "clock");
        AppwriteCalls calls = new AppwriteCalls(settings, sleeper);
        AppwriteRaceStore store = new AppwriteRaceStore(settings, clock, calls, sleeper);
        try {
            store.provision();
        } catch (AppwriteFailure failure) {
            if (failure.isTransient()) {
                LOG.warn("Appwrite at {} cannot be reached ({}); writes wait in the outbox until it answers",
                        settings.endpoint(), failure.getMessage());
            } else {
                store.close();
                throw new IllegalStateException("Appwrite at " + settings.endpoint() + " refused to set up database "
                        + settings.databaseId() + ": " + failure.getMessage(), failure);
            }
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    private void provision() {
        AppwriteSchemaProvisioner.Report report = provisioner.provision(RaceDaySchema.DATABASE_NAME,
                RaceDaySchema.collections());
        incompatible = Set.copyOf(report.incompatible().keySet());
        provisioned = true;
    }

    /**
     * Fails fast while the schema is not provisioned (Appwrite did not answer at startup), starting one provisioning
     * attempt in the background: a request thread never waits for provisioning.
     */
    private void requireProvisioned() {
        if (provisioned) {
            return;
        }
        if (provisioning.compareAndSet(false, true)) {
            try {
                writers.execute(() -> {
                    try {
                        provision();
                        LOG.info("Appwrite at {} answers again; schema provisioned", settings.endpoint());
                    } catch (RuntimeException e) {
                        LOG.debug("Appwrite schema not provisioned yet: {}", e.getMessage());
                    } finally {
                        provisioning.set(false);
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                provisioning.set(false);
            }
        }
        throw new StoreUnavailableException("Appwrite at " + settings.endpoint() + " has not answered since startup: "
                + "schema not provisioned yet", null);
    }

    private static StoreUnavailableException unavailable(AppwriteFailure failure, List<WriteOutcome> delivered) {
        return new StoreUnavailableException(failure.getMessage(), delivered, failure);
    }

    @Override
    public String describe() {
        return "appwrite " + settings.endpoint() + " database " + settings.databaseId();
    }

    // ---- writes

    /**
     * Delivers the batch in order.
     *
     * @throws StoreUnavailableException when Appwrite cannot take it now; it names the writes that landed
     */
    @Override
    public WriteResult apply(WriteBatch batch) {
        List<Write> writes = batch.writes();
        List<Map<String, Object>> values = validate(writes);
        requireProvisioned();
        Instant writtenAt = batch.writtenAt().orElseGet(clock::instant);
        List<WriteOutcome> outcomes = new ArrayList<>(writes.size());
        try {
            deliver(writes, values, writtenAt, outcomes);
            return new WriteResult(writes, outcomes);
        } catch (Undelivered undelivered) {
            throw unavailable(undelivered.cause, outcomes.subList(0, undelivered.from));
        }
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
        return sendable.containsValue(null) ? objectWithNulls(sendable) : sendable;
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /** A JSON object with explicit nulls: the form in which Appwrite accepts {@code data} that clears attributes. */
    static String objectWithNulls(Map<String, Object> data) {
        return JSON.valueToTree(data).toString();
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
        Document cached = cache.get(collectionId + "/" + documentId);
        if (cached != null) {
            return Optional.of(cached);
        }
        requireProvisioned();
        try {
            Optional<Document> fetched = fetch(collection, documentId);
            fetched.ifPresent(d -> cache.put(collectionId + "/" + documentId, d));
            return fetched;
        } catch (AppwriteFailure failure) {
            throw failure.shouldQueue() ? unavailable(failure, List.of()) : failure;
        }
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

    /** Documents matching the query, as Appwrite answers. */
    @Override
    public List<Document> list(String collectionId, DocumentQuery query) {
        CollectionSchema collection = RaceDaySchema.collection(collectionId);
        List<String> base = AppwriteQueries.of(collection, query);
        requireProvisioned();
        try {
            return listRemote(collection, base, query.limit());
        } catch (AppwriteFailure failure) {
            throw failure.shouldQueue() ? unavailable(failure, List.of()) : failure;
        }
    }

    @Override
    public Optional<Document> remembered(String collectionId, String documentId) {
        return Optional.ofNullable(cache.get(collectionId + "/" + documentId));
    }

    @Override
    public Collection<Document> remembered(String collectionId) {
        List<Document> documents = new ArrayList<>();
        synchronized (cache) {
            cache.forEach((key, document) -> {
                if (document.collectionId().equals(collectionId)) {
                    documents.add(document);
                }
            });
        }
        return documents;
    }

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

    // ---- state for operators

    private static final Duration HEALTH_CACHE = Duration.ofSeconds(5);
    private volatile Instant lastProbe = Instant.EPOCH;
    private volatile String lastProbeFailure = "not asked yet";

    /**
     * Whether Appwrite answers (asked at most every five seconds, one request without retries) and the schema is
     * provisioned.
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
        return new StoreHealth(failure == null && provisioned, detail, 0, Duration.ZERO, 0);
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
     * Stops the writer threads and closes the SDK's HTTP client (its dispatcher thread would otherwise keep the JVM
     * alive for a minute).
     */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        writers.shutdownNow();
        calls.close();
    }
}
