package nz.raceday.ingest.journal;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * One TAB response as the journal holds it: what was asked, what came back (body bytes exactly as received), when,
 * and which poll or import run it served. Request headers (the TAB identification) are never part of it.
 *
 * @param path       request path below {@code /affiliates/v1/racing}, for example {@code events/0f57e087-...}
 * @param query      encoded query without {@code ?}, may be empty
 * @param status     HTTP status
 * @param retryAfter the response's {@code Retry-After} header, or null
 * @param receivedAt when the response was received (the application's clock)
 * @param served     the poll or import run the response served
 * @param bodySha256 hex SHA-256 of the body: identical bodies are stored once per segment
 * @param bodySize   body length in bytes
 * @param body       reads the body (from the segment, on demand)
 * @param failure    for a request that got no response (status 0): the I/O failure, e.g.
 *                   {@code SocketTimeoutException: Read timed out}; else null
 */
public record JournalEntry(String path, String query, int status, String retryAfter, Instant receivedAt,
        Served served, String bodySha256, int bodySize, Supplier<byte[]> body, String failure) {

    /** Whether the request got no response at all (a timeout, a reset connection). */
    public boolean noResponse() {
        return status == 0;
    }

    /** The request as the stand-in sees it: path and query. */
    public String request() {
        return query == null || query.isEmpty() ? path : path + "?" + query;
    }

    /**
     * What a response served.
     *
     * @param kind      {@code poll}, {@code import} or {@code other}
     * @param runId     import run id (import), else null
     * @param racingDay the import run's racing day (import), else null
     * @param steps     the import run's steps (import), else empty
     * @param trigger   who started the import run (import), else null
     * @param raceId    the polled race (poll), else null
     * @param plannedAt when the poll was planned (poll), else null
     */
    public record Served(String kind, String runId, String racingDay, List<String> steps, String trigger,
            String raceId, Instant plannedAt) {

        public static final Served OTHER = new Served("other", null, null, List.of(), null, null, null);

        public Served {
            steps = steps == null ? List.of() : List.copyOf(steps);
        }

        public static Served poll(String raceId, Instant plannedAt) {
            return new Served("poll", null, null, List.of(), null, raceId, plannedAt);
        }

        public static Served importRun(String runId, String racingDay, List<String> steps, String trigger) {
            return new Served("import", runId, racingDay, steps, trigger, null, null);
        }

        public boolean isImport() {
            return "import".equals(kind);
        }

        public boolean isPoll() {
            return "poll".equals(kind);
        }
    }
}
