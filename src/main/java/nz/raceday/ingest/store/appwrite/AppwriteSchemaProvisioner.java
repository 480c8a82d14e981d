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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

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
 * Brings an Appwrite database up to the RaceDay schema, idempotently and with requests in parallel (see
 * {@link #provision}): creates the database, the collections, their attributes (relationships after every collection
 * exists), waits until every attribute of a collection is {@code available}, then creates its indexes. On an existing database it only adds what is missing; it never deletes or rewrites an
 * attribute, an index or a document.
 *
 * <p>Collections let clients read with the configured role and grant no client any write access: ingest writes with
 * a server key, which needs no permission. An attribute added to a collection that already has documents is created
 * optional even when the schema says required: Appwrite would refuse every later update of the older documents
 * that lack it (appwrite-notes §3.9). A collection without documents (one an interrupted earlier run created) gets
 * its missing attributes as the schema says. An existing attribute of another type cannot be fixed without rewriting data;
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
     * Provisions the given collections, in three steps with as many requests in flight as {@code appwrite.concurrency}
     * allows: the collections (concurrently); then every missing attribute of every collection, relationships
     * included since all the collections they point to exist by then (concurrently, within and across collections);
     * then per collection (collections concurrently) waiting until its attributes are available, creating its
     * missing indexes one after another and waiting for them. A collection that is complete and available in the
     * first read costs no further request. Every step waits for all its calls before the next starts, also when one
     * fails: nothing is left running when this returns or throws.
     *
     * @throws AppwriteFailure       when Appwrite refuses or cannot be reached
     * @throws IllegalStateException when an attribute or index fails to build or does not become available in time
     */
    public Report provision(String databaseName, List<CollectionSchema> schema) {
        List<String> created = Collections.synchronizedList(new ArrayList<>());
        Map<String, String> incompatible = new ConcurrentHashMap<>();
        ensureDatabase(databaseName, created);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(calls.concurrency(), 32)), r -> {
            Thread thread = new Thread(r, "appwrite-provisioner-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            Map<String, State> states = new LinkedHashMap<>();
            schema.forEach(collection -> states.put(collection.id(), new State(collection)));
            all(pool, states.values(), state -> ensureCollection(state, created));
            List<Runnable> attributes = new ArrayList<>();
            for (State state : states.values()) {
                for (Attribute attribute : state.schema.attributes()) {
                    attributes.add(() -> ensureAttribute(state, attribute, created, incompatible));
                }
            }
            all(pool, attributes, Runnable::run);
            all(pool, states.values(), state -> {
                Collection current = awaitAttributes(state);
                ensureIndexes(state, current, created, incompatible);
            });
        } finally {
            pool.shutdownNow();
        }
        Map<String, String> sortedIncompatible = new java.util.TreeMap<>(incompatible);
        if (!sortedIncompatible.isEmpty()) {
            LOG.warn("Appwrite database {} has attributes of other types than the RaceDay schema; ingest leaves them out "
                    + "of its writes: {}", databaseId, sortedIncompatible);
        }
        LOG.info("Appwrite database {} provisioned: {} collections, {} created now", databaseId, schema.size(),
                created.isEmpty() ? "nothing" : created);
        return new Report(created, sortedIncompatible);
    }

    /** What one provisioning run knows of one collection. */
    private static final class State {
        final CollectionSchema schema;
        /** The collection as first read, or null when this run created it. */
        volatile Collection first;
        /** Attributes may be created required: the collection is new, or has no document yet. */
        volatile boolean empty;
        /** Something was added to this collection in this run, so {@link #first} is out of date. */
        volatile boolean changed;

        State(CollectionSchema schema) {
            this.schema = schema;
        }

        Map<String, Map<String, Object>> existing() {
            return first == null ? Map.of() : attributesOf(first);
        }
    }

    /** Runs {@code step} for every item on the pool and waits for all of them; rethrows the first failure. */
    private static <T> void all(ExecutorService pool, java.util.Collection<T> items, java.util.function.Consumer<T> step) {
        List<CompletableFuture<Void>> futures = items.stream()
                .map(item -> CompletableFuture.runAsync(() -> step.accept(item), pool)).toList();
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            // allOf completes only once every future has, so nothing of this step is still running
            for (CompletableFuture<Void> future : futures) {
                if (future.isCompletedExceptionally()) {
                    Throwable cause = future.handle((ok, failure) -> failure).join();
                    while (cause instanceof CompletionException && cause.getCause() != null) {
                        cause = cause.getCause();
                    }
                    if (cause instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    throw new IllegalStateException(cause);
                }
            }
            throw e;
        }
    }

    private void ensureCollection(State state, List<String> created) {
        CollectionSchema collection = state.schema;
        Collection current = findCollection(collection.id());
        if (current == null) {
            try {
                calls.call("createCollection", collection.id(), (db, c) -> db.createCollection(databaseId,
                        collection.id(), collection.name(), permissions(), false, true, c));
                created.add(collection.id());
                state.empty = true;
                state.changed = true;
                LOG.info("Created Appwrite collection {} in {}", collection.id(), databaseId);
                return;
            } catch (AppwriteFailure failure) {
                if (!"collection_already_exists".equals(failure.type())) {
                    throw failure;
                }
                current = collectionOrFail(collection.id()); // a re-sent create, or another instance provisioning
            }
        }
        state.first = current;
        ensurePermissions(collection, current);
        Map<String, Map<String, Object>> attributes = attributesOf(current);
        boolean missesRequired = collection.attributes().stream()
                .anyMatch(a -> a.required() && !attributes.containsKey(a.key()));
        // a collection that an earlier, interrupted run created has no documents: what is missing can still be
        // required (only documents that lack a value make a required attribute impossible)
        state.empty = missesRequired && hasNoDocuments(collection.id());
    }

    private boolean hasNoDocuments(String collectionId) {
        io.appwrite.models.DocumentList<Map<String, Object>> page = calls.call("listDocuments", collectionId + " (any)",
                (db, c) -> db.listDocuments(databaseId, collectionId,
                        List.of(io.appwrite.Query.Companion.limit(1)), c));
        return page.getTotal() == 0;
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

    private void ensureAttribute(State state, Attribute attribute, List<String> created,
            Map<String, String> incompatible) {
        CollectionSchema collection = state.schema;
        String where = collection.id() + "." + attribute.key();
        Map<String, Object> current = state.existing().get(attribute.key());
        if (current != null) {
            String reason = incompatibility(attribute, current);
            if (reason != null) {
                incompatible.put(where, reason);
            }
            return;
        }
        // required only on a collection without documents: older documents would lack the value
        boolean required = attribute.required() && state.empty;
        if (attribute.required() && !state.empty) {
            LOG.warn("Adding {} as optional: the collection already has documents that lack it", where);
        }
        String key = attribute.key();
        String col = collection.id();
        state.changed = true;
        try {
            createAttribute(attribute, where, col, key, required);
        } catch (AppwriteFailure failure) {
            if (!"attribute_already_exists".equals(failure.type())) {
                throw failure;
            }
            // a re-sent create or another instance provisioning; its type is checked once it is available
            LOG.info("Appwrite attribute {} exists already", where);
            return;
        }
        created.add(where);
        LOG.info("Created Appwrite attribute {} ({}{})", where, attribute.type().name().toLowerCase(),
                required ? ", required" : "");
    }

    private void createAttribute(Attribute attribute, String where, String col, String key, boolean required) {
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

    /**
     * Waits until every attribute of the collection is available and returns the collection as last read; the first
     * read serves when nothing was added in this run and everything was available then.
     */
    private Collection awaitAttributes(State state) {
        CollectionSchema collection = state.schema;
        Instant deadline = clock.instant().plus(timeout);
        Collection current = state.changed || state.first == null ? collectionOrFail(collection.id()) : state.first;
        while (true) {
            Map<String, Map<String, Object>> attributes = attributesOf(current);
            List<String> pending = new ArrayList<>();
            for (Attribute attribute : collection.attributes()) {
                Map<String, Object> attr = attributes.get(attribute.key());
                String status = attr == null ? "missing" : String.valueOf(attr.get("status"));
                if ("failed".equals(status) || "stuck".equals(status)) {
                    throw new IllegalStateException("Appwrite attribute " + collection.id() + "." + attribute.key()
                            + " is " + status + ": " + attr.get("error"));
                }
                if (!"available".equals(status)) {
                    pending.add(attribute.key() + " " + status);
                }
            }
            if (pending.isEmpty()) {
                return current;
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new IllegalStateException("Appwrite attributes of " + collection.id() + " not available after "
                        + timeout.toSeconds() + " s: " + pending);
            }
            pause();
            current = collectionOrFail(collection.id());
        }
    }

    /**
     * Creates the missing indexes of a collection whose attributes are all available, one after another, and waits
     * for them to build.
     */
    private void ensureIndexes(State state, Collection current, List<String> created,
            Map<String, String> incompatible) {
        CollectionSchema collection = state.schema;
        List<String> existing = current.getIndexes().stream().map(io.appwrite.models.Index::getKey).toList();
        boolean createdAny = false;
        for (Index index : collection.indexes()) {
            if (existing.contains(index.key())) {
                continue;
            }
            if (index.attributes().stream().anyMatch(a -> incompatible.containsKey(collection.id() + "." + a))) {
                LOG.warn("Not creating index {}#{}: it covers an incompatible attribute", collection.id(), index.key());
                continue;
            }
            List<String> orders = index.attributes().stream().map(a -> "ASC").toList();
            try {
                calls.call("createIndex", collection.id() + "#" + index.key(), (db, c) -> db.createIndex(databaseId,
                        collection.id(), index.key(), index.unique() ? IndexType.UNIQUE : IndexType.KEY,
                        index.attributes(), orders, c));
            } catch (AppwriteFailure failure) {
                if (!"index_already_exists".equals(failure.type())) {
                    throw failure;
                }
                createdAny = true;
                continue;
            }
            createdAny = true;
            created.add(collection.id() + "#" + index.key());
            LOG.info("Created Appwrite index {}#{} on {}", collection.id(), index.key(), index.attributes());
        }
        awaitIndexes(collection, createdAny ? collectionOrFail(collection.id()) : current);
    }

    /** Waits for the indexes to build; one that fails (a unique index over duplicate data) is reported, not fatal. */
    private void awaitIndexes(CollectionSchema collection, Collection first) {
        Instant deadline = clock.instant().plus(timeout);
        Collection current = first;
        while (true) {
            List<String> pending = new ArrayList<>();
            for (io.appwrite.models.Index index : current.getIndexes()) {
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
            current = collectionOrFail(collection.id());
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
