package nz.raceday.ingest.polling;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.HdrHistogram.Histogram;

/**
 * Timing of polls: lateness (when the poll's first TAB request was sent minus when the poll was planned) and
 * processing (from the TAB response to the stored commit), plus counts. Kept for the whole run in fixed-size
 * histograms (three significant digits, up to an hour), so a service running for months holds constant memory;
 * bound to a meter registry, the same samples feed the Prometheus histograms
 * {@code raceday_poll_lateness_seconds} and {@code raceday_poll_processing_seconds}. The same polls are also timed
 * by {@link Stage}, so a tail can be traced to where it comes from (a wait for a core, for a TAB slot, for the store).
 */
public final class PollMetrics implements MeterBinder {

    private static final long MAX_MILLIS = Duration.ofHours(1).toMillis();

    /**
     * The consecutive parts of a poll, from its planned instant to its commit: lateness is {@code CYCLE + QUEUE +
     * TAB_SLOT}, processing is {@code PARSE + STORE}.
     */
    public enum Stage {
        /** planned instant to the cycle's turn (the delay's timer thread running the turn) */
        CYCLE,
        /** the turn to a poll consumer taking it ({@code race-poller.concurrent-polls} busy) */
        QUEUE,
        /** the poll route to its first TAB request (a free slot of {@code tab.max-concurrent-requests}) */
        TAB_SLOT,
        /** the first TAB request to the whole response received (latency, the API's rendering, retries) */
        TAB_REQUEST,
        /** reading the event payload */
        PARSE,
        /** reading the stored race, building and committing the batch (including the wait for the store) */
        STORE
    }

    private final Histogram lateness = new Histogram(MAX_MILLIS, 3);
    /** polls woken at an instant planned ahead (not made at once on planning): how well the cadence is kept */
    private final Histogram timedLateness = new Histogram(MAX_MILLIS, 3);
    private final Histogram timedProcessing = new Histogram(MAX_MILLIS, 3);
    private final Map<Stage, Histogram> stages = new EnumMap<>(Stage.class);
    private final Histogram processing = new Histogram(MAX_MILLIS, 3);
    private final AtomicLong made = new AtomicLong();
    private final AtomicLong missed = new AtomicLong();
    private volatile Timer latenessTimer;
    private volatile Timer processingTimer;

    /**
     * One stored poll.
     *
     * @param atOnce the poll was made at once on planning ({@link PollSlot#atOnce()}): counted in the totals, but
     *               not in the timed polls' figures
     */
    void polled(long latenessMillis, long processingMillis, boolean atOnce) {
        synchronized (this) {
            lateness.recordValue(clamp(latenessMillis));
            processing.recordValue(clamp(processingMillis));
            if (!atOnce) {
                timedLateness.recordValue(clamp(latenessMillis));
                timedProcessing.recordValue(clamp(processingMillis));
            }
        }
        made.incrementAndGet();
        Timer late = latenessTimer;
        if (late != null) {
            late.record(Math.max(0, latenessMillis), TimeUnit.MILLISECONDS);
            processingTimer.record(Math.max(0, processingMillis), TimeUnit.MILLISECONDS);
        }
    }

    /** The stage times of one poll that was stored (negative or absent stages count as zero). */
    void staged(Map<Stage, Long> millis) {
        synchronized (this) {
            millis.forEach((stage, value) -> stages.computeIfAbsent(stage, s -> new Histogram(MAX_MILLIS, 3))
                    .recordValue(clamp(value)));
        }
    }

    void missed() {
        missed.incrementAndGet();
    }

    private static long clamp(long millis) {
        return Math.max(0, Math.min(MAX_MILLIS, millis));
    }

    public long made() {
        return made.get();
    }

    public long missedCount() {
        return missed.get();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        latenessTimer = Timer.builder("raceday.poll.lateness")
                .description("first TAB request of a poll minus its planned instant")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry);
        processingTimer = Timer.builder("raceday.poll.processing")
                .description("TAB response received to the poll's writes stored")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(1))
                .register(registry);
    }

    /** Percentiles in milliseconds (within 0.1 %). */
    public record Distribution(long count, long p50, long p99, long max) {
    }

    /**
     * A summary of everything recorded so far: all polls, and the polls woken at an instant planned ahead
     * ({@code timed*}: without the catch-up polls made at once, such as every race's first poll at start-up).
     */
    public record Summary(long made, long missed, Distribution latenessMillis, Distribution processingMillis,
            Distribution timedLatenessMillis, Distribution timedProcessingMillis) {
    }

    public synchronized Summary summary() {
        return new Summary(made.get(), missed.get(), distribution(lateness), distribution(processing),
                distribution(timedLateness), distribution(timedProcessing));
    }

    /** Percentiles of each stage recorded so far, in {@link Stage} order. */
    public synchronized Map<Stage, Distribution> stages() {
        Map<Stage, Distribution> result = new EnumMap<>(Stage.class);
        stages.forEach((stage, histogram) -> result.put(stage, distribution(histogram)));
        return result;
    }

    private static Distribution distribution(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return new Distribution(0, 0, 0, 0);
        }
        return new Distribution(histogram.getTotalCount(), histogram.getValueAtPercentile(50),
                histogram.getValueAtPercentile(99), histogram.getMaxValue());
    }
}
