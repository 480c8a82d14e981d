package nz.raceday.ingest.store;

import java.util.List;

/**
 * The backend cannot take this request now, and trying again later may succeed without anyone changing anything
 * (the server is down, overloaded, unreachable, refuses the credentials for now, or the schema is not provisioned
 * yet). The store-level signal the buffering layer ({@code store.buffer.BufferingRaceStore}) queues writes on;
 * adapters translate their own failures into it, so nothing above them knows which backend failed.
 */
public class StoreUnavailableException extends RuntimeException {

    private final List<WriteOutcome> delivered;

    public StoreUnavailableException(String message, Throwable cause) {
        this(message, List.of(), cause);
    }

    /**
     * @param delivered outcomes of the writes of the batch, from its start, that the backend took before it became
     *                  unavailable: a backend without transactions may have applied a prefix of the batch
     */
    public StoreUnavailableException(String message, List<WriteOutcome> delivered, Throwable cause) {
        super(message, cause);
        this.delivered = List.copyOf(delivered);
    }

    /** Outcomes of the batch's first writes, which landed; the writes after them did not (or not certainly). */
    public List<WriteOutcome> delivered() {
        return delivered;
    }
}
