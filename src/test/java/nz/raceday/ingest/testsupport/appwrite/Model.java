package nz.raceday.ingest.testsupport.appwrite;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** The emulator's stored state. Every field is guarded by the server's single state lock. */
final class Model {

    private Model() {
    }

    static final class Database {
        final String id;
        String name;
        boolean enabled;
        final Instant createdAt;
        Instant updatedAt;
        final Map<String, Collection> collections = new LinkedHashMap<>();

        Database(String id, String name, boolean enabled, Instant now) {
            this.id = id;
            this.name = name;
            this.enabled = enabled;
            this.createdAt = now;
            this.updatedAt = now;
        }
    }

    static final class Collection {
        final String databaseId;
        final String id;
        String name;
        List<String> permissions;
        boolean documentSecurity;
        boolean enabled;
        final Instant createdAt;
        Instant updatedAt;
        /** Appwrite's attribute documents, in creation order (includes the child side of two-way relationships). */
        final Map<String, Attribute> attributes = new LinkedHashMap<>();
        final Map<String, Index> indexes = new LinkedHashMap<>();
        /** Documents by id; iteration order is insertion order (Appwrite's natural order, internal _id). */
        final Map<String, Document> documents = new LinkedHashMap<>();
        long nextSequence = 1;

        Collection(String databaseId, String id, String name, List<String> permissions, boolean documentSecurity,
                boolean enabled, Instant now) {
            this.databaseId = databaseId;
            this.id = id;
            this.name = name;
            this.permissions = permissions;
            this.documentSecurity = documentSecurity;
            this.enabled = enabled;
            this.createdAt = now;
            this.updatedAt = now;
        }

        Attribute available(String key) {
            Attribute attribute = attributes.get(key);
            return attribute != null && attribute.isAvailable() ? attribute : null;
        }

        List<Attribute> availableAttributes() {
            List<Attribute> result = new ArrayList<>();
            for (Attribute attribute : attributes.values()) {
                if (attribute.isAvailable()) {
                    result.add(attribute);
                }
            }
            return result;
        }
    }

    /** Attribute types as Appwrite names them ({@code double} for floats). */
    enum Type {
        STRING("string"), INTEGER("integer"), DOUBLE("double"), BOOLEAN("boolean"), DATETIME("datetime"),
        RELATIONSHIP("relationship");

        final String wire;

        Type(String wire) {
            this.wire = wire;
        }
    }

    static final class Attribute {
        final String key;
        final Type type;
        volatile String status = "processing";
        volatile String error = "";
        final boolean required;
        final boolean array;
        final long size;
        final Number min;
        final Number max;
        /** Default value in stored form, or null. */
        final JsonNode defaultValue;
        final Instant createdAt;
        Instant updatedAt;
        // relationships
        String relatedCollection;
        String relationType;
        boolean twoWay;
        String twoWayKey;
        String onDelete;
        String side;

        Attribute(String key, Type type, boolean required, boolean array, long size, Number min, Number max,
                JsonNode defaultValue, Instant now) {
            this.key = key;
            this.type = type;
            this.required = required;
            this.array = array;
            this.size = size;
            this.min = min;
            this.max = max;
            this.defaultValue = defaultValue;
            this.createdAt = now;
            this.updatedAt = now;
        }

        boolean isAvailable() {
            return "available".equals(status);
        }

        boolean isRelationship() {
            return type == Type.RELATIONSHIP;
        }

        boolean isParentSide() {
            return "parent".equals(side);
        }
    }

    static final class Index {
        final String key;
        final String type;
        volatile String status = "processing";
        volatile String error = "";
        final List<String> attributes;
        final List<String> orders;
        final Instant createdAt;
        Instant updatedAt;

        Index(String key, String type, List<String> attributes, List<String> orders, Instant now) {
            this.key = key;
            this.type = type;
            this.attributes = attributes;
            this.orders = orders;
            this.createdAt = now;
            this.updatedAt = now;
        }

        boolean isAvailable() {
            return "available".equals(status);
        }
    }

    static final class Document {
        final String id;
        final long sequence;
        final Instant createdAt;
        Instant updatedAt;
        List<String> permissions;
        /** Attribute values in stored form; relationship values hold the related document id. */
        final Map<String, JsonNode> values;

        Document(String id, long sequence, Instant createdAt, List<String> permissions, Map<String, JsonNode> values) {
            this.id = id;
            this.sequence = sequence;
            this.createdAt = createdAt;
            this.updatedAt = createdAt;
            this.permissions = permissions;
            this.values = values;
        }
    }
}
