package nz.raceday.ingest.tab;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Classifies TAB HTTP responses. Split in two so that only failures that say something about TAB's health
 * (5xx, 429, 408) are raised inside the circuit breaker, while a 404 for one unknown event is raised after it
 * and never opens the breaker.
 */
public final class TabResponses {

    private final Clock clock;

    public TabResponses(Clock clock) {
        this.clock = clock;
    }

    /**
     * Throws a retryable {@link TabHttpException} for 5xx, 429 and 408.
     *
     * @param status     HTTP status code
     * @param retryAfter the {@code Retry-After} header (seconds or HTTP date), may be null
     * @param path       requested API path, for the message
     */
    public void failOnRetryableStatus(Integer status, String retryAfter, String path) {
        if (status == null) {
            throw new IllegalStateException("no HTTP status for " + path);
        }
        TabHttpException failure = new TabHttpException(status, path, parseRetryAfter(retryAfter));
        if (failure.isRetryable()) {
            throw failure;
        }
    }

    /** Throws a non-retryable {@link TabHttpException} for any other status outside 2xx. */
    public void failOnClientError(Integer status, String path) {
        if (status == null) {
            throw new IllegalStateException("no HTTP status for " + path);
        }
        if (status < 200 || status > 299) {
            throw new TabHttpException(status, path, null);
        }
    }

    /**
     * Reads {@code Retry-After}: delta-seconds or an IMF-fixdate HTTP date (RFC 9110 §10.2.3). A date in the past
     * gives zero (retry now); an unreadable value gives null, which means "use the normal backoff".
     */
    public Duration parseRetryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        if (value.matches("\\d{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(value));
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(clock.instant(), at);
            return wait.isNegative() ? Duration.ZERO : wait;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
