package nz.raceday.ingest.testsupport.appwrite;

import java.time.Duration;
import java.util.Objects;

/**
 * A fault {@link AppwriteTestServer} injects instead of (or on top of) a normal answer. Instances are immutable.
 *
 * @param kind   what happens
 * @param status the HTTP status of an HTML error page ({@link Kind#HTML_ERROR})
 * @param delay  how long a {@link Kind#SLOW} answer is held back
 */
public record Fault(Kind kind, int status, Duration delay) {

    public enum Kind {
        /** A 5xx whose body is an HTML page ({@code Content-Type: text/html}), as a proxy sends; nothing applied. */
        HTML_ERROR,
        /** The request is served normally, the answer is sent after a delay (other connections are unaffected). */
        SLOW,
        /** The request is applied, then the connection is closed without an answer. */
        DROP_AFTER_APPLYING,
        /** The connection is closed right after the request was read; nothing applied. */
        DROP_WITHOUT_APPLYING,
        /** 429 {@code general_rate_limit_exceeded} with {@code X-RateLimit-*} headers; nothing applied. */
        RATE_LIMITED,
        /** 408 {@code database_timeout}; nothing applied. */
        DATABASE_TIMEOUT
    }

    public Fault {
        Objects.requireNonNull(kind, "kind");
        delay = delay == null ? Duration.ZERO : delay;
    }

    public static Fault htmlError(int status) {
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("an HTML error page is a 5xx, not " + status);
        }
        return new Fault(Kind.HTML_ERROR, status, Duration.ZERO);
    }

    public static Fault slow(Duration delay) {
        return new Fault(Kind.SLOW, 0, delay);
    }

    public static Fault dropAfterApplying() {
        return new Fault(Kind.DROP_AFTER_APPLYING, 0, Duration.ZERO);
    }

    public static Fault dropWithoutApplying() {
        return new Fault(Kind.DROP_WITHOUT_APPLYING, 0, Duration.ZERO);
    }

    public static Fault rateLimited() {
        return new Fault(Kind.RATE_LIMITED, 429, Duration.ZERO);
    }

    public static Fault databaseTimeout() {
        return new Fault(Kind.DATABASE_TIMEOUT, 408, Duration.ZERO);
    }
}
