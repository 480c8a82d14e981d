package nz.raceday.ingest.tab;

/**
 * A TAB response that cannot be used: not JSON, or missing or mistyping a field the pipeline needs. The
 * message names the payload and the field, so a dead-letter record explains itself.
 */
public class TabPayloadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TabPayloadException(String message) {
        super(message);
    }

    public TabPayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
