package nz.raceday.ingest.tab;

import java.io.IOException;
import java.time.Duration;

/**
 * Which failed TAB requests are retried, and how long TAB may make us wait. Transport failures (timeouts,
 * refused or dropped connections: all {@link IOException}s) and retryable HTTP statuses are retried; other
 * client errors, unreadable payloads and an open circuit breaker are not.
 */
public final class TabRetryPolicy {

    private final int maxRetries;
    private final Duration maxRetryAfter;

    /**
     * @param maxRetries    retries after the first attempt
     * @param maxRetryAfter longest {@code Retry-After} honoured; longer requests are cut to this
     */
    public TabRetryPolicy(int maxRetries, Duration maxRetryAfter) {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative: " + maxRetries);
        }
        this.maxRetries = maxRetries;
        this.maxRetryAfter = java.util.Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    }

    public int maxRetries() {
        return maxRetries;
    }

    /**
     * @param failure        what the last attempt threw
     * @param retriesSoFar   retries already made (0 after the first attempt)
     */
    public boolean shouldRetry(Throwable failure, int retriesSoFar) {
        return retriesSoFar < maxRetries && isRetryable(failure);
    }

    /**
     * Like {@link #shouldRetry(Throwable, int)}, and only while the retry can still start before the deadline (a
     * poll's retries must stay within its slot).
     *
     * @param deadline when the caller's slot ends, or null for no deadline
     */
    public boolean shouldRetry(Throwable failure, int retriesSoFar, java.time.Instant now, java.time.Instant deadline) {
        return shouldRetry(failure, retriesSoFar) && (deadline == null || now.isBefore(deadline));
    }

    public static boolean isRetryable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TabHttpException http) {
                return http.isRetryable();
            }
            if (t instanceof IOException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** The wait TAB asked for, capped, or null when the normal exponential backoff applies. */
    public Duration retryAfter(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TabHttpException http && http.retryAfter() != null) {
                Duration wanted = http.retryAfter();
                return wanted.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : wanted;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
