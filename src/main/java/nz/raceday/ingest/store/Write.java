package nz.raceday.ingest.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One document write. Attribute maps never hold nulls: an absent value means "leave what is stored".
 */
public sealed interface Write permits Write.Upsert, Write.Create {

    String collectionId();

    String documentId();

    Map<String, Object> attributes();

    /**
     * Creates the document, or updates the given attributes of the stored one. Attributes not in the map
     * keep their stored value; an update that changes nothing is skipped (and does not touch timestamps).
     */
    record Upsert(String collectionId, String documentId, Map<String, Object> attributes) implements Write {
        public Upsert {
            Objects.requireNonNull(collectionId, "collectionId");
            Objects.requireNonNull(documentId, "documentId");
            attributes = withoutNulls(attributes);
        }
    }

    /**
     * Creates an append-only document (history rows). If a document with this id exists the write is a
     * no-op, which makes re-running a step safe with deterministic ids.
     */
    record Create(String collectionId, String documentId, Map<String, Object> attributes) implements Write {
        public Create {
            Objects.requireNonNull(collectionId, "collectionId");
            Objects.requireNonNull(documentId, "documentId");
            attributes = withoutNulls(attributes);
        }
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> attributes) {
        Map<String, Object> copy = new LinkedHashMap<>();
        attributes.forEach((k, v) -> {
            if (v != null) {
                copy.put(k, v);
            }
        });
        return Collections.unmodifiableMap(copy);
    }
}
