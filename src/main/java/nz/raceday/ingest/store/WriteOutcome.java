package nz.raceday.ingest.store;

/** What a single {@link Write} did to the store. */
public enum WriteOutcome {
    /** A new document was stored. */
    INSERTED,
    /** An existing document had at least one attribute changed. */
    UPDATED,
    /** The write matched what was stored (or the append-only document already existed). */
    UNCHANGED,
    /**
     * The store could not take the write now and holds it in its durable outbox; it is applied later, in order
     * (Appwrite store while Appwrite is unavailable).
     */
    QUEUED
}
