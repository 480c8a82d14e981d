package nz.raceday.ingest.testsupport.appwrite;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Appwrite 1.6.2 databases API over {@link Model}: routing, databases, collections, attributes and indexes.
 * Documents and queries live in {@link Documents} and {@link Queries}. Every method runs under the lock of this
 * object (the server takes it per request), so the state needs no other synchronisation.
 */
final class Engine {

    /** A request as the handlers see it: path parameters, decoded query parameters, parsed JSON body. */
    record Call(Map<String, String> path, Map<String, List<String>> query, JsonNode body) {

        String param(String name) {
            return path.get(name);
        }
    }

    /** A success answer; a null body means 204 with no body. */
    record Result(int status, JsonNode body) {
    }

    interface Action {
        Result run(Call call);
    }

    record Route(String method, String template, String[] segments, Action action) {

        Map<String, String> match(String method, String[] pathSegments) {
            if (!this.method.equals(method) || pathSegments.length != segments.length) {
                return null;
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (int i = 0; i < segments.length; i++) {
                String expected = segments[i];
                if (expected.startsWith("{")) {
                    if (pathSegments[i].isEmpty()) {
                        return null;
                    }
                    params.put(expected.substring(1, expected.length() - 1), pathSegments[i]);
                } else if (!expected.equals(pathSegments[i])) {
                    return null;
                }
            }
            return params;
        }
    }

    static final String COL = "/v1/databases/{databaseId}/collections/{collectionId}";

    /** Row width limit and its fixed base (utopia MariaDB adapter). */
    static final int ROW_WIDTH_LIMIT = 65_535;
    static final int ROW_WIDTH_BASE = 1067;
    static final int MAX_USER_ATTRIBUTES = 1010;
    static final int MAX_INDEXES = 58;

    final Clock clock;
    final Duration availabilityDelay;
    final boolean caseInsensitive;
    final Long maxLimit;
    final ScheduledExecutorService scheduler;
    final Map<String, Model.Database> databases = new LinkedHashMap<>();
    final Documents documents;
    final Queries queries;
    private final List<Route> routes = new ArrayList<>();
    private final List<Runnable> promoteAfterResponse = new ArrayList<>();

    Engine(Clock clock, Duration availabilityDelay, boolean caseInsensitive, Long maxLimit,
            ScheduledExecutorService scheduler) {
        this.clock = clock;
        this.availabilityDelay = availabilityDelay;
        this.caseInsensitive = caseInsensitive;
        this.maxLimit = maxLimit;
        this.scheduler = scheduler;
        this.queries = new Queries(this);
        this.documents = new Documents(this);
        route("GET", "/v1/databases", this::listDatabases);
        route("POST", "/v1/databases", this::createDatabase);
        route("GET", "/v1/databases/{databaseId}", this::getDatabase);
        route("GET", "/v1/databases/{databaseId}/collections", this::listCollections);
        route("POST", "/v1/databases/{databaseId}/collections", this::createCollection);
        route("GET", COL, this::getCollection);
        route("PUT", COL, this::updateCollection);
        route("GET", COL + "/attributes", this::listAttributes);
        for (String type : List.of("string", "integer", "float", "boolean", "datetime")) {
            route("POST", COL + "/attributes/" + type, call -> createAttribute(call, type));
        }
        route("POST", COL + "/attributes/relationship", this::createRelationship);
        route("GET", COL + "/attributes/{key}", this::getAttribute);
        route("GET", COL + "/indexes", this::listIndexes);
        route("POST", COL + "/indexes", this::createIndex);
        route("GET", COL + "/indexes/{key}", this::getIndex);
        route("GET", COL + "/documents", documents::list);
        route("POST", COL + "/documents", documents::create);
        route("GET", COL + "/documents/{documentId}", documents::get);
        route("PATCH", COL + "/documents/{documentId}", documents::update);
        route("DELETE", COL + "/documents/{documentId}", documents::delete);
    }

    private void route(String method, String template, Action action) {
        routes.add(new Route(method, template, template.substring(1).split("/", -1), action));
    }

    /** The route serving this method and path, with its path parameters, or null. */
    Map.Entry<Route, Map<String, String>> resolve(String method, String path) {
        String[] segments = (path.startsWith("/") ? path.substring(1) : path).split("/", -1);
        for (Route route : routes) {
            Map<String, String> params = route.match(method, segments);
            if (params != null) {
                return Map.entry(route, params);
            }
        }
        return null;
    }

