package nz.raceday.ingest.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

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

    public Object get(String key) {
        return attributes.get(key);
    }

    public String getString(String key) {
        return (String) attributes.get(key);
    }

    public Long getLong(String key) {
        return (Long) attributes.get(key);
    }

    public Double getDouble(String key) {
        return (Double) attributes.get(key);
    }

    public Boolean getBoolean(String key) {
        return (Boolean) attributes.get(key);
    }
}
