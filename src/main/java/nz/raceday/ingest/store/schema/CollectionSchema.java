package nz.raceday.ingest.store.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One collection of the RaceDay database: its id, attributes and indexes.
 *
 * @param id         collection id as the frontend uses it (for example {@code money-flow-history})
 * @param name       human-readable name
 * @param attributes attributes in declaration order
 * @param indexes    indexes in declaration order
 */
public record CollectionSchema(String id, String name, List<Attribute> attributes, List<Index> indexes) {

    public CollectionSchema {
        attributes = List.copyOf(attributes);
        indexes = List.copyOf(indexes);
        Map<String, Attribute> byKey = new LinkedHashMap<>();
        for (Attribute attribute : attributes) {
            if (byKey.put(attribute.key(), attribute) != null) {
                throw new IllegalArgumentException(id + ": duplicate attribute " + attribute.key());
            }
        }
        for (Index index : indexes) {
            for (String key : index.attributes()) {
                if (!byKey.containsKey(key)) {
                    throw new IllegalArgumentException(id + ": index " + index.key() + " names unknown attribute " + key);
                }
            }
        }
    }

    /** The SQL table name: the collection id with {@code -} replaced by {@code _}. */
    public String tableName() {
        return id.replace('-', '_');
    }

    public Optional<Attribute> attribute(String key) {
        return attributes.stream().filter(a -> a.key().equals(key)).findFirst();
    }

    /**
     * The type a query compares an attribute as: the system attributes {@code $id} (string) and {@code $createdAt},
     * {@code $updatedAt} (datetime) included.
     *
     * @throws IllegalArgumentException for an attribute the collection does not have
     */
    public AttributeType queryType(String attribute) {
        return switch (attribute) {
            case "$id" -> AttributeType.STRING;
            case "$createdAt", "$updatedAt" -> AttributeType.DATETIME;
            default -> attribute(attribute).map(Attribute::type).orElseThrow(() ->
                    new IllegalArgumentException(id + ": unknown attribute '" + attribute + "' in query"));
        };
    }
}
