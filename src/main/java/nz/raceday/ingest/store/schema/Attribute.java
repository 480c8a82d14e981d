package nz.raceday.ingest.store.schema;

import java.util.Objects;

/**
 * One attribute of a collection.
 *
 * @param key          attribute name exactly as the RaceDay frontend reads it
 * @param type         value type
 * @param size         maximum length in code points for {@link AttributeType#STRING}, 0 otherwise
 * @param required     whether a new document must carry a value
 * @param lifecycle    who sets the value: the mapper ({@link Lifecycle#DATA}) or the store itself
 * @param relationship target of a {@link AttributeType#RELATIONSHIP} attribute, null otherwise
 */
public record Attribute(String key, AttributeType type, int size, boolean required, Lifecycle lifecycle,
        Relationship relationship) {

    /** Who gives an attribute its value. */
    public enum Lifecycle {
        /** Written from API data by the mapper. */
        DATA,
        /** Set by the store to the write time when the document is created, never changed afterwards. */
        STAMPED_ON_CREATE,
        /** Set by the store to the write time whenever a write changes the document. */
        STAMPED_ON_CHANGE
    }

    /**
     * A many-to-one link to another collection.
     *
     * @param relatedCollectionId collection the value points into
     * @param twoWay              whether Appwrite also creates the back-reference attribute
     * @param backKey             name of the back-reference attribute on the related collection
     */
    public record Relationship(String relatedCollectionId, boolean twoWay, String backKey) {
    }

    public Attribute {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(lifecycle, "lifecycle");
        if (type == AttributeType.STRING && size <= 0) {
            throw new IllegalArgumentException("string attribute " + key + " needs a positive size");
        }
        if ((type == AttributeType.RELATIONSHIP) != (relationship != null)) {
            throw new IllegalArgumentException("attribute " + key + ": relationship target iff type RELATIONSHIP");
        }
    }

    public static Attribute string(String key, int size) {
        return new Attribute(key, AttributeType.STRING, size, false, Lifecycle.DATA, null);
    }

    public static Attribute integer(String key) {
        return new Attribute(key, AttributeType.INTEGER, 0, false, Lifecycle.DATA, null);
    }

    public static Attribute floating(String key) {
        return new Attribute(key, AttributeType.FLOAT, 0, false, Lifecycle.DATA, null);
    }

    public static Attribute bool(String key) {
        return new Attribute(key, AttributeType.BOOLEAN, 0, false, Lifecycle.DATA, null);
    }

    public static Attribute datetime(String key) {
        return new Attribute(key, AttributeType.DATETIME, 0, false, Lifecycle.DATA, null);
    }

    public static Attribute manyToOne(String key, String relatedCollectionId, boolean twoWay, String backKey) {
        return new Attribute(key, AttributeType.RELATIONSHIP, 0, false, Lifecycle.DATA,
                new Relationship(relatedCollectionId, twoWay, backKey));
    }

    /** This attribute, required on document creation. */
    public Attribute mandatory() {
        return new Attribute(key, type, size, true, lifecycle, relationship);
    }

    /** This attribute, stamped by the store with the creation time. */
    public Attribute stampedOnCreate() {
        return new Attribute(key, type, size, required, Lifecycle.STAMPED_ON_CREATE, relationship);
    }

    /** This attribute, stamped by the store with the time of every changing write. */
    public Attribute stampedOnChange() {
        return new Attribute(key, type, size, required, Lifecycle.STAMPED_ON_CHANGE, relationship);
    }
}
