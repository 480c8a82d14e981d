package nz.raceday.ingest.polling;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Timing of polls: lateness (when the poll's first TAB request was sent minus when the poll was planned) and
 * processing (from the TAB response to the stored commit), plus counts. Kept in memory for summaries and the polling benchmark.
 */
public final class PollMetrics {

    private final List<Long> latenessMillis = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> processingMillis = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong made = new AtomicLong();
    private final AtomicLong missed = new AtomicLong();

    void polled(long lateness, long processing) {
        latenessMillis.add(lateness);
        processingMillis.add(processing);
        made.incrementAndGet();
    }

    void missed() {
        missed.incrementAndGet();
    }

    /** Percentiles in milliseconds. */
    public record Distribution(long count, long p50, long p99, long max) {
    }

    /** A summary of everything recorded so far. */
    public record Summary(long made, long missed, Distribution latenessMillis, Distribution processingMillis) {
    }

    public Summary summary() {
        return new Summary(made.get(), missed.get(), distribution(latenessMillis), distribution(processingMillis));
    }

    private static Distribution distribution(List<Long> values) {
        List<Long> sorted;
        synchronized (values) {
            sorted = new ArrayList<>(values);
        }
        if (sorted.isEmpty()) {
            return new Distribution(0, 0, 0, 0);
        }
        Collections.sort(sorted);
        return new Distribution(sorted.size(), percentile(sorted, 50), percentile(sorted, 99), sorted.get(sorted.size() - 1));
    }

    /** Nearest-rank percentile. */
    static long percentile(List<Long> sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
