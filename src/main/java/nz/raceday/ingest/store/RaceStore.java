package nz.raceday.ingest.store;

import java.util.List;
import java.util.Optional;

/**
 * The persistence port of raceday-ingest. Documents follow {@link nz.raceday.ingest.store.schema.RaceDaySchema};
 * document ids are TAB UUIDs or deterministic derived ids, so every write is idempotent.
 *
 * <p>Lifecycle: an adapter is ready when constructed (schema provisioned) and is released with {@link #close()}.
 * Implementations must be thread-safe: the import fans out over several threads.
 */
public interface RaceStore extends AutoCloseable {

    /**
     * Applies the writes in order. SQLite applies a batch in one transaction: either all writes land or
     * none does.
     *
     * @throws IllegalArgumentException when a write does not fit the schema (unknown attribute, wrong type,
     *                                  oversize string, missing required attribute on creation, bad id)
     */
    WriteResult apply(WriteBatch batch);

    /** The document with this id, if stored. */
    Optional<Document> get(String collectionId, String documentId);

    /** Documents matching the query; without a limit, all of them. */
    List<Document> list(String collectionId, DocumentQuery query);

    /** A short description for logs, such as the database file. Never contains credentials. */
    String describe();

    /**
     * Whether the backend answers, and what waits to be delivered; cheap enough for a readiness probe (adapters that
     * must ask a server cache the answer for a few seconds).
     */
    default StoreHealth health() {
        return StoreHealth.up(describe());
    }

    @Override
    void close();
}
