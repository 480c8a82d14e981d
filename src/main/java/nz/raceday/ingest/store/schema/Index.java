package nz.raceday.ingest.store.schema;

import java.util.List;

/**
 * An index of a collection.
 *
 * @param key        index name, unique within the collection
 * @param unique     whether the combination of attribute values must be unique
 * @param attributes indexed attributes, in order
 */
public record Index(String key, boolean unique, List<String> attributes) {

    public Index {
        attributes = List.copyOf(attributes);
        if (attributes.isEmpty()) {
            throw new IllegalArgumentException("index " + key + " has no attributes");
        }
    }

    public static Index key(String key, String... attributes) {
        return new Index(key, false, List.of(attributes));
    }

    public static Index unique(String key, String... attributes) {
        return new Index(key, true, List.of(attributes));
    }
}
