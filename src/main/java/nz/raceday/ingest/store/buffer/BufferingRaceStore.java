package nz.raceday.ingest.store.buffer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.github.resilience4j.core.IntervalFunction;
import nz.raceday.ingest.store.Document;
import nz.raceday.ingest.store.DocumentMatcher;
import nz.raceday.ingest.store.DocumentMemory;
import nz.raceday.ingest.store.DocumentMerge;
import nz.raceday.ingest.store.DocumentQuery;
import nz.raceday.ingest.store.DocumentValues;
import nz.raceday.ingest.store.RaceStore;
import nz.raceday.ingest.store.Sleeper;
import nz.raceday.ingest.store.StoreHealth;
import nz.raceday.ingest.store.StoreUnavailableException;
import nz.raceday.ingest.store.StoredTimes;
import nz.raceday.ingest.store.Write;
import nz.raceday.ingest.store.WriteBatch;
import nz.raceday.ingest.store.WriteOutcome;
import nz.raceday.ingest.store.WriteResult;
import nz.raceday.ingest.store.schema.CollectionSchema;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a write reaches a backend that is down: this decorator over any {@link RaceStore} (the Appwrite adapter in
 * production) is the first of three files to read, then {@link Outbox}, then the adapter.
 *
 * <p><b>Writes.</b> Every write of a batch is checked against the schema first, so a bad write fails the batch
 * without queueing anything. When the backend throws {@link StoreUnavailableException}, the rest of the batch (the
 * writes after those it reports delivered) goes to the durable {@link Outbox} and {@link #apply} reports it
 * {@link WriteOutcome#QUEUED}. While the outbox holds anything, new batches queue behind it without asking the
 * backend, so writes land in the order they were made.
 *
 * <p><b>The drainer.</b> A background thread replays the oldest entry as soon as the backend takes it, and at
 * startup before anything new; between failed replays it waits with exponential backoff. Replays are safe: ids are
 * deterministic, upserts compare, creates that meet an existing document are no-ops. A replay carries the time the
 * write was made ({@link WriteBatch#writtenAt(Instant)}), so store-stamped attributes do not show the replay time.
 * An entry the backend rejects outright ({@link IllegalArgumentException} or {@link IllegalStateException}) is set
 * aside in the outbox file with its reason.
 *
 * <p><b>Reads.</b> Queued writes are laid over what the backend answers (see {@link #get} and {@link #list}), so a
 * poll or an import step during an outage reads back what the previous one wrote.
 */
public final class BufferingRaceStore implements RaceStore {

    /** Longest wait between two replay attempts, whatever the configured base: a recovery is noticed within it. */
    public static final Duration MAX_DRAIN_BACKOFF = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(BufferingRaceStore.class);
    private static final Duration IDLE_WAIT = Duration.ofSeconds(1);
    private static final Duration OUTBOX_REPORT_INTERVAL = Duration.ofMinutes(1);
    private static final int MAX_PENDING_APPENDS = 100_000;

    private final RaceStore backend;
    private final DocumentMemory memory;
    private final BufferSettings settings;
    private final Outbox outbox;
    private final Clock clock;
    private final Sleeper sleeper;
    private final IntervalFunction backoff;
    private final Object pauseLock = new Object();
    /** Guarded by {@link #pauseLock}: the drainer is in {@link #pause}, or was woken since its replay began. */
    private boolean pausing;
    private boolean woken;
    private final Thread drainer;
    private final ReentrantLock drainLock = new ReentrantLock();
    private final Condition drainWake = drainLock.newCondition();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean stopping;
    private volatile boolean drainFailing;
    private volatile String lastDrainFailure;
    private volatile Instant lastOutboxReport = Instant.EPOCH;

    /**
     * The documents queued writes will produce, by collection, until the outbox delivers them. Appends (history
     * rows) are kept up to {@link #MAX_PENDING_APPENDS}; beyond that a collection's list queries fail until the
     * outbox drains rather than answer without them.
     */
    private record Pending(Document document, long seq, boolean append) {
    }

    private final Map<String, Map<String, Pending>> pending = new ConcurrentHashMap<>();
    private final AtomicLong pendingAppends = new AtomicLong();
    private final Set<String> incompleteOverlay = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean answeredFromMemory = new AtomicBoolean();

    private BufferingRaceStore(RaceStore backend, BufferSettings settings, Outbox outbox, Clock clock,
            Sleeper sleeper) {
        this.backend = backend;
        this.memory = backend instanceof DocumentMemory remembering ? remembering : null;
        this.settings = settings;
        this.outbox = outbox;
        this.clock = clock;
        this.sleeper = sleeper;
        this.backoff = drainBackoff(settings.drainBackoff());
        this.drainer = new Thread(this::drainLoop, settings.backend().toLowerCase(java.util.Locale.ROOT)
                + "-outbox-drainer");
        drainer.setDaemon(true);
    }

    /**
     * Opens the outbox of {@code backend} and starts its drainer; what an earlier run left queued goes first.
     * Closing the returned store closes the backend too.
     */
    public static BufferingRaceStore open(RaceStore backend, BufferSettings settings, Clock clock, Sleeper sleeper) {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        Outbox outbox;
        try {
            outbox = Outbox.open(settings.outboxFile(), settings.backend());
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        BufferingRaceStore store = new BufferingRaceStore(backend, settings, outbox, clock, sleeper);
        if (outbox.depth() > 0) {
            LOG.info("{} outbox {} holds {} batches queued since {}; they go first", settings.backend(), outbox.file(),
                    outbox.depth(), StoredTimes.format(outbox.oldest()));
        }
        store.drainer.start();
        return store;
    }

    /** The store the writes are for. */
    public RaceStore backend() {
        return backend;
    }

    @Override
    public String describe() {
        return backend.describe() + " (outbox " + outbox.file() + ")";
    }

    // ---- writes

    @Override
    public WriteResult apply(WriteBatch batch) {
        List<Write> writes = batch.writes();
        List<Map<String, Object>> values = validate(writes);
        Instant writtenAt = batch.writtenAt().orElseGet(clock::instant);
        if (outbox.depth() > 0) {
            return queue(writes, values, List.of(), writtenAt, null);
        }
        try {
            return backend.apply(WriteBatch.of(writes).writtenAt(writtenAt));
        } catch (StoreUnavailableException unavailable) {
            return queue(writes, values, unavailable.delivered(), writtenAt, unavailable);
        }
    }

    private static List<Map<String, Object>> validate(List<Write> writes) {
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

    /** Queues the writes after the {@code delivered} ones; they are reported {@link WriteOutcome#QUEUED}. */
    private WriteResult queue(List<Write> writes, List<Map<String, Object>> values, List<WriteOutcome> delivered,
            Instant writtenAt, StoreUnavailableException cause) {
        int from = delivered.size();
        List<Write> rest = writes.subList(from, writes.size());
        List<Map<String, Object>> restValues = values.subList(from, values.size());
        boolean wasEmpty = outbox.depth() == 0;
        long seq = outbox.append(canonical(rest, restValues), writtenAt, clock.instant());
        overlay(rest, restValues, writtenAt, seq);
        if (wasEmpty && cause != null) {
            LOG.warn("{} cannot take writes ({}); queueing them in {}", settings.backend(), cause.getMessage(),
                    outbox.file());
        }
        reportOutbox();
        wakeDrainer();
        List<WriteOutcome> outcomes = new ArrayList<>(delivered);
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

    // ---- the overlay of queued writes

    private void overlay(List<Write> writes, List<Map<String, Object>> values, Instant writtenAt, long seq) {
        String stamp = StoredTimes.format(writtenAt);
        for (int i = 0; i < writes.size(); i++) {
            Write write = writes.get(i);
            CollectionSchema collection = RaceDaySchema.collection(write.collectionId());
            Map<String, Pending> queued = pending.computeIfAbsent(collection.id(), c -> new ConcurrentHashMap<>());
            if (write instanceof Write.Create) {
                if (pendingAppends.get() >= MAX_PENDING_APPENDS) {
                    incompleteOverlay.add(collection.id());
                    continue;
                }
                if (queued.putIfAbsent(write.documentId(), new Pending(DocumentMerge.created(collection,
                        write.documentId(), values.get(i), stamp), seq, true)) == null) {
                    pendingAppends.incrementAndGet();
                }
                continue;
            }
            Pending earlier = queued.get(write.documentId());
            Document base = earlier != null ? earlier.document() : remembered(collection.id(), write.documentId());
            if (base == null) {
                // a document this process has not seen: what it will be if it is new
                queued.put(write.documentId(), new Pending(DocumentMerge.created(collection, write.documentId(),
                        values.get(i), stamp), seq, false));
                continue;
            }
            DocumentMerge.update(collection, base, (Write.Upsert) write, values.get(i), stamp, key -> false)
                    .ifPresent(update -> queued.put(write.documentId(), new Pending(update.document(), seq, false)));
        }
    }

    private Document remembered(String collectionId, String documentId) {
        return memory == null ? null : memory.remembered(collectionId, documentId).orElse(null);
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

    // ---- reads

    /** The document a queued write will produce, else the backend's. */
    @Override
    public Optional<Document> get(String collectionId, String documentId) {
        Map<String, Pending> queued = pending.get(collectionId);
        Pending pendingDocument = queued == null ? null : queued.get(documentId);
        if (pendingDocument != null) {
            return Optional.of(pendingDocument.document());
        }
        return backend.get(collectionId, documentId);
    }

    /**
     * The backend's answer with the queued writes laid over it. While the backend cannot be reached, collections of
     * upserted documents are answered from what the backend remembers ({@link DocumentMemory}) and the queued
     * writes, with a warning; history collections are not, since an answer without their older rows would be wrong,
     * not old.
     */
    @Override
    public List<Document> list(String collectionId, DocumentQuery query) {
        CollectionSchema collection = RaceDaySchema.collection(collectionId);
        Map<String, Pending> queued = pending.getOrDefault(collectionId, Map.of());
        if (!queued.isEmpty() && incompleteOverlay.contains(collectionId)) {
            throw new StoreUnavailableException("too many writes to " + collectionId + " wait in the "
                    + settings.backend() + " outbox to answer a query on it before it drains", null);
        }
        List<Document> answer;
        try {
            answer = backend.list(collectionId, query);
        } catch (StoreUnavailableException unavailable) {
            if (RaceDaySchema.isHistory(collectionId)) {
                throw unavailable;
            }
            Map<String, Document> known = new LinkedHashMap<>();
            Collection<Document> remembered = memory == null ? List.of() : memory.remembered(collectionId);
            remembered.forEach(d -> known.put(d.id(), d));
            queued.forEach((id, p) -> known.put(id, p.document()));
            if (!answeredFromMemory.getAndSet(true)) {
                LOG.warn("{} cannot be reached ({}); answering queries from the documents this process has written "
                        + "or read until it answers again", settings.backend(), unavailable.getMessage());
            }
            return DocumentMatcher.apply(collection, known.values(), query);
        }
        answeredFromMemory.set(false);
        if (queued.isEmpty()) {
            return answer;
        }
        Map<String, Document> merged = new LinkedHashMap<>();
        answer.forEach(d -> merged.put(d.id(), d));
        queued.forEach((id, p) -> merged.put(id, p.document()));
        return DocumentMatcher.apply(collection, merged.values(), query);
    }

    // ---- the drainer

    private void drainLoop() {
        int failures = 0;
        while (!Thread.currentThread().isInterrupted()) {
            if (stopping && (drainFailing || outbox.depth() == 0)) {
                return;
            }
            try {
                synchronized (pauseLock) {
                    // wakes before this attempt are answered by it
                    woken = false;
                }
                Optional<Outbox.Entry> head = outbox.head();
                if (head.isEmpty()) {
                    drainFailing = false;
                    awaitWork(IDLE_WAIT);
                    continue;
                }
                replay(head.get());
                failures = 0;
                drainFailing = false;
                lastDrainFailure = null;
                if (outbox.depth() == 0) {
                    LOG.info("{} outbox drained", settings.backend());
                } else {
                    reportOutbox();
                }
            } catch (StoreUnavailableException unavailable) {
                failures++;
                drainFailing = true;
                if (!Objects.equals(unavailable.getMessage(), lastDrainFailure)) {
                    LOG.warn("{} outbox waits: {} ({} batches queued)", settings.backend(), unavailable.getMessage(),
                            outbox.depth());
                    lastDrainFailure = unavailable.getMessage();
                }
                reportOutbox();
                pause(backoff(failures));
            } catch (RuntimeException e) {
                // a bug or an unreadable outbox file: keep the thread alive and try again later
                failures++;
                drainFailing = true;
                LOG.error("{} outbox drainer failed: {}", settings.backend(), e.getMessage(), e);
                pause(backoff(failures));
            }
        }
    }

    /** Delivers one queued batch; a batch the backend rejects outright is set aside with its reason. */
    private void replay(Outbox.Entry entry) {
        try {
            backend.apply(WriteBatch.of(entry.writes()).writtenAt(entry.writtenAt()));
        } catch (StoreUnavailableException unavailable) {
            // the whole entry is replayed later: writes of it that landed compare equal and cost nothing
            throw unavailable;
        } catch (IllegalArgumentException | IllegalStateException rejected) {
            LOG.error("{} refused a queued batch of {} writes from {}; kept in {} (outbox_rejected): {}",
                    settings.backend(), entry.writes().size(), StoredTimes.format(entry.enqueuedAt()), outbox.file(),
                    rejected.getMessage());
            outbox.reject(entry.seq(), rejected.getMessage(), clock.instant());
            settled(entry.seq());
            return;
        }
        outbox.remove(entry.seq());
        settled(entry.seq());
    }

    /**
     * The wait after the n-th failed replay in a row: twice the configured base, doubling per failure, capped at 120
     * times the base and at {@link #MAX_DRAIN_BACKOFF} (30 s: longer than a call's own retry cap of 10 s, since the
     * drainer has nobody waiting on it, short enough that a recovery is noticed within a poll interval).
     */
    static IntervalFunction drainBackoff(Duration configured) {
        Duration base = configured.isZero() ? Duration.ofMillis(10) : configured;
        Duration cap = base.multipliedBy(120).compareTo(MAX_DRAIN_BACKOFF) < 0 ? base.multipliedBy(120)
                : MAX_DRAIN_BACKOFF;
        return IntervalFunction.ofExponentialBackoff(base.multipliedBy(2), 2.0, cap);
    }

    private Duration backoff(int failures) {
        return Duration.ofMillis(backoff.apply(failures));
    }

    /**
     * Waits out a backoff through the sleeper. A new entry or {@link #close()} cuts it short ({@link #wakeDrainer()}
     * interrupts the drainer, but only while it is here): a write after a recovery is delivered without waiting for
     * the backoff to run out, and stopping does not wait for it either.
     */
    private void pause(Duration duration) {
        synchronized (pauseLock) {
            if (stopping || woken) {
                // a wake while the replay was failing counts too: it cannot interrupt a sleep that has not begun
                woken = false;
                return;
            }
            pausing = true;
        }
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException woken) {
            // by a new entry or by close(): the loop decides what comes next
        } finally {
            synchronized (pauseLock) {
                pausing = false;
                woken = false;
                // a wake that came after the sleep ended must not interrupt the next replay
                Thread.interrupted();
            }
        }
    }

    /** Waits for a new entry (or the timeout) while the outbox is empty. */
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
        synchronized (pauseLock) {
            woken = true;
            if (pausing) {
                drainer.interrupt();
            }
        }
    }

    private void reportOutbox() {
        Instant now = clock.instant();
        if (Duration.between(lastOutboxReport, now).compareTo(OUTBOX_REPORT_INTERVAL) >= 0 && outbox.depth() > 0) {
            lastOutboxReport = now;
            LOG.warn("{} outbox: {} batches waiting, oldest queued {} s ago", settings.backend(), outbox.depth(),
                    Duration.between(outbox.oldest(), now).toSeconds());
        }
    }

    // ---- state for operators

    /** The backend's health with what waits in the outbox. */
    @Override
    public StoreHealth health() {
        StoreHealth health = backend.health();
        return new StoreHealth(health.reachable(), health.detail(), outbox.depth(), outboxAge(), outbox.rejected());
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

    /** Batches the backend refused, kept in the outbox file's {@code outbox_rejected} table. */
    public long rejectedBatches() {
        return outbox.rejected();
    }

    // ---- lifecycle

    /**
     * Stops: waits up to the close-drain timeout for the outbox to drain while the backend takes writes, then
     * closes the backend. Whatever is still queued stays in the outbox file for the next start.
     */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        stopping = true;
        wakeDrainer();
        join(Math.max(1, settings.closeDrainTimeout().toMillis()));
        long left = outbox.depth();
        if (left > 0) {
            LOG.warn("{} outbox {} keeps {} batches for the next start", settings.backend(), outbox.file(), left);
        }
        drainer.interrupt();
        join(5_000);
        try {
            backend.close();
        } finally {
            outbox.close();
        }
    }

    private void join(long millis) {
        try {
            drainer.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
