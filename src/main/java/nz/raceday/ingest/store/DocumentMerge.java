package nz.raceday.ingest.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import nz.raceday.ingest.store.schema.Attribute;
import nz.raceday.ingest.store.schema.CollectionSchema;

/**
 * What a write does to a document, written once for every adapter and for the outage overlay: diff (which
 * attributes an upsert changes, {@link DocumentValues#changes}) → stamp (the store-stamped attributes get the write
 * time) → merge (the changes laid over the stored document, a null clearing the attribute). Absent attributes are
 * never in a {@link Document}, so merging drops nulls rather than keeping them.
 */
public final class DocumentMerge {

    private DocumentMerge() {
        // static helpers
    }

    /**
     * An upsert that changes a stored document.
     *
     * @param data     what to send or store: the changed attributes (null clears one) and the change stamps
     * @param document the stored document with {@code data} merged in, {@code updatedAt} the write time
     */
    public record Update(Map<String, Object> data, Document document) {
    }

    /** The data of a new document: its values and every store stamp (creation and change) set to the write time. */
    public static Map<String, Object> creation(CollectionSchema collection, Map<String, Object> values, String stamp) {
        return stamped(collection, values, stamp, true);
    }

    /** The document a creation produces, as a backend returns it (no null values). */
    public static Document created(CollectionSchema collection, String id, Map<String, Object> values, String stamp) {
        return document(collection, id, stamp, stamp, creation(collection, values, stamp));
    }

    /**
     * What an upsert does to a stored document, or empty when it changes nothing.
     *
     * @param skipped attributes not to change whatever the write says (Appwrite's attributes of another type)
     */
    public static Optional<Update> update(CollectionSchema collection, Document stored, Write.Upsert write,
            Map<String, Object> values, String stamp, Predicate<String> skipped) {
        Map<String, Object> changed = DocumentValues.changes(stored, write, values);
        changed.keySet().removeIf(skipped);
        if (changed.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> data = stamped(collection, changed, stamp, false);
        return Optional.of(new Update(data, merged(stored, data, stamp)));
    }

    /** The stored document with {@code data} laid over it (a null removes the attribute). */
    public static Document merged(Document stored, Map<String, Object> data, String updatedAt) {
        Map<String, Object> merged = new LinkedHashMap<>(stored.attributes());
        data.forEach((key, value) -> {
            if (value == null) {
                merged.remove(key);
            } else {
                merged.put(key, value);
            }
        });
        return new Document(stored.collectionId(), stored.id(), stored.createdAt(), updatedAt, merged);
    }

    /** A document of these attributes, nulls (clears) left out. */
    public static Document document(CollectionSchema collection, String id, String createdAt, String updatedAt,
            Map<String, Object> data) {
        Map<String, Object> present = new LinkedHashMap<>();
        data.forEach((key, value) -> {
            if (value != null) {
                present.put(key, value);
            }
        });
        return new Document(collection.id(), id, createdAt, updatedAt, present);
    }

    private static Map<String, Object> stamped(CollectionSchema collection, Map<String, Object> values, String stamp,
            boolean creating) {
        Map<String, Object> data = new LinkedHashMap<>(values);
        for (Attribute attribute : collection.attributes()) {
            if (attribute.lifecycle() == Attribute.Lifecycle.STAMPED_ON_CHANGE
                    || (creating && attribute.lifecycle() == Attribute.Lifecycle.STAMPED_ON_CREATE)) {
                data.put(attribute.key(), stamp);
            }
        }
        return data;
    }
}
