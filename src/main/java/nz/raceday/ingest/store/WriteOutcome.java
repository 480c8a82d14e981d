package nz.raceday.ingest.store;

/** What a single {@link Write} did to the store. */
public enum WriteOutcome {
    /** A new document was stored. */
    INSERTED,
    /** An existing document had at least one attribute changed. */
    UPDATED,
    /** The write matched what was stored (or the append-only document already existed). */
    UNCHANGED
}
