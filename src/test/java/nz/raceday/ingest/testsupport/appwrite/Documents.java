package nz.raceday.ingest.testsupport.appwrite;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Documents: create, get, list, update (merge then validate in full, as utopia's {@code Structure}), delete with
 * {@code onDelete}, unique indexes, and the output with relationships expanded the way utopia's
 * {@code populateDocumentRelationships} does it (depth limit 3, skipping the way back along a relationship).
 */
final class Documents {

    /** utopia {@code Database::RELATION_MAX_DEPTH}; the top-level document is fetched at depth 1. */
    static final int RELATION_MAX_DEPTH = 3;
    /** Keys utopia treats as internal: allowed in {@code data} and overwritten by the server. */
    private static final Set<String> INTERNAL = Set.of("$id", "$internalId", "$collection", "$tenant", "$createdAt",
            "$updatedAt", "$permissions");
    private static final String RELATION_INVALID = "Invalid relationship value. Must be either a document, document "
            + "ID, or an array of documents or document IDs.";

    /** A relationship being fetched: the collection it was read from, the attribute, and the document. */
    private record Fetch(String collection, Model.Attribute attribute, String document) {
    }

    /** What a select asks for at one level: the plain names and the remainders of dotted names. */
    private record Selection(Set<String> names, List<String> nested) {

        boolean all() {
            return names.contains("*");
        }

        boolean has(String name) {
            return all() || names.contains(name);
        }

        static Selection of(Model.Collection collection, List<String> values) {
            if (values == null) {
                return null;
            }
            Set<String> names = new LinkedHashSet<>();
            List<String> nested = new ArrayList<>();
            for (String value : values) {
                int dot = value.indexOf('.');
                if (dot < 0) {
                    names.add(value);
                    continue;
                }
                String head = value.substring(0, dot);
                Model.Attribute attribute = collection.available(head);
                if (attribute == null || !attribute.isRelationship()) {
                    names.add(value);
                    continue;
                }
                nested.add(value.substring(dot + 1));
                if (attribute.isParentSide()) { // manyToOne: the parent side keeps its column, the child side has none
                    names.add(head);
                }
            }
            return new Selection(names, nested);
        }
    }

    private final Engine engine;

    Documents(Engine engine) {
        this.engine = engine;
    }

    // ---------------------------------------------------------------- actions

    Engine.Result create(Engine.Call call) {
        JsonNode body = call.body();
        String documentId = Params.customId(body, "documentId");
        ObjectNode data = data(Params.require(body, "data"));
        List<String> requested = Params.strings(body, "permissions", 100, false);
        if (data.isEmpty()) {
            throw ApiError.documentMissingData();
        }
        if (data.has("$id")) {
            throw ApiError.idNotAllowedOnCreate();
        }
        Model.Collection collection = engine.collection(call);
        List<String> permissions = requested == null ? List.of() : Ids.documentPermissions(requested);
        String id = Ids.resolve(documentId);
        Map<String, JsonNode> values = structure(collection, fields(data));
        if (find(collection, id) != null) {
            throw ApiError.documentAlreadyExists();
        }
        checkUnique(collection, id, values);
        Instant now = engine.now();
        Model.Document document = new Model.Document(id, collection.nextSequence++, now, permissions, values);
        collection.documents.put(id, document);
        return new Engine.Result(201, render(collection, document, 1, List.of(), null));
    }

    Engine.Result get(Engine.Call call) {
        Model.Collection collection = engine.collection(call);
        List<String> select = engine.queries.selectOnly(collection, call.query().get("queries[]"));
        Model.Document document = find(collection, Params.uid(call.param("documentId"), "documentId"));
        if (document == null) {
            throw ApiError.documentNotFound();
        }
        return new Engine.Result(200,
                render(collection, document, 1, List.of(), Selection.of(collection, select)));
    }

    Engine.Result list(Engine.Call call) {
        Model.Collection collection = engine.collection(call);
        Queries.Plan plan = engine.queries.plan(collection, call.query().get("queries[]"));
        Model.Document cursor = null;
        if (plan.cursor != null) {
            cursor = find(collection, plan.cursor);
            if (cursor == null) {
                throw ApiError.cursorNotFound(plan.cursor);
            }
        }
        List<Model.Document> matched = new ArrayList<>();
        for (Model.Document document : collection.documents.values()) {
            if (engine.queries.matches(collection, document, plan.filters)) {
                matched.add(document);
            }
        }
        long total = Math.min(matched.size(), Queries.TOTAL_CAP);
        Comparator<Model.Document> order = order(plan);
        matched.sort(order);
        List<Model.Document> window = window(plan, matched, cursor, order);
        Selection selection = Selection.of(collection, plan.select);
        ArrayNode documents = Json.array();
        for (Model.Document document : window) {
            ObjectNode json = render(collection, document, 1, List.of(), selection);
            if (selection != null) { // listDocuments drops these unless selected, and they cannot be selected
                json.remove("$databaseId");
                json.remove("$collectionId");
            }
            documents.add(json);
        }
        ObjectNode result = Json.object();
        result.put("total", total);
        result.set("documents", documents);
        return new Engine.Result(200, result);
    }

    Engine.Result update(Engine.Call call) {
        JsonNode body = call.body();
        JsonNode dataParam = Params.present(body, "data");
        ObjectNode data = dataParam == null ? Json.object() : data(dataParam);
        List<String> requested = Params.strings(body, "permissions", 100, false);
        if (data.isEmpty() && requested == null) {
            throw ApiError.documentMissingPayload();
        }
        Model.Collection collection = engine.collection(call);
        Model.Document document = find(collection, Params.uid(call.param("documentId"), "documentId"));
        if (document == null) {
            throw ApiError.documentNotFound();
        }
        List<String> permissions = requested == null ? document.permissions : Ids.documentPermissions(requested);
        Map<String, JsonNode> merged = new LinkedHashMap<>(document.values);
        fields(data).forEach(merged::put);
        Map<String, JsonNode> values = structure(collection, merged);
        boolean changed = !values.equals(document.values) || !permissions.equals(document.permissions);
        checkUnique(collection, document.id, values);
        if (changed) {
            document.values.clear();
            document.values.putAll(values);
            document.permissions = permissions;
            document.updatedAt = engine.now();
        }
        return new Engine.Result(200, render(collection, document, 1, List.of(), null));
    }

    Engine.Result delete(Engine.Call call) {
        Model.Collection collection = engine.collection(call);
        Model.Document document = find(collection, Params.uid(call.param("documentId"), "documentId"));
        if (document == null) {
            throw ApiError.documentNotFound();
        }
        checkRestrict(collection, document, new HashSet<>());
        remove(collection, document);
        return new Engine.Result(204, null);
    }

    // ---------------------------------------------------------------- data and structure

    /** {@code data} as object or JSON string (utopia {@code JSON} validator), decoded to an object. */
    private static ObjectNode data(JsonNode data) {
        JsonNode decoded = data;
        if (data.isTextual()) {
            decoded = Json.parseOrNull(data.textValue());
            if (decoded == null) {
                throw ApiError.invalidParam("data", "Value must be a valid JSON string");
            }
        }
        if (decoded.isArray() && decoded.isEmpty()) {
            return Json.object();
        }
        if (!decoded.isObject()) {
            throw ApiError.invalidParam("data", "Value must be a valid JSON string");
        }
        return (ObjectNode) decoded;
    }

    private static Map<String, JsonNode> fields(ObjectNode data) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = data.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> entry = it.next();
            fields.put(entry.getKey(), entry.getValue());
        }
        return fields;
    }

    /**
     * utopia {@code encode} (defaults for null values) and {@code Structure::isValid}: missing required attributes,
     * then unknown attributes, then values in document order; the first failure wins. Only available attributes
     * count. Returns the stored form: datetimes normalised to UTC milliseconds, floats as doubles, nulls dropped.
     */
    private Map<String, JsonNode> structure(Model.Collection collection, Map<String, JsonNode> input) {
        Map<String, JsonNode> document = new LinkedHashMap<>();
        input.forEach((k, v) -> {
            if (!INTERNAL.contains(k)) {
                document.put(k, v);
            }
        });
        List<Model.Attribute> attributes = collection.availableAttributes();
        for (Model.Attribute attribute : attributes) {
            JsonNode value = document.get(attribute.key);
            if ((value == null || value.isNull()) && attribute.defaultValue != null) {
                document.put(attribute.key, attribute.defaultValue);
            }
        }
        for (Model.Attribute attribute : attributes) {
            JsonNode value = document.get(attribute.key);
            if (attribute.required && (value == null || value.isNull())) {
                throw ApiError.invalidStructure("Missing required attribute \"" + attribute.key + "\"");
            }
        }
        for (String key : document.keySet()) {
            if (collection.available(key) == null) {
                throw ApiError.invalidStructure("Unknown attribute: \"" + key + "\"");
            }
        }
        Map<String, JsonNode> stored = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : document.entrySet()) {
            Model.Attribute attribute = collection.available(entry.getKey());
            JsonNode value = entry.getValue();
            if (value == null || value.isNull()) {
                continue;
            }
            if (attribute.isRelationship()) {
                stored.put(attribute.key, relationshipValue(attribute, value));
                continue;
            }
            if (attribute.array) {
                if (!value.isArray()) {
                    throw ApiError.invalidStructure("Attribute \"" + attribute.key + "\" must be an array");
                }
                ArrayNode elements = Json.array();
                for (int i = 0; i < value.size(); i++) {
                    elements.add(scalar(attribute, attribute.key + "['" + i + "']", value.get(i)));
                }
                stored.put(attribute.key, elements);
            } else {
                stored.put(attribute.key, scalar(attribute, attribute.key, value));
            }
        }
        return stored;
    }

    private static JsonNode relationshipValue(Model.Attribute attribute, JsonNode value) {
        if (!attribute.isParentSide()) {
            throw ApiError.notEmulated("writing the child side of a two-way relationship (\"" + attribute.key + "\")");
        }
        if (value.isTextual()) {
            return value; // a dangling id is kept (utopia relateDocumentsById stores it as is for manyToOne)
        }
        if (value.isObject()) {
            throw ApiError.notEmulated("nested documents as relationship values (\"" + attribute.key + "\")");
        }
        throw ApiError.relationshipValueInvalid(RELATION_INVALID);
    }

    private static JsonNode scalar(Model.Attribute attribute, String label, JsonNode value) {
        switch (attribute.type) {
            case STRING -> {
                if (!value.isTextual() || value.textValue().codePointCount(0, value.textValue().length())
                        > attribute.size) {
                    throw invalid(label, "type", "Value must be a valid string and no longer than " + attribute.size
                            + " chars");
                }
                return value;
            }
            case INTEGER -> {
                if (!Json.isInteger(value)) {
                    throw invalid(label, "format", "Value must be a valid integer");
                }
                long n = value.longValue();
                if (n < attribute.min.longValue() || n > attribute.max.longValue()) {
                    throw invalid(label, "format", Engine.rangeDescription(attribute.min, attribute.max));
                }
                return Json.NODES.numberNode(n);
            }
            case DOUBLE -> {
                if (!value.isNumber()) {
                    throw invalid(label, "format", "Value must be a valid float");
                }
                double d = value.doubleValue();
                if (d < attribute.min.doubleValue() || d > attribute.max.doubleValue()) {
                    throw invalid(label, "format", Engine.rangeDescription(attribute.min, attribute.max));
                }
                return Json.NODES.numberNode(d);
            }
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    throw invalid(label, "type", "Value must be a valid boolean");
                }
                return value;
            }
            case DATETIME -> {
                String normalized = value.isTextual() ? Datetimes.normalize(value.textValue()) : null;
                if (normalized == null) {
                    throw invalid(label, "type", Datetimes.RANGE_DESCRIPTION);
                }
                return Json.NODES.textNode(normalized);
            }
            default -> throw ApiError.serverBug("scalar of " + attribute.type);
        }
    }

    private static ApiError invalid(String label, String kind, String description) {
        return ApiError.invalidStructure("Attribute \"" + label + "\" has invalid " + kind + ". " + description);
    }

    // ---------------------------------------------------------------- lookups, uniqueness, deletes

    /** By id; with case-insensitive collation a differently-cased id finds the document, as in MariaDB. */
    Model.Document find(Model.Collection collection, String id) {
        Model.Document document = collection.documents.get(id);
        if (document != null || !engine.caseInsensitive) {
            return document;
        }
        for (Model.Document candidate : collection.documents.values()) {
            if (candidate.id.equalsIgnoreCase(id)) {
                return candidate;
            }
        }
        return null;
    }

    private void checkUnique(Model.Collection collection, String id, Map<String, JsonNode> values) {
        for (Model.Index index : collection.indexes.values()) {
            if (!index.isAvailable() || !index.type.equals("unique")) {
                continue;
            }
            List<String> key = uniqueKey(index, id, values);
            if (key == null) {
                continue;
            }
            for (Model.Document other : collection.documents.values()) {
                if (!other.id.equals(id) && key.equals(uniqueKey(index, other.id, other.values))) {
                    throw ApiError.documentAlreadyExists();
                }
            }
        }
    }

    /** The first duplicated key among stored documents for a new unique index, or null. */
    String firstUniqueClash(Model.Collection collection, Model.Index index) {
        Set<List<String>> seen = new HashSet<>();
        for (Model.Document document : collection.documents.values()) {
            List<String> key = uniqueKey(index, document.id, document.values);
            if (key != null && !seen.add(key)) {
                return String.join("-", key);
            }
        }
        return null;
    }

    /** The comparable key of a document for a unique index, or null when a part is NULL (NULLs never clash). */
    private List<String> uniqueKey(Model.Index index, String id, Map<String, JsonNode> values) {
        List<String> key = new ArrayList<>();
        for (String attribute : index.attributes) {
            JsonNode value = attribute.equals("$id") ? Json.NODES.textNode(id) : values.get(attribute);
            if (value == null || value.isNull()) {
                return null;
            }
            String text = value.isNumber() ? Double.toString(value.doubleValue()) : value.asText();
            key.add(value.isTextual() ? engine.queries.fold(text) : text);
        }
        return key;
    }

    /** utopia {@code deleteRestrict}: refuses before anything changes when a restrict relationship points here. */
    private void checkRestrict(Model.Collection collection, Model.Document document, Set<String> visiting) {
        if (!visiting.add(collection.id + "/" + document.id)) {
            return;
        }
        for (Referrer referrer : referrers(collection, document)) {
            switch (referrer.attribute.onDelete) {
                case "restrict" -> throw ApiError.documentDeleteRestricted();
                case "cascade" -> checkRestrict(referrer.collection, referrer.document, visiting);
                default -> {
                }
            }
        }
    }

    private void remove(Model.Collection collection, Model.Document document) {
        if (collection.documents.remove(document.id) == null) {
            return;
        }
        for (Referrer referrer : referrers(collection, document)) {
            switch (referrer.attribute.onDelete) {
                case "setNull" -> {
                    referrer.document.values.remove(referrer.attribute.key);
                    referrer.document.updatedAt = engine.now();
                }
                case "cascade" -> remove(referrer.collection, referrer.document);
                default -> {
                }
            }
        }
    }

    private record Referrer(Model.Collection collection, Model.Attribute attribute, Model.Document document) {
    }

    /** Documents whose many-to-one (parent side) relationship points at this document. */
    private List<Referrer> referrers(Model.Collection collection, Model.Document document) {
        List<Referrer> result = new ArrayList<>();
        Model.Database database = engine.databases.get(collection.databaseId);
        for (Model.Collection other : database.collections.values()) {
            for (Model.Attribute attribute : other.attributes.values()) {
                if (!attribute.isRelationship() || !attribute.isParentSide()
                        || !attribute.relatedCollection.equals(collection.id)) {
                    continue;
                }
                for (Model.Document candidate : new ArrayList<>(other.documents.values())) {
                    JsonNode value = candidate.values.get(attribute.key);
                    if (value != null && value.asText().equals(document.id)) {
                        result.add(new Referrer(other, attribute, candidate));
                    }
                }
            }
        }
        return result;
    }

    // ---------------------------------------------------------------- ordering and paging

    private Comparator<Model.Document> order(Queries.Plan plan) {
        Comparator<Model.Document> order = null;
        for (int i = 0; i < plan.orderFields.size(); i++) {
            Comparator<Model.Document> one = engine.queries.ascending(plan.orderFields.get(i));
            if (plan.orderDescending.get(i)) {
                one = one.reversed();
            }
            order = order == null ? one : order.thenComparing(one);
        }
        Comparator<Model.Document> natural = Comparator.comparingLong(d -> d.sequence);
        return order == null ? natural : order.thenComparing(natural);
    }

    /**
     * Cursor, offset and limit. The cursor compares the first order attribute only, with the insertion sequence as
     * tie-breaker (utopia MariaDB {@code find}); {@code cursorBefore} pages backwards from the cursor.
     */
    private List<Model.Document> window(Queries.Plan plan, List<Model.Document> sorted, Model.Document cursor,
            Comparator<Model.Document> order) {
        long offset = plan.offset == null ? 0 : plan.offset;
        long limit = plan.limit == null ? 25 : plan.limit;
        List<Model.Document> candidates = sorted;
        if (cursor != null) {
            Comparator<Model.Document> first;
            if (plan.orderFields.isEmpty()) {
                first = (a, b) -> 0;
            } else {
                Queries.Field field = plan.orderFields.get(0);
                if (Queries.valueOf(cursor, field.name()) == null) {
                    throw ApiError.orderNull(field.name());
                }
                first = engine.queries.ascending(field);
                if (plan.orderDescending.get(0)) {
                    first = first.reversed();
                }
            }
            Comparator<Model.Document> cursorOrder = first.thenComparingLong(d -> d.sequence);
            candidates = new ArrayList<>();
            String firstName = plan.orderFields.isEmpty() ? null : plan.orderFields.get(0).name();
            for (Model.Document document : sorted) {
                if (firstName != null && Queries.valueOf(document, firstName) == null) {
                    continue; // the SQL comparison with NULL is never true
                }
                int c = cursorOrder.compare(document, cursor);
                if (plan.cursorBefore ? c < 0 : c > 0) {
                    candidates.add(document);
                }
            }
        }
        if (cursor != null && plan.cursorBefore) {
            List<Model.Document> reversed = new ArrayList<>(candidates);
            java.util.Collections.reverse(reversed);
            List<Model.Document> page = slice(reversed, offset, limit);
            java.util.Collections.reverse(page);
            return page;
        }
        return slice(candidates, offset, limit);
    }

    private static List<Model.Document> slice(List<Model.Document> list, long offset, long limit) {
        if (offset >= list.size()) {
            return new ArrayList<>();
        }
        long end = Math.min(list.size(), offset + limit);
        return new ArrayList<>(list.subList((int) offset, (int) end));
    }

    // ---------------------------------------------------------------- output

    /**
     * A document as Appwrite outputs it. Relationships (utopia {@code populateDocumentRelationships}): the parent
     * side of a many-to-one becomes the related document (null when absent or dangling); the child side of a two-way
     * many-to-one becomes the list of documents pointing here, each without its back key; a one-way child side is
     * never output. A relationship already on the fetch stack, or its way back, is not fetched again; at depth 3 the
     * parent side is dropped. With a select and no dotted names, relationships are not populated and the parent side
     * keeps the raw id.
     */
    ObjectNode render(Model.Collection collection, Model.Document document, int depth, List<Fetch> stack,
            Selection selection) {
        ObjectNode json = Json.object();
        boolean populate = selection == null || !selection.nested().isEmpty();
        Selection nestedSelection = selection == null ? null
                : selection.nested().isEmpty() ? null : new Selection(Set.copyOf(selection.nested()), List.of());
        for (Model.Attribute attribute : collection.availableAttributes()) {
            boolean selected = selection == null || selection.has(attribute.key);
            if (!attribute.isRelationship()) {
                if (selected) {
                    JsonNode value = document.values.get(attribute.key);
                    json.set(attribute.key, value == null ? (attribute.array ? Json.array() : Json.NODES.nullNode())
                            : value.deepCopy());
                }
                continue;
            }
            JsonNode value = document.values.get(attribute.key);
            if (attribute.isParentSide()) {
                if (!selected) {
                    continue;
                }
                if (!populate) {
                    json.set(attribute.key, value == null ? Json.NODES.nullNode() : value);
                    continue;
                }
                if (skipFetch(stack, collection.id, attribute) || depth == RELATION_MAX_DEPTH) {
                    continue;
                }
                Model.Collection related = engine.collection(collection.databaseId, attribute.relatedCollection);
                Model.Document target = value == null || related == null ? null : find(related, value.asText());
                if (target == null) {
                    json.putNull(attribute.key);
                    continue;
                }
                List<Fetch> deeper = new ArrayList<>(stack);
                deeper.add(new Fetch(collection.id, attribute, document.id));
                json.set(attribute.key, render(related, target, depth + 1, deeper,
                        nestedFor(related, nestedSelection)));
                continue;
            }
            // child side of a two-way many-to-one: the documents pointing here
            if (!populate || depth == RELATION_MAX_DEPTH || skipFetch(stack, collection.id, attribute)) {
                if (selected) {
                    json.putNull(attribute.key);
                }
                continue;
            }
            Model.Collection related = engine.collection(collection.databaseId, attribute.relatedCollection);
            ArrayNode list = Json.array();
            if (related != null) {
                List<Fetch> deeper = new ArrayList<>(stack);
                deeper.add(new Fetch(collection.id, attribute, document.id));
                for (Model.Document candidate : related.documents.values()) {
                    JsonNode back = candidate.values.get(attribute.twoWayKey);
                    if (back != null && back.asText().equals(document.id)) {
                        ObjectNode item = render(related, candidate, depth + 1, deeper,
                                nestedFor(related, nestedSelection));
                        item.remove(attribute.twoWayKey);
                        list.add(item);
                    }
                }
            }
            json.set(attribute.key, list);
        }
        if (selection == null || selection.has("$id")) {
            json.put("$id", document.id);
        }
        if (selection == null || selection.has("$permissions")) {
            json.set("$permissions", Json.strings(document.permissions));
        }
        if (selection == null || selection.has("$createdAt")) {
            json.put("$createdAt", Datetimes.format(document.createdAt));
        }
        if (selection == null || selection.has("$updatedAt")) {
            json.put("$updatedAt", Datetimes.format(document.updatedAt));
        }
        json.put("$databaseId", collection.databaseId);
        json.put("$collectionId", collection.id);
        return json;
    }

    /** The nested select passed down to related fetches (utopia passes the same list to every relationship). */
    private static Selection nestedFor(Model.Collection related, Selection nested) {
        return nested == null ? null : Selection.of(related, List.copyOf(nested.names()));
    }

    /** utopia's reflexive, symmetric and transitive checks against the relationships being fetched. */
    private static boolean skipFetch(List<Fetch> stack, String collectionId, Model.Attribute attribute) {
        for (Fetch fetched : stack) {
            Model.Attribute existing = fetched.attribute();
            boolean otherSide = !Objects.equals(existing.side, attribute.side);
            boolean reflexive = existing == attribute && fetched.collection().equals(collectionId);
            boolean symmetric = existing.key.equals(attribute.twoWayKey)
                    && existing.twoWayKey.equals(attribute.key)
                    && existing.relatedCollection.equals(collectionId)
                    && fetched.collection().equals(attribute.relatedCollection)
                    && otherSide;
            boolean transitive = (existing.key.equals(attribute.twoWayKey)
                    && fetched.collection().equals(attribute.relatedCollection) && otherSide)
                    || (existing.twoWayKey.equals(attribute.key)
                            && existing.relatedCollection.equals(collectionId) && otherSide)
                    || (existing.key.equals(attribute.key) && !existing.twoWayKey.equals(attribute.twoWayKey)
                            && existing.relatedCollection.equals(attribute.relatedCollection) && otherSide)
                    || (!existing.key.equals(attribute.key) && existing.twoWayKey.equals(attribute.twoWayKey)
                            && existing.relatedCollection.equals(attribute.relatedCollection) && otherSide);
            if (reflexive || symmetric || transitive) {
                return true;
            }
        }
        return false;
    }
}
