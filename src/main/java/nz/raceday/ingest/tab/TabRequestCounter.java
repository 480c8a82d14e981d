package nz.raceday.ingest.tab;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts TAB HTTP requests, retries included: in total, by outcome, and for whoever asked (the exchange's tally).
 */
public final class TabRequestCounter {

    /** How a TAB request ended. */
    public enum Outcome {
        /** 2xx. */
        OK,
        /** 429. */
        THROTTLED,
        /** 5xx and 408. */
        SERVER_ERROR,
        /** Any other 4xx (a 404 for an unknown event, say). */
        CLIENT_ERROR,
        /** No HTTP response: timeout, refused or reset connection. */
        NO_RESPONSE
    }

    private final AtomicLong total = new AtomicLong();
    private final Map<Outcome, LongAdder> responses = new java.util.EnumMap<>(Outcome.class);

    public TabRequestCounter() {
        for (Outcome outcome : Outcome.values()) {
            responses.put(outcome, new LongAdder());
        }
    }

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

    /** Records the HTTP status of a response. */
    public void onResponse(Integer status) {
        responses.get(outcomeOf(status)).increment();
    }

    /**
     * Records a request that got no HTTP response and hands its failure back to the route (the retry policy and the
     * circuit breaker must still see it).
     *
     * @throws Exception always: {@code failure} itself
     */
    public void onNoResponse(Exception failure) throws Exception {
        responses.get(Outcome.NO_RESPONSE).increment();
        throw failure;
    }

    static Outcome outcomeOf(Integer status) {
        if (status == null) {
            return Outcome.NO_RESPONSE;
        }
        if (status >= 200 && status < 300) {
            return Outcome.OK;
        }
        if (status == 429) {
            return Outcome.THROTTLED;
        }
        if (status >= 500 || status == 408) {
            return Outcome.SERVER_ERROR;
        }
        return Outcome.CLIENT_ERROR;
    }

    public long total() {
        return total.get();
    }

    /** Requests that ended with this outcome. */
    public long count(Outcome outcome) {
        return responses.get(outcome).sum();
    }

    /** Requests by outcome, for summaries. */
    public Map<Outcome, Long> counts() {
        Map<Outcome, Long> counts = new TreeMap<>();
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome, count(outcome));
        }
        return counts;
    }
}
