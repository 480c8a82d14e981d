package nz.raceday.ingest.store.schema;

/**
 * The attribute types of the RaceDay schema, named after Appwrite's attribute kinds so that every
 * store adapter maps them the same way.
 */
public enum AttributeType {
    /** Text with a maximum length in code points. Java value: {@link String}. */
    STRING,
    /** 64-bit integer. Java value: {@link Long}. */
    INTEGER,
    /** Double-precision float. Java value: {@link Double}. */
    FLOAT,
    /** Java value: {@link Boolean}. */
    BOOLEAN,
    /** Instant in UTC, held as Appwrite prints it: {@code 2025-07-17T00:50:00.000+00:00}. Java value: {@link String}. */
    DATETIME,
    /** Id of a document in another collection (an Appwrite relationship). Java value: {@link String}. */
    RELATIONSHIP
}