    /** Runs after the answer of the request that created attributes or indexes with zero delay was built. */
    void runPendingPromotions() {
        List<Runnable> due = new ArrayList<>(promoteAfterResponse);
        promoteAfterResponse.clear();
        due.forEach(Runnable::run);
    }

    private void whenAvailable(Runnable promote) {
        if (availabilityDelay.isZero() || availabilityDelay.isNegative()) {
            promoteAfterResponse.add(promote);
        } else {
            scheduler.schedule(() -> {
                synchronized (this) {
                    promote.run();
                }
            }, availabilityDelay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    // ---------------------------------------------------------------- lookups

    Model.Database database(Call call) {
        String id = Params.uid(call.param("databaseId"), "databaseId");
        Model.Database database = databases.get(id);
        if (database == null) {
            throw ApiError.databaseNotFound();
        }
        return database;
    }

    Model.Collection collection(Call call) {
        Model.Database database = database(call);
        String id = Params.uid(call.param("collectionId"), "collectionId");
        Model.Collection collection = database.collections.get(id);
        if (collection == null) {
            throw ApiError.collectionNotFound();
        }
        return collection;
    }

    Model.Collection collection(String databaseId, String collectionId) {
        Model.Database database = databases.get(databaseId);
        return database == null ? null : database.collections.get(collectionId);
    }

    // ---------------------------------------------------------------- databases

    private Result createDatabase(Call call) {
        String id = Params.customId(call.body(), "databaseId");
        String name = Params.text(call.body(), "name", 128, true);
        Boolean enabled = Params.bool(call.body(), "enabled", false);
        String resolved = Ids.resolve(id);
        if (databases.containsKey(resolved)) {
            throw ApiError.databaseAlreadyExists();
        }
        Model.Database database = new Model.Database(resolved, name, enabled == null || enabled, now());
        databases.put(resolved, database);
        return new Result(201, databaseJson(database));
    }

    private Result getDatabase(Call call) {
        return new Result(200, databaseJson(database(call)));
    }

    private Result listDatabases(Call call) {
        ArrayNode list = Json.array();
        databases.values().forEach(d -> list.add(databaseJson(d)));
        return new Result(200, listJson("databases", list));
    }

    static ObjectNode listJson(String name, ArrayNode items) {
        ObjectNode result = Json.object();
        result.put("total", items.size());
        result.set(name, items);
        return result;
    }

    private static ObjectNode databaseJson(Model.Database database) {
        ObjectNode json = Json.object();
        json.put("$id", database.id);
        json.put("name", database.name);
        json.put("$createdAt", Datetimes.format(database.createdAt));
        json.put("$updatedAt", Datetimes.format(database.updatedAt));
        json.put("enabled", database.enabled);
        return json;
    }

    // ---------------------------------------------------------------- collections

    private Result createCollection(Call call) {
        String id = Params.customId(call.body(), "collectionId");
        String name = Params.text(call.body(), "name", 128, true);
        List<String> permissions = Params.strings(call.body(), "permissions", 100, false);
        Boolean documentSecurity = Params.bool(call.body(), "documentSecurity", false);
        Boolean enabled = Params.bool(call.body(), "enabled", false);
        Model.Database database = database(call);
        List<String> stored = permissions == null ? List.of() : Ids.collectionPermissions(permissions);
        String resolved = Ids.resolve(id);
        if (database.collections.containsKey(resolved)) {
            throw ApiError.collectionAlreadyExists();
        }
        Model.Collection collection = new Model.Collection(database.id, resolved, name, stored,
                documentSecurity != null && documentSecurity, enabled == null || enabled, now());
        database.collections.put(resolved, collection);
        return new Result(201, collectionJson(collection));
    }

    private Result getCollection(Call call) {
        return new Result(200, collectionJson(collection(call)));
    }

    private Result updateCollection(Call call) {
        String name = Params.text(call.body(), "name", 128, true);
        List<String> permissions = Params.strings(call.body(), "permissions", 100, false);
        Boolean documentSecurity = Params.bool(call.body(), "documentSecurity", false);
        Boolean enabled = Params.bool(call.body(), "enabled", false);
        Model.Collection collection = collection(call);
        collection.name = name;
        if (permissions != null) {
            collection.permissions = Ids.collectionPermissions(permissions);
        }
        collection.documentSecurity = documentSecurity != null && documentSecurity;
        collection.enabled = enabled == null || enabled;
        collection.updatedAt = now();
        return new Result(200, collectionJson(collection));
    }

    private Result listCollections(Call call) {
        Model.Database database = database(call);
        ArrayNode list = Json.array();
        database.collections.values().forEach(c -> list.add(collectionJson(c)));
        return new Result(200, listJson("collections", list));
    }

    static ObjectNode collectionJson(Model.Collection collection) {
        ObjectNode json = Json.object();
        json.put("$id", collection.id);
        json.put("$createdAt", Datetimes.format(collection.createdAt));
        json.put("$updatedAt", Datetimes.format(collection.updatedAt));
        json.set("$permissions", Json.strings(collection.permissions));
        json.put("databaseId", collection.databaseId);
        json.put("name", collection.name);
        json.put("enabled", collection.enabled);
        json.put("documentSecurity", collection.documentSecurity);
        ArrayNode attributes = json.putArray("attributes");
        collection.attributes.values().forEach(a -> attributes.add(attributeJson(a)));
        ArrayNode indexes = json.putArray("indexes");
        collection.indexes.values().forEach(i -> indexes.add(indexJson(i)));
        return json;
    }

    // ---------------------------------------------------------------- attributes

    private Result createAttribute(Call call, String kind) {
        JsonNode body = call.body();
        String key = Params.key(body, "key", true);
        Model.Type type;
        long size = 0;
        Number min = null;
        Number max = null;
        JsonNode defaultNode;
        boolean required;
        boolean array;
        switch (kind) {
            case "string" -> {
                JsonNode sizeNode = Params.require(body, "size");
                if (!Json.isInteger(sizeNode) || sizeNode.longValue() < 1 || sizeNode.longValue() > 1_073_741_824L) {
                    throw ApiError.invalidParam("size", "Value must be a valid range between 1 and 1,073,741,824");
                }
                size = sizeNode.longValue();
                required = Params.bool(body, "required", true);
                defaultNode = Params.present(body, "default");
                if (defaultNode != null && !defaultNode.isTextual()) {
                    throw ApiError.invalidParam("default", "Value must be a valid string and no longer than "
                            + size + " chars");
                }
                array = bool(Params.bool(body, "array", false));
                Params.bool(body, "encrypt", false);
                if (defaultNode != null && codePoints(defaultNode.textValue()) > size) {
                    throw ApiError.attributeValueInvalid("Value must be a valid string and no longer than "
                            + size + " chars");
                }
                type = Model.Type.STRING;
            }
            case "integer" -> {
                required = Params.bool(body, "required", true);
                Long lo = Params.integer(body, "min");
                Long hi = Params.integer(body, "max");
                defaultNode = Params.present(body, "default");
                if (defaultNode != null && !Json.isInteger(defaultNode)) {
                    throw ApiError.invalidParam("default", "Value must be a valid integer");
                }
                array = bool(Params.bool(body, "array", false));
                long low = lo == null ? Long.MIN_VALUE : lo;
                long high = hi == null ? Long.MAX_VALUE : hi;
                if (low > high) {
                    throw ApiError.attributeValueInvalid("Minimum value must be lesser than maximum value");
                }
                if (defaultNode != null && (defaultNode.longValue() < low || defaultNode.longValue() > high)) {
                    throw ApiError.attributeValueInvalid(rangeDescription(low, high));
                }
                min = low;
                max = high;
                size = high > Integer.MAX_VALUE ? 8 : 4;
                type = Model.Type.INTEGER;
            }
            case "float" -> {
                required = Params.bool(body, "required", true);
                Double lo = Params.number(body, "min");
                Double hi = Params.number(body, "max");
                defaultNode = Params.present(body, "default");
                if (defaultNode != null && !defaultNode.isNumber()) {
                    throw ApiError.invalidParam("default", "Value must be a valid float");
                }
                array = bool(Params.bool(body, "array", false));
                double low = lo == null ? -Double.MAX_VALUE : lo;
                double high = hi == null ? Double.MAX_VALUE : hi;
                if (low > high) {
                    throw ApiError.attributeValueInvalid("Minimum value must be lesser than maximum value");
                }
                if (defaultNode != null && (defaultNode.doubleValue() < low || defaultNode.doubleValue() > high)) {
                    throw ApiError.attributeValueInvalid(rangeDescription(low, high));
                }
                if (defaultNode != null) {
                    defaultNode = Json.NODES.numberNode(defaultNode.doubleValue());
                }
                min = low;
                max = high;
                type = Model.Type.DOUBLE;
            }
            case "boolean" -> {
                required = Params.bool(body, "required", true);
                defaultNode = Params.present(body, "default");
                if (defaultNode != null && !defaultNode.isBoolean()) {
                    throw ApiError.invalidParam("default", "Value must be a valid boolean");
                }
                array = bool(Params.bool(body, "array", false));
                type = Model.Type.BOOLEAN;
            }
            case "datetime" -> {
                required = Params.bool(body, "required", true);
                defaultNode = Params.present(body, "default");
                array = bool(Params.bool(body, "array", false));
                if (defaultNode != null) {
                    String normalized = defaultNode.isTextual() ? Datetimes.normalize(defaultNode.textValue()) : null;
                    if (normalized == null) {
                        throw ApiError.attributeValueInvalid(Datetimes.RANGE_DESCRIPTION);
                    }
                    defaultNode = Json.NODES.textNode(normalized);
                }
                type = Model.Type.DATETIME;
            }
            default -> throw ApiError.serverBug("attribute kind " + kind);
        }
        Model.Collection collection = collection(call);
        if (required && defaultNode != null) {
            throw ApiError.attributeDefaultUnsupported("Cannot set default value for required attribute");
        }
        if (array && defaultNode != null) {
            throw ApiError.attributeDefaultUnsupported("Cannot set default value for array attributes");
        }
        Model.Attribute attribute = new Model.Attribute(key, type, required, array, size, min, max, defaultNode,
                now());
        checkAttribute(collection, attribute);
        collection.attributes.put(key, attribute);
        whenAvailable(() -> attribute.status = "available");
        return new Result(202, attributeJson(attribute));
    }

    private static boolean bool(Boolean value) {
        return value != null && value;
    }

    private static int codePoints(String text) {
        return text.codePointCount(0, text.length());
    }

    static String rangeDescription(Number min, Number max) {
        return "Value must be a valid range between " + Json.numberFormat(min) + " and " + Json.numberFormat(max);
    }

    /** utopia {@code checkAttribute}: duplicate key (case-insensitive), then the column count and row width. */
    private void checkAttribute(Model.Collection collection, Model.Attribute attribute) {
        for (String existing : collection.attributes.keySet()) {
            if (existing.equalsIgnoreCase(attribute.key)) {
                throw ApiError.attributeAlreadyExists();
            }
        }
        if (collection.attributes.size() + 1 > MAX_USER_ATTRIBUTES) {
            throw ApiError.attributeLimitExceeded();
        }
        long width = ROW_WIDTH_BASE + width(attribute);
        for (Model.Attribute existing : collection.attributes.values()) {
            width += width(existing);
        }
        if (width >= ROW_WIDTH_LIMIT) {
            throw ApiError.attributeLimitExceeded();
        }
    }

    /** utopia {@code getAttributeWidth} per attribute (relationship columns: INFERRED as a 255-char string). */
    static long width(Model.Attribute attribute) {
        if (attribute.array) {
            return 20;
        }
        return switch (attribute.type) {
            case STRING -> attribute.size > 16381 ? 20 : attribute.size > 255 ? attribute.size * 4 + 2
                    : attribute.size * 4 + 1;
            case INTEGER -> attribute.size == 8 ? 8 : 4;
            case DOUBLE -> 8;
            case BOOLEAN -> 1;
            case DATETIME -> 7;
            case RELATIONSHIP -> attribute.isParentSide() ? 255 * 4 + 1 : 0;
        };
    }

    private Result createRelationship(Call call) {
        JsonNode body = call.body();
        String relatedId = Params.require(body, "relatedCollectionId").asText();
        Params.uid(relatedId, "relatedCollectionId");
        String relationType = Params.oneOf(body, "type", List.of("oneToOne", "manyToOne", "manyToMany", "oneToMany"),
                true);
        boolean twoWay = bool(Params.bool(body, "twoWay", false));
        String key = Params.key(body, "key", false);
        String twoWayKey = Params.key(body, "twoWayKey", false);
        String onDelete = Params.oneOf(body, "onDelete", List.of("cascade", "restrict", "setNull"), false);
        Model.Collection collection = collection(call);
        if (!"manyToOne".equals(relationType)) {
            throw ApiError.notEmulated("relationship type " + relationType + " (only manyToOne is emulated)");
        }
        key = key == null ? relatedId : key;
        twoWayKey = twoWayKey == null ? collection.id : twoWayKey;
        onDelete = onDelete == null ? "restrict" : onDelete;
        Model.Collection related = collection(collection.databaseId, relatedId);
        if (related == null) {
            throw ApiError.collectionNotFound();
        }
        for (Model.Attribute existing : collection.attributes.values()) {
            if (!existing.isRelationship()) {
                continue;
            }
            if (existing.key.equalsIgnoreCase(key) || existing.twoWayKey.equalsIgnoreCase(twoWayKey)
                    && existing.relatedCollection.equals(related.id)) {
                throw ApiError.attributeAlreadyExists();
            }
        }
        Instant now = now();
        Model.Attribute parent = new Model.Attribute(key, Model.Type.RELATIONSHIP, false, false, 0, null, null, null,
                now);
        parent.relatedCollection = related.id;
        parent.relationType = relationType;
        parent.twoWay = twoWay;
        parent.twoWayKey = twoWayKey;
        parent.onDelete = onDelete;
        parent.side = "parent";
        checkAttribute(collection, parent);
        Model.Attribute child = null;
        if (twoWay) {
            child = new Model.Attribute(twoWayKey, Model.Type.RELATIONSHIP, false, false, 0, null, null, null, now);
            child.relatedCollection = collection.id;
            child.relationType = relationType;
            child.twoWay = true;
            child.twoWayKey = key;
            child.onDelete = onDelete;
            child.side = "child";
            checkAttribute(related, child);
            related.attributes.put(twoWayKey, child);
        }
        collection.attributes.put(key, parent);
        Model.Attribute back = child;
        whenAvailable(() -> {
            parent.status = "available";
            if (back != null) {
                back.status = "available";
            }
        });
        return new Result(202, attributeJson(parent));
    }

    private Result getAttribute(Call call) {
        Model.Collection collection = collection(call);
        Model.Attribute attribute = collection.attributes.get(call.param("key"));
        if (attribute == null) {
            throw ApiError.attributeNotFound();
        }
        return new Result(200, attributeJson(attribute));
    }

    private Result listAttributes(Call call) {
        Model.Collection collection = collection(call);
        ArrayNode list = Json.array();
        collection.attributes.values().forEach(a -> list.add(attributeJson(a)));
        return new Result(200, listJson("attributes", list));
    }

    static ObjectNode attributeJson(Model.Attribute attribute) {
        ObjectNode json = Json.object();
        json.put("key", attribute.key);
        json.put("type", attribute.type.wire);
        json.put("status", attribute.status);
        json.put("error", attribute.error);
        json.put("required", attribute.required);
        json.put("array", attribute.array);
        json.put("$createdAt", Datetimes.format(attribute.createdAt));
        json.put("$updatedAt", Datetimes.format(attribute.updatedAt));
        switch (attribute.type) {
            case STRING -> {
                json.put("size", attribute.size);
                json.set("default", attribute.defaultValue == null ? Json.NODES.nullNode() : attribute.defaultValue);
            }
            case INTEGER -> {
                json.put("min", attribute.min.longValue());
                json.put("max", attribute.max.longValue());
                json.set("default", attribute.defaultValue == null ? Json.NODES.nullNode() : attribute.defaultValue);
            }
            case DOUBLE -> {
                json.put("min", attribute.min.doubleValue());
                json.put("max", attribute.max.doubleValue());
                json.set("default", attribute.defaultValue == null ? Json.NODES.nullNode() : attribute.defaultValue);
            }
            case BOOLEAN -> json.set("default",
                    attribute.defaultValue == null ? Json.NODES.nullNode() : attribute.defaultValue);
            case DATETIME -> {
                json.put("format", "datetime");
                json.set("default", attribute.defaultValue == null ? Json.NODES.nullNode() : attribute.defaultValue);
            }
            case RELATIONSHIP -> {
                json.put("relatedCollection", attribute.relatedCollection);
                json.put("relationType", attribute.relationType);
                json.put("twoWay", attribute.twoWay);
                json.put("twoWayKey", attribute.twoWayKey);
                json.put("onDelete", attribute.onDelete);
                json.put("side", attribute.side);
            }
            default -> {
            }
        }
        return json;
    }

    // ---------------------------------------------------------------- indexes

    private Result createIndex(Call call) {
        JsonNode body = call.body();
        String key = Params.key(body, "key", true);
        String type = Params.oneOf(body, "type", List.of("key", "fulltext", "unique"), true);
        List<String> attributes = Params.strings(body, "attributes", 100, true);
        List<String> orders = Params.strings(body, "orders", 100, false);
        if (orders != null) {
            for (String order : orders) {
                if (!order.equals("ASC") && !order.equals("DESC")) {
                    throw ApiError.invalidParam("orders", "Value must a valid array no longer than 100 items and "
                            + "Value must be one of (ASC, DESC)");
                }
            }
        }
        Model.Collection collection = collection(call);
        if (collection.indexes.size() >= MAX_INDEXES) {
            throw ApiError.indexLimitExceeded();
        }
        if (attributes.isEmpty()) {
            throw ApiError.invalidParam("attributes", "Value must a valid array no longer than 100 items and "
                    + "Value must be a valid string and at least 1 chars and no longer than 255 chars");
        }
        for (String name : attributes) {
            if (name.equals("$id") || name.equals("$createdAt") || name.equals("$updatedAt")) {
                continue;
            }
            Model.Attribute attribute = collection.attributes.get(name);
            if (attribute == null) {
                throw ApiError.attributeUnknown(name);
            }
            if (attribute.isRelationship()) {
                throw ApiError.attributeTypeInvalid("Cannot create an index for a relationship attribute: " + name);
            }
            if (!attribute.isAvailable()) {
                throw ApiError.attributeNotAvailable(name);
            }
            if (type.equals("fulltext") && attribute.type != Model.Type.STRING) {
                throw ApiError.indexInvalid("Attribute \"" + name
                        + "\" cannot be part of a FULLTEXT index, must be of type string");
            }
        }
        if (collection.indexes.containsKey(key)) {
            throw ApiError.indexAlreadyExists();
        }
        Model.Index index = new Model.Index(key, type, List.copyOf(attributes),
                orders == null ? List.of() : List.copyOf(orders), now());
        collection.indexes.put(key, index);
        whenAvailable(() -> {
            String duplicate = type.equals("unique") ? documents.firstUniqueClash(collection, index) : null;
            if (duplicate != null) {
                index.status = "failed";
                index.error = "Duplicate entry '" + duplicate + "' for key '" + key + "'";
            } else {
                index.status = "available";
            }
        });
        return new Result(202, indexJson(index));
    }

    private Result getIndex(Call call) {
        Model.Collection collection = collection(call);
        Model.Index index = collection.indexes.get(call.param("key"));
        if (index == null) {
            throw ApiError.indexNotFound();
        }
        return new Result(200, indexJson(index));
    }

    private Result listIndexes(Call call) {
        Model.Collection collection = collection(call);
        ArrayNode list = Json.array();
        collection.indexes.values().forEach(i -> list.add(indexJson(i)));
        return new Result(200, listJson("indexes", list));
    }

    static ObjectNode indexJson(Model.Index index) {
        ObjectNode json = Json.object();
        json.put("key", index.key);
        json.put("type", index.type);
        json.put("status", index.status);
        json.put("error", index.error);
        json.set("attributes", Json.strings(index.attributes));
        json.set("orders", Json.strings(index.orders));
        json.put("$createdAt", Datetimes.format(index.createdAt));
        json.put("$updatedAt", Datetimes.format(index.updatedAt));
        return json;
    }

    static String lowerIfNeeded(String text, boolean caseInsensitive) {
        return caseInsensitive ? text.toLowerCase(Locale.ROOT) : text;
    }
}
