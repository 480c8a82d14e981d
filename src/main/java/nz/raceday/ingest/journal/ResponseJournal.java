package nz.raceday.ingest.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Recorder;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nz.raceday.ingest.daily.ImportRun;
import nz.raceday.ingest.daily.ImportStep;
import nz.raceday.ingest.polling.PollSlot;
import nz.raceday.ingest.shared.RacingDay;
import nz.raceday.ingest.tab.TabCall;

/**
 * The response journal's writer. The route step {@code tab-journal-response} hands it each TAB response before it
 * is parsed; the poll's thread only queues it (a poll never waits on disk). One writer thread hashes, compresses
 * (gzip) and appends: one segment per NZ racing day, each body once per segment, every frame written in one call
 * (a crash loses at most the frame being written), forced to disk every {@code journal.fsync-interval}.
 */
public final class ResponseJournal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ResponseJournal.class);
    /** Responses waiting for the writer beyond this are dropped (and counted) rather than held in memory. */
    private static final int QUEUE_CAPACITY = 10_000;

    private final boolean enabled;
    private final Path directory;
    private final int retentionDays;
    private final Duration fsyncInterval;
    private final Clock clock;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private final Recorder appendWait = new Recorder(3);
    private final Recorder bodyRead = new Recorder(3);
    private final org.HdrHistogram.Histogram bodyReadTotal = new org.HdrHistogram.Histogram(3);
    private final org.HdrHistogram.Histogram appendWaitTotal = new org.HdrHistogram.Histogram(3);
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong queued = new AtomicLong();
    private final Thread writer;
    private volatile boolean closing;

    private LocalDate openDay;
    private FileChannel channel;
    private final Set<String> storedBodies = new HashSet<>();
    private long lastForce;
    private boolean dirty;

    private record Pending(TabCall call, int status, String retryAfter, Instant receivedAt, JournalEntry.Served served,
            byte[] body, String failure) {
    }

    public ResponseJournal(boolean enabled, Path directory, int retentionDays, Duration fsyncInterval, Clock clock) {
        this.enabled = enabled;
        this.directory = directory;
        this.retentionDays = retentionDays;
        this.fsyncInterval = fsyncInterval;
        this.clock = clock;
        if (enabled) {
            writer = new Thread(this::writeLoop, "journal-writer");
            writer.setDaemon(true);
            writer.start();
            LOG.info("Response journal: {} (one segment per NZ racing day, kept {} days)", directory.toAbsolutePath(),
                    retentionDays);
        } else {
            writer = null;
        }
    }

    public boolean enabled() {
        return enabled;
    }

    public Path directory() {
        return directory;
    }

    /**
     * The route step: journals the response on the message (body bytes as received, the status, the request of
     * exchange property {@code tabCall}, the poll slot or import run it served). Leaves the body as bytes for the
     * steps after it.
     */
    public void record(Exchange exchange) {
        if (!enabled) {
            return;
        }
        long start = System.nanoTime();
        byte[] body = exchange.getMessage().getBody(byte[].class);
        if (body == null) {
            body = new byte[0];
        }
        exchange.getMessage().setBody(body);
        // reading the body into bytes moves here from the parser's bean call; the journal adds what follows
        long read = System.nanoTime();
        bodyRead.recordValue(Math.max(0, (read - start) / 1000));
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        TabCall call = exchange.getProperty("tabCall", TabCall.class);
        if (call == null || status == null) {
            return;
        }
        append(call, status, exchange.getMessage().getHeader("Retry-After", String.class), clock.instant(),
                served(exchange), body, null);
        appendWait.recordValue(Math.max(0, (System.nanoTime() - read) / 1000));
    }

    /**
     * The route step of a request that got no response (a timeout, a reset connection): journaled with status 0
     * and the failure, so that a replay fails that attempt the same way.
     */
    public void recordNoResponse(Exchange exchange) {
        if (!enabled) {
            return;
        }
        TabCall call = exchange.getProperty("tabCall", TabCall.class);
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (call == null) {
            return;
        }
        String description = failure == null ? "no response" : failure.getClass().getSimpleName() + ": "
                + failure.getMessage();
        append(call, 0, null, clock.instant(), served(exchange), new byte[0], description);
    }

    private static JournalEntry.Served served(Exchange exchange) {
        Object slot = exchange.getProperty("pollSlot");
        if (slot instanceof PollSlot poll) {
            return JournalEntry.Served.poll(poll.raceId(), poll.plannedAt());
        }
        Object run = exchange.getProperty("importRun");
        if (run instanceof ImportRun importRun) {
            return JournalEntry.Served.importRun(importRun.runId(), importRun.request().racingDay().toString(),
                    importRun.request().steps().stream().sorted().map(ImportStep::id).toList(),
                    importRun.request().trigger());
        }
        return JournalEntry.Served.OTHER;
    }

    /** Queues one response for the writer; never blocks (a full queue drops it, counted and logged). */
    public void append(TabCall call, int status, String retryAfter, Instant receivedAt, JournalEntry.Served served,
            byte[] body, String failure) {
        if (!enabled || closing) {
            return;
        }
        if (queue.offer(new Pending(call, status, retryAfter, receivedAt, served, body, failure))) {
            queued.incrementAndGet();
        } else if (dropped.incrementAndGet() % 1000 == 1) {
            LOG.warn("Journal writer is behind: {} responses not journaled so far", dropped.get());
        }
    }

    /** Waits until everything queued so far is on disk (tests, replay, shutdown), at most {@code timeout}. */
    public boolean flush(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (written.get() < queued.get() && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
        return written.get() >= queued.get();
    }

    /**
     * Time the journal added on the calling (poll) thread per response in {@link #record} (metadata, queueing),
     * in microseconds, all so far.
     */
    public synchronized org.HdrHistogram.Histogram appendWaitMicros() {
        appendWaitTotal.add(appendWait.getIntervalHistogram());
        return appendWaitTotal.copy();
    }

    /** Time {@link #record} spent reading the response body into bytes (which the parser would do otherwise). */
    public synchronized org.HdrHistogram.Histogram bodyReadMicros() {
        bodyReadTotal.add(bodyRead.getIntervalHistogram());
        return bodyReadTotal.copy();
    }

    public long written() {
        return written.get();
    }

    public long dropped() {
        return dropped.get();
    }

    private void writeLoop() {
        while (!closing || !queue.isEmpty()) {
            Pending pending;
            try {
                pending = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (pending == null) {
                forceIfDue();
                continue;
            }
            try {
                write(pending);
            } catch (RuntimeException | IOException e) {
                LOG.warn("Journal: a response of {} could not be written: {}", pending.call(), e.toString());
                closeChannel();
            } finally {
                written.incrementAndGet();
            }
        }
        closeChannel();
    }

    private void write(Pending pending) throws IOException {
        LocalDate day = RacingDay.of(pending.receivedAt());
        if (!day.equals(openDay)) {
            open(day);
        }
        byte[] sha = JournalFormat.sha256(pending.body());
        String hash = JournalFormat.hex(sha);
        if (storedBodies.add(hash)) {
            writeFully(JournalFormat.frame(JournalFormat.BODY, sha, JournalFormat.gzip(pending.body())));
        }
        JournalEntry entry = new JournalEntry(pending.call().path(), pending.call().query(), pending.status(),
                pending.retryAfter(), pending.receivedAt(), pending.served(), hash, pending.body().length, null,
                pending.failure());
        writeFully(JournalFormat.frame(JournalFormat.RESPONSE, sha, JournalFormat.metadata(entry)));
        forceIfDue();
    }

    private void writeFully(ByteBuffer frame) throws IOException {
        dirty = true;
        while (frame.hasRemaining()) {
            channel.write(frame);
        }
    }

    private void open(LocalDate day) throws IOException {
        closeChannel();
        Files.createDirectories(directory);
        Path file = directory.resolve(JournalFormat.segmentName(day));
        storedBodies.clear();
        long end = 0;
        if (Files.exists(file)) {
            // a restart appends to the day's segment: its bodies stay stored once, a torn tail is cut off
            JournalReader.Segment existing = JournalReader.read(file);
            storedBodies.addAll(existing.bodyHashes());
            end = existing.validEnd();
        }
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        if (channel.size() > end) {
            LOG.warn("Journal: {} ends in a torn entry; {} bytes cut off", file, channel.size() - end);
            channel.truncate(end);
        }
        channel.position(end);
        openDay = day;
        lastForce = System.nanoTime();
    }

    private void forceIfDue() {
        if (channel == null || !dirty) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastForce >= fsyncInterval.toNanos()) {
            dirty = false;
            try {
                channel.force(false);
            } catch (IOException e) {
                LOG.warn("Journal: fsync failed: {}", e.toString());
            }
            lastForce = now;
        }
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.force(false);
                channel.close();
            } catch (IOException e) {
                LOG.warn("Journal: closing the segment failed: {}", e.toString());
            }
            channel = null;
            openDay = null;
        }
    }

    /**
     * Deletes the segments of racing days more than {@code journal.retention-days} before today (NZ); the route
     * {@code journal-retention} runs it daily.
     *
     * @return the segments deleted
     */
    public List<Path> deleteExpired() {
        LocalDate oldestKept = RacingDay.today(clock).minusDays(retentionDays);
        List<Path> deleted = new ArrayList<>();
        for (Map.Entry<LocalDate, Path> segment : JournalReader.segments(directory).entrySet()) {
            if (segment.getKey().isBefore(oldestKept)) {
                try {
                    Files.deleteIfExists(segment.getValue());
                    deleted.add(segment.getValue());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot delete journal segment " + segment.getValue(), e);
                }
            }
        }
        LOG.info("Journal retention: {} segments older than {} deleted{}", deleted.size(), oldestKept,
                deleted.isEmpty() ? "" : " " + deleted.stream().map(p -> p.getFileName().toString()).toList());
        return deleted;
    }

    @Override
    public void close() {
        if (writer == null || closing) {
            return;
        }
        closing = true;
        try {
            writer.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (dropped.get() > 0) {
            LOG.warn("Journal: {} responses were not journaled (writer behind)", dropped.get());
        }
    }
}
