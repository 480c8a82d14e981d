package nz.raceday.ingest.store;

import java.time.Duration;
import java.util.Objects;

/**
 * What a store reports to readiness checks and metrics.
 *
 * @param reachable       whether the backend answered just now
 * @param detail          a short description (which backend, or why it did not answer); never credentials
 * @param pendingBatches  batches of writes waiting to be delivered (the Appwrite outbox), 0 when there is none
 * @param oldestPending   how long the oldest waiting batch has waited, zero when none waits
 * @param rejectedBatches batches the backend refused outright and that were set aside
 */
public record StoreHealth(boolean reachable, String detail, long pendingBatches, Duration oldestPending,
        long rejectedBatches) {

    public StoreHealth {
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(oldestPending, "oldestPending");
    }

    /** A reachable store with nothing pending. */
    public static StoreHealth up(String detail) {
        return new StoreHealth(true, detail, 0, Duration.ZERO, 0);
    }
}
