package nz.raceday.ingest.store.buffer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the buffering layer queues and replays writes. The keys stay the backend's ({@code appwrite.outbox-path},
 * {@code appwrite.retry-backoff}, {@code appwrite.close-drain-timeout}): operators configure the outbox of the
 * Appwrite store, whichever class implements it.
 *
 * @param backend           what the writes wait for, for logs and messages ({@code "Appwrite"})
 * @param outboxFile        the durable outbox (a SQLite file)
 * @param drainBackoff      base of the drainer's exponential backoff between failed replays (the first wait is
 *                          twice this); capped at 120 times it and at {@link BufferingRaceStore#MAX_DRAIN_BACKOFF}
 * @param closeDrainTimeout how long stopping waits for the outbox to drain before leaving it for the next start
 */
public record BufferSettings(String backend, Path outboxFile, Duration drainBackoff, Duration closeDrainTimeout) {

    public BufferSettings {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(outboxFile, "outboxFile");
        Objects.requireNonNull(drainBackoff, "drainBackoff");
        Objects.requireNonNull(closeDrainTimeout, "closeDrainTimeout");
    }
}
