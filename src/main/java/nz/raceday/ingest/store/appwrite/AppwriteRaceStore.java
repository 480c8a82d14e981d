package nz.raceday.ingest.store.appwrite;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import nz.raceday.ingest.store.Document;
import nz.raceday.ingest.store.DocumentMemory;
import nz.raceday.ingest.store.DocumentQuery;
import nz.raceday.ingest.store.DocumentValues;
import nz.raceday.ingest.store.RaceStore;
import nz.raceday.ingest.store.StoreHealth;
import nz.raceday.ingest.store.StoreUnavailableException;
import nz.raceday.ingest.store.Write;
import nz.raceday.ingest.store.WriteBatch;
import nz.raceday.ingest.store.WriteOutcome;
import nz.raceday.ingest.store.WriteResult;
import nz.raceday.ingest.store.buffer.BufferSettings;
import nz.raceday.ingest.store.buffer.BufferingRaceStore;
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

    private final AppwriteSettings settings;
    private final Clock clock;
    private final AppwriteCalls calls;
    private final AppwriteSchemaProvisioner provisioner;
    private final ExecutorService writers;
    private final RememberedDocuments remembered = new RememberedDocuments();
    private final AppwriteDocuments documents;
    private final AppwriteDelivery delivery;
    private volatile boolean provisioned;
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
        this.documents = new AppwriteDocuments(calls, settings.databaseId());
        this.delivery = new AppwriteDelivery(calls, settings.databaseId(), documents, remembered, writers);
    }

    /**
     * The store the application uses: this adapter behind the buffering layer, its outbox in
     * {@code appwrite.outbox-path}, replays backing off from {@code appwrite.retry-backoff}.
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
        documents.incompatible(report.incompatible().keySet());
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
        startProvisioning();
        throw new StoreUnavailableException("Appwrite at " + settings.endpoint() + " has not answered since startup: "
                + "schema not provisioned yet", null);
    }

    /** One provisioning attempt in the background, unless one is running. */
    private void startProvisioning() {
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
            } catch (RejectedExecutionException closing) {
                provisioning.set(false);
            }
        }
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
            delivery.deliver(writes, values, writtenAt, outcomes);
            return new WriteResult(writes, outcomes);
        } catch (AppwriteDelivery.Undelivered undelivered) {
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

    // ---- reads

    @Override
    public Optional<Document> get(String collectionId, String documentId) {
        CollectionSchema collection = RaceDaySchema.collection(collectionId);
        Document cached = remembered.get(collectionId, documentId);
        if (cached != null) {
            return Optional.of(cached);
        }
        requireProvisioned();
        try {
            Optional<Document> fetched = documents.fetch(collection, documentId);
            fetched.ifPresent(remembered::remember);
            return fetched;
        } catch (AppwriteFailure failure) {
            throw failure.shouldQueue() ? unavailable(failure, List.of()) : failure;
        }
    }

    /** Documents matching the query, as Appwrite answers. */
    @Override
    public List<Document> list(String collectionId, DocumentQuery query) {
        CollectionSchema collection = RaceDaySchema.collection(collectionId);
        List<String> base = AppwriteQueries.of(collection, query);
        requireProvisioned();
        try {
            return documents.list(collection, base, query.limit());
        } catch (AppwriteFailure failure) {
            throw failure.shouldQueue() ? unavailable(failure, List.of()) : failure;
        }
    }

    @Override
    public Optional<Document> remembered(String collectionId, String documentId) {
        return Optional.ofNullable(remembered.get(collectionId, documentId));
    }

    @Override
    public Collection<Document> remembered(String collectionId) {
        return remembered.inCollection(collectionId);
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
                if (!provisioned) {
                    startProvisioning();
                }
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
        remembered.clear();
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
