package nz.raceday.ingest.store.appwrite;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.appwrite.enums.IndexType;
import io.appwrite.enums.RelationMutate;
import io.appwrite.enums.RelationshipType;
import io.appwrite.models.Collection;
import io.appwrite.models.Database;
import nz.raceday.ingest.store.schema.Attribute;
import nz.raceday.ingest.store.schema.AttributeType;
import nz.raceday.ingest.store.schema.CollectionSchema;
import nz.raceday.ingest.store.schema.Index;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings an Appwrite database up to the RaceDay schema, idempotently: creates the database, the collections, their
 * attributes (relationships after every collection exists), waits until every attribute is {@code available}, then
 * creates the indexes. On an existing database it only adds what is missing; it never deletes or rewrites an
 * attribute, an index or a document.
 *
 * <p>Collections let clients read with the configured role and grant no client any write access: ingest writes with
 * a server key, which needs no permission. An attribute added to a collection that already existed is created
 * optional even when the schema says required: Appwrite would refuse every later update of the older documents
 * that lack it (appwrite-notes §3.9). An existing attribute of another type cannot be fixed without rewriting data;
 * it is reported and ingest leaves that attribute out of its writes.
 */
public final class AppwriteSchemaProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(AppwriteSchemaProvisioner.class);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    /**
     * What provisioning found and did.
     *
     * @param created      what was created, as {@code collection} or {@code collection.attribute}/{@code collection#index}
     * @param incompatible attributes that exist with another type than the schema's, {@code collection.key} to reason
     */
    public record Report(List<String> created, Map<String, String> incompatible) {
        public Report {
            created = List.copyOf(created);
            incompatible = Collections.unmodifiableMap(new LinkedHashMap<>(incompatible));
        }
    }

    private final AppwriteCalls calls;
    private final String databaseId;
    private final String readRole;
    private final Duration timeout;
    private final Clock clock;
    private final AppwriteCalls.Sleeper sleeper;

    public AppwriteSchemaProvisioner(AppwriteCalls calls, String databaseId, String readRole, Duration timeout,
            Clock clock, AppwriteCalls.Sleeper sleeper) {
        this.calls = Objects.requireNonNull(calls, "calls");
        this.databaseId = Objects.requireNonNull(databaseId, "databaseId");
        this.readRole = Objects.requireNonNull(readRole, "readRole");
        this.timeout = timeout;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** The collection permissions: read for the configured role, nothing else. */
    public List<String> permissions() {
        return List.of("read(\"" + readRole + "\")");
    }

    /**
     * Provisions the given collections.
     *
     * @throws AppwriteFailure       when Appwrite refuses or cannot be reached
     * @throws IllegalStateException when an attribute or index fails to build or does not become available in time
     */
    public Report provision(String databaseName, List<CollectionSchema> schema) {
        List<String> created = new ArrayList<>();
        Map<String, String> incompatible = new LinkedHashMap<>();
        ensureDatabase(databaseName, created);
        Map<String, Collection> existing = new LinkedHashMap<>();
        Map<String, Boolean> createdNow = new LinkedHashMap<>();
        for (CollectionSchema collection : schema) {
            Collection current = findCollection(collection.id());
            if (current == null) {
                current = calls.call("createCollection", collection.id(), (db, c) -> db.createCollection(databaseId,
                        collection.id(), collection.name(), permissions(), false, true, c));
                created.add(collection.id());
                createdNow.put(collection.id(), true);
                LOG.info("Created Appwrite collection {} in {}", collection.id(), databaseId);
            } else {
                createdNow.put(collection.id(), false);
                ensurePermissions(collection, current);
            }
            existing.put(collection.id(), current);
        }
        // scalar attributes first, relationships once every collection they point to exists
        for (CollectionSchema collection : schema) {
            Map<String, Map<String, Object>> attributes = attributesOf(existing.get(collection.id()));
            for (Attribute attribute : collection.attributes()) {
                if (attribute.type() == AttributeType.RELATIONSHIP) {
                    continue;
                }
                ensureAttribute(collection, attribute, attributes, createdNow.get(collection.id()), created,
                        incompatible);
            }
        }
        for (CollectionSchema collection : schema) {
            for (Attribute attribute : collection.attributes()) {
                if (attribute.type() == AttributeType.RELATIONSHIP) {
                    // re-read: a two-way relationship created just now added its back attribute elsewhere
                    Map<String, Map<String, Object>> attributes = attributesOf(collectionOrFail(collection.id()));
                    ensureAttribute(collection, attribute, attributes, createdNow.get(collection.id()), created,
                            incompatible);
                }
            }
        }
        for (CollectionSchema collection : schema) {
            awaitAttributes(collection);
        }
        for (CollectionSchema collection : schema) {
            ensureIndexes(collection, created, incompatible);
        }
        for (CollectionSchema collection : schema) {
            awaitIndexes(collection);
        }
        if (!incompatible.isEmpty()) {
            LOG.warn("Appwrite database {} has attributes of other types than the RaceDay schema; ingest leaves them out "
                    + "of its writes: {}", databaseId, incompatible);
        }
        LOG.info("Appwrite database {} provisioned: {} collections, {} created now", databaseId, schema.size(),
                created.isEmpty() ? "nothing" : created);
        return new Report(created, incompatible);
    }

    private void ensureDatabase(String databaseName, List<String> created) {
        try {
            Database ignored = calls.call("getDatabase", databaseId, (db, c) -> db.get(databaseId, c));
        } catch (AppwriteFailure failure) {
            if (!"database_not_found".equals(failure.type())) {
                throw failure;
            }
            calls.call("createDatabase", databaseId, (db, c) -> db.create(databaseId, databaseName, true, c));
            created.add("database " + databaseId);
            LOG.info("Created Appwrite database {}", databaseId);
        }
    }

    private Collection findCollection(String collectionId) {
        try {
            return calls.call("getCollection", collectionId, (db, c) -> db.getCollection(databaseId, collectionId, c));
        } catch (AppwriteFailure failure) {
            if ("collection_not_found".equals(failure.type())) {
                return null;
            }
            throw failure;
        }
    }

    private Collection collectionOrFail(String collectionId) {
        return calls.call("getCollection", collectionId, (db, c) -> db.getCollection(databaseId, collectionId, c));
    }

    private void ensurePermissions(CollectionSchema collection, Collection current) {
        List<String> wanted = permissions();
        List<String> actual = current.getPermissions().stream().map(String::valueOf).toList();
        if (!actual.equals(wanted) || current.getDocumentSecurity()) {
            calls.call("updateCollection", collection.id(), (db, c) -> db.updateCollection(databaseId, collection.id(),
                    current.getName(), wanted, false, current.getEnabled(), c));
            LOG.info("Set permissions of Appwrite collection {} to {} (were {}{})", collection.id(), wanted, actual,
                    current.getDocumentSecurity() ? ", with document security" : "");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> attributesOf(Collection collection) {
        Map<String, Map<String, Object>> byKey = new LinkedHashMap<>();
        for (Object attribute : collection.getAttributes()) {
            Map<String, Object> map = (Map<String, Object>) attribute;
            byKey.put(String.valueOf(map.get("key")), map);
        }
        return byKey;
    }

    private void ensureAttribute(CollectionSchema collection, Attribute attribute,
            Map<String, Map<String, Object>> existing, boolean newCollection, List<String> created,
            Map<String, String> incompatible) {
        String where = collection.id() + "." + attribute.key();
        Map<String, Object> current = existing.get(attribute.key());
        if (current != null) {
            String reason = incompatibility(attribute, current);
            if (reason != null) {
                incompatible.put(where, reason);
            }
            return;
        }
        // required only on a collection created in this run: older documents would lack the value
        boolean required = attribute.required() && newCollection;
        if (attribute.required() && !newCollection) {
            LOG.warn("Adding {} as optional: the collection already has documents that lack it", where);
        }
        String key = attribute.key();
        String col = collection.id();
        switch (attribute.type()) {
            case STRING -> calls.call("createStringAttribute", where, (db, c) -> db.createStringAttribute(databaseId,
                    col, key, attribute.size(), required, null, false, false, c));
            case INTEGER -> calls.call("createIntegerAttribute", where, (db, c) -> db.createIntegerAttribute(databaseId,
                    col, key, required, null, null, null, false, c));
            case FLOAT -> calls.call("createFloatAttribute", where, (db, c) -> db.createFloatAttribute(databaseId, col,
                    key, required, null, null, null, false, c));
            case BOOLEAN -> calls.call("createBooleanAttribute", where, (db, c) -> db.createBooleanAttribute(databaseId,
                    col, key, required, null, false, c));
            case DATETIME -> calls.call("createDatetimeAttribute", where, (db, c) -> db.createDatetimeAttribute(
                    databaseId, col, key, required, null, false, c));
            case RELATIONSHIP -> {
                Attribute.Relationship relationship = attribute.relationship();
                calls.call("createRelationshipAttribute", where, (db, c) -> db.createRelationshipAttribute(databaseId,
                        col, relationship.relatedCollectionId(), RelationshipType.MANYTOONE, relationship.twoWay(), key,
                        relationship.twoWay() ? relationship.backKey() : null, RelationMutate.SETNULL, c));
            }
            default -> throw new IllegalStateException("unhandled type " + attribute.type());
        }
        created.add(where);
        LOG.info("Created Appwrite attribute {} ({}{})", where, attribute.type().name().toLowerCase(),
                required ? ", required" : "");
    }

    /** Why an existing Appwrite attribute cannot hold the schema's values, or null when it can. */
    static String incompatibility(Attribute attribute, Map<String, Object> existing) {
        String type = String.valueOf(existing.get("type"));
        String expected = appwriteType(attribute.type());
        if (!expected.equals(type)) {
            return "is " + type + ", the schema needs " + expected;
        }
        if (Boolean.TRUE.equals(existing.get("array"))) {
            return "is an array";
        }
        if (attribute.type() == AttributeType.STRING && existing.get("size") instanceof Number size
                && size.longValue() < attribute.size()) {
            return "holds " + size.longValue() + " characters, the schema needs " + attribute.size();
        }
        if (attribute.type() == AttributeType.RELATIONSHIP
                && !attribute.relationship().relatedCollectionId().equals(existing.get("relatedCollection"))) {
            return "points to " + existing.get("relatedCollection") + ", the schema needs "
                    + attribute.relationship().relatedCollectionId();
        }
        return null;
    }

    /** Appwrite's name of an attribute type, as {@code listAttributes} reports it. */
    static String appwriteType(AttributeType type) {
        return switch (type) {
            case STRING -> "string";
            case INTEGER -> "integer";
            case FLOAT -> "double";
            case BOOLEAN -> "boolean";
            case DATETIME -> "datetime";
            case RELATIONSHIP -> "relationship";
        };
    }

    private void awaitAttributes(CollectionSchema collection) {
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            Map<String, Map<String, Object>> attributes = attributesOf(collectionOrFail(collection.id()));
            List<String> pending = new ArrayList<>();
            for (Attribute attribute : collection.attributes()) {
                Map<String, Object> current = attributes.get(attribute.key());
                String status = current == null ? "missing" : String.valueOf(current.get("status"));
                if ("failed".equals(status) || "stuck".equals(status)) {
                    throw new IllegalStateException("Appwrite attribute " + collection.id() + "." + attribute.key()
                            + " is " + status + ": " + current.get("error"));
                }
                if (!"available".equals(status)) {
                    pending.add(attribute.key() + " " + status);
                }
            }
            if (pending.isEmpty()) {
                return;
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new IllegalStateException("Appwrite attributes of " + collection.id() + " not available after "
                        + timeout.toSeconds() + " s: " + pending);
            }
            pause();
        }
    }

    private void ensureIndexes(CollectionSchema collection, List<String> created, Map<String, String> incompatible) {
        Collection current = collectionOrFail(collection.id());
        List<String> existing = current.getIndexes().stream().map(io.appwrite.models.Index::getKey).toList();
        for (Index index : collection.indexes()) {
            if (existing.contains(index.key())) {
                continue;
            }
            if (index.attributes().stream().anyMatch(a -> incompatible.containsKey(collection.id() + "." + a))) {
                LOG.warn("Not creating index {}#{}: it covers an incompatible attribute", collection.id(), index.key());
                continue;
            }
            List<String> orders = index.attributes().stream().map(a -> "ASC").toList();
            calls.call("createIndex", collection.id() + "#" + index.key(), (db, c) -> db.createIndex(databaseId,
                    collection.id(), index.key(), index.unique() ? IndexType.UNIQUE : IndexType.KEY, index.attributes(),
                    orders, c));
            created.add(collection.id() + "#" + index.key());
            LOG.info("Created Appwrite index {}#{} on {}", collection.id(), index.key(), index.attributes());
        }
    }

    /** Waits for the indexes to build; one that fails (a unique index over duplicate data) is reported, not fatal. */
    private void awaitIndexes(CollectionSchema collection) {
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            List<String> pending = new ArrayList<>();
            for (io.appwrite.models.Index index : collectionOrFail(collection.id()).getIndexes()) {
                if ("failed".equals(index.getStatus())) {
                    LOG.error("Appwrite index {}#{} failed to build: {}", collection.id(), index.getKey(),
                            index.getError());
                } else if (!"available".equals(index.getStatus())) {
                    pending.add(index.getKey() + " " + index.getStatus());
                }
            }
            if (pending.isEmpty()) {
                return;
            }
            if (!clock.instant().isBefore(deadline)) {
                LOG.warn("Appwrite indexes of {} still building after {} s: {}", collection.id(), timeout.toSeconds(),
                        pending);
                return;
            }
            pause();
        }
    }

    private void pause() {
        try {
            sleeper.sleep(POLL_INTERVAL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Appwrite attributes", e);
        }
    }
}
