package nz.raceday.ingest.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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
     *
     * @param fillOnly attributes of the map that only fill a gap: written when the document is created or the
     *                 stored value is absent, never replacing a stored value. Used when a less authoritative
     *                 source (the meetings list) seeds values a better one (the event) owns.
     * @param metadata attributes of the map that describe the write rather than the data (TAB's response
     *                 timestamp): written on creation and along with a real change, but never a change by
     *                 themselves, so an unchanged re-import stays a no-op.
     * @param cleared  attributes to set to null on the stored document: the one way to remove a value, used when
     *                 a stored value became wrong (the odds of a runner since scratched). Never in the map; a no-op
     *                 when the stored value is already absent.
     */
    record Upsert(String collectionId, String documentId, Map<String, Object> attributes, Set<String> fillOnly,
            Set<String> metadata, Set<String> cleared) implements Write {
        public Upsert {
            Objects.requireNonNull(collectionId, "collectionId");
            Objects.requireNonNull(documentId, "documentId");
            attributes = withoutNulls(attributes);
            fillOnly = Set.copyOf(fillOnly);
            metadata = Set.copyOf(metadata);
            cleared = Set.copyOf(cleared);
            for (String key : cleared) {
                if (attributes.containsKey(key)) {
                    throw new IllegalArgumentException(collectionId + "/" + documentId + ": attribute '" + key
                            + "' is both written and cleared");
                }
            }
        }

        public Upsert(String collectionId, String documentId, Map<String, Object> attributes) {
            this(collectionId, documentId, attributes, Set.of(), Set.of(), Set.of());
        }

        /** This upsert with the given attributes only filling gaps. */
        public Upsert withFillOnly(Set<String> keys) {
            return new Upsert(collectionId, documentId, attributes, keys, metadata, cleared);
        }

        /** This upsert with one more attribute written only along with a real change. */
        public Upsert withMetadata(String key, Object value) {
            Map<String, Object> more = new LinkedHashMap<>(attributes);
            more.put(key, value);
            Set<String> keys = new java.util.HashSet<>(metadata);
            keys.add(key);
            return new Upsert(collectionId, documentId, more, fillOnly, keys, cleared);
        }

        /** This upsert also setting the given attributes, absent from the map, to null. */
        public Upsert withCleared(Set<String> keys) {
            return new Upsert(collectionId, documentId, attributes, fillOnly, metadata, keys);
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
