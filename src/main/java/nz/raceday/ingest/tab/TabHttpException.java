package nz.raceday.ingest.tab;

import java.time.Duration;

/**
 * TAB answered with a non-2xx status. Server errors, 429 and 408 are worth retrying; other client errors
 * (404 for an unknown event, 400) are not.
 */
public class TabHttpException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Duration retryAfter;

    public TabHttpException(int status, String path, Duration retryAfter) {
        super("TAB answered HTTP " + status + " for " + path
                + (retryAfter == null ? "" : " (Retry-After " + retryAfter.toMillis() + " ms)"));
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    /** The delay TAB asked for with {@code Retry-After}, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public boolean isRetryable() {
        return status >= 500 || status == 429 || status == 408;
    }
}
