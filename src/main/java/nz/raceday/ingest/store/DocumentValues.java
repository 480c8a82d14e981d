package nz.raceday.ingest.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import nz.raceday.ingest.store.schema.Attribute;
import nz.raceday.ingest.store.schema.AttributeType;
import nz.raceday.ingest.store.schema.CollectionSchema;

/**
 * Checks writes against the schema and converts values to the canonical Java type of each attribute, so
 * that every adapter stores, compares and returns the same values. The rules follow Appwrite 1.6: ids of
 * at most 36 characters from {@code [a-zA-Z0-9._-]} not starting with a special character, strings
 * measured in code points, integers must be integral.
 */
public final class DocumentValues {

    private static final Pattern DOCUMENT_ID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9._-]{0,35}");

    private DocumentValues() {
        // static helpers
    }

    public static void checkDocumentId(String collectionId, String documentId) {
        if (documentId == null || !DOCUMENT_ID.matcher(documentId).matches()) {
            throw new IllegalArgumentException(collectionId + ": invalid document id '" + documentId
                    + "' (at most 36 of a-z A-Z 0-9 . _ -, not starting with a special character)");
        }
    }

    /**
     * The attributes of a write, checked and converted to canonical values.
     *
     * @throws IllegalArgumentException naming the collection, document and attribute at fault
     */
    public static Map<String, Object> canonical(CollectionSchema collection, Write write) {
        checkDocumentId(collection.id(), write.documentId());
        Map<String, Object> values = new LinkedHashMap<>();
        write.attributes().forEach((key, value) -> {
            Attribute attribute = collection.attribute(key).orElseThrow(() -> new IllegalArgumentException(
                    where(collection, write) + ": unknown attribute '" + key + "'"));
            if (attribute.lifecycle() != Attribute.Lifecycle.DATA) {
                throw new IllegalArgumentException(where(collection, write) + ": attribute '" + key
                        + "' is stamped by the store and cannot be written");
            }
            values.put(key, canonicalValue(attribute, value, where(collection, write)));
        });
        if (write instanceof Write.Upsert upsert) {
            for (String key : upsert.cleared()) {
                Attribute attribute = collection.attribute(key).orElseThrow(() -> new IllegalArgumentException(
                        where(collection, write) + ": cannot clear unknown attribute '" + key + "'"));
                if (attribute.required() || attribute.lifecycle() != Attribute.Lifecycle.DATA) {
                    throw new IllegalArgumentException(where(collection, write) + ": attribute '" + key
                            + "' is required or stamped by the store and cannot be cleared");
                }
            }
        }
        return values;
    }

    /** Fails when a document about to be created lacks a required data attribute. */
    public static void checkRequired(CollectionSchema collection, Write write, Map<String, Object> values) {
        for (Attribute attribute : collection.attributes()) {
            if (attribute.required() && attribute.lifecycle() == Attribute.Lifecycle.DATA
                    && !values.containsKey(attribute.key())) {
                throw new IllegalArgumentException(where(collection, write) + ": required attribute '"
                        + attribute.key() + "' is missing");
            }
        }
    }

    /**
     * The attributes an upsert changes on a stored document: values that differ from the stored ones, except
     * fill-only attributes that already have a stored value; metadata attributes only ride along with a real
     * change; cleared attributes with a stored value map to null. Empty when the upsert changes nothing.
     */
    public static Map<String, Object> changes(Document stored, Write.Upsert write, Map<String, Object> values) {
        Map<String, Object> changed = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            Object current = stored.get(key);
            boolean keepStored = current != null && write.fillOnly().contains(key);
            if (!keepStored && !write.metadata().contains(key) && !value.equals(current)) {
                changed.put(key, value);
            }
        });
        for (String key : write.cleared()) {
            if (stored.get(key) != null) {
                changed.put(key, null);
            }
        }
        if (!changed.isEmpty()) {
            write.metadata().forEach(key -> {
                Object value = values.get(key);
                if (value != null && !value.equals(stored.get(key))) {
                    changed.put(key, value);
                }
            });
        }
        return changed;
    }

    /** Converts a value read back from a backend to the canonical type of the attribute. */
    public static Object fromStored(Attribute attribute, Object stored) {
        if (stored == null) {
            return null;
        }
        return switch (attribute.type()) {
            case STRING, DATETIME, RELATIONSHIP -> stored.toString();
            case INTEGER -> ((Number) stored).longValue();
            case FLOAT -> ((Number) stored).doubleValue();
            case BOOLEAN -> stored instanceof Boolean b ? b : ((Number) stored).intValue() != 0;
        };
    }

    private static Object canonicalValue(Attribute attribute, Object value, String where) {
        String context = where + ": attribute '" + attribute.key() + "'";
        AttributeType type = attribute.type();
        switch (type) {
            case STRING, RELATIONSHIP -> {
                if (!(value instanceof String text)) {
                    throw new IllegalArgumentException(context + " must be a string, got " + describe(value));
                }
                if (type == AttributeType.STRING && text.codePointCount(0, text.length()) > attribute.size()) {
                    throw new IllegalArgumentException(context + " is longer than " + attribute.size() + " characters");
                }
                return text;
            }
            case INTEGER -> {
                if (value instanceof Long || value instanceof Integer || value instanceof Short) {
                    return ((Number) value).longValue();
                }
                throw new IllegalArgumentException(context + " must be an integer, got " + describe(value));
            }
            case FLOAT -> {
                if (value instanceof Number number && !(value instanceof java.math.BigDecimal)) {
                    double d = number.doubleValue();
                    if (Double.isNaN(d) || Double.isInfinite(d)) {
                        throw new IllegalArgumentException(context + " must be a finite number");
                    }
                    return d;
                }
                throw new IllegalArgumentException(context + " must be a number, got " + describe(value));
            }
            case BOOLEAN -> {
                if (value instanceof Boolean b) {
                    return b;
                }
                throw new IllegalArgumentException(context + " must be a boolean, got " + describe(value));
            }
            case DATETIME -> {
                if (value instanceof Instant instant) {
                    return StoredTimes.format(instant);
                }
                if (value instanceof LocalDate date) {
                    return StoredTimes.format(date);
                }
                if (value instanceof String text) {
                    try {
                        return StoredTimes.normalise(text);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(context + ": " + e.getMessage(), e);
                    }
                }
                throw new IllegalArgumentException(context + " must be a datetime, got " + describe(value));
            }
            default -> throw new IllegalStateException("unhandled type " + type);
        }
    }

    private static String where(CollectionSchema collection, Write write) {
        return collection.id() + "/" + write.documentId();
    }

    private static String describe(Object value) {
        return value.getClass().getSimpleName() + " " + value;
    }
}
