package nz.raceday.ingest.tab;

import java.util.concurrent.atomic.AtomicLong;

/** Counts TAB HTTP requests, retries included: in total, and for whoever asked (the exchange's tally). */
public final class TabRequestCounter {

    private final AtomicLong total = new AtomicLong();

    /**
     * Records one request attempt.
     *
     * @param tally the tally of the run or poll making the request, may be null
     */
    public void onAttempt(RequestTally tally) {
        total.incrementAndGet();
        if (tally != null) {
            tally.onTabRequest();
        }
    }

    public long total() {
        return total.get();
    }
}
