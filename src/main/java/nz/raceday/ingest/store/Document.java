package nz.raceday.ingest.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import nz.raceday.ingest.store.schema.RaceDaySchema;

/**
 * A stored document: id, system timestamps and attribute values, normalised to the Java types of
 * {@link nz.raceday.ingest.store.schema.AttributeType}. Absent attributes are not in the map.
 *
 * @param collectionId collection the document belongs to
 * @param id           document id
 * @param createdAt    when the document was first written (store clock, ISO UTC)
 * @param updatedAt    when a write last changed it (store clock, ISO UTC)
 * @param attributes   attribute values, never null values
 */
public record Document(String collectionId, String id, String createdAt, String updatedAt,
        Map<String, Object> attributes) {

    public Document {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /**
     * The value of an attribute, null when absent.
     *
     * @throws IllegalArgumentException for a key the collection's schema does not have: a misspelt read would
     *                                  otherwise look exactly like an absent value
     */
    public Object get(String key) {
        Object value = attributes.get(key);
        if (value == null) {
            RaceDaySchema.requireAttribute(collectionId, key);
        }
        return value;
    }

    public String getString(String key) {
        return (String) get(key);
    }

    public Long getLong(String key) {
        return (Long) get(key);
    }

    public Double getDouble(String key) {
        return (Double) get(key);
    }

    public Boolean getBoolean(String key) {
        return (Boolean) get(key);
    }
}
