package nz.raceday.ingest.testsupport.appwrite;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Appwrite 1.6 queries: {@code Query::parse} (JSON per {@code queries[]} value), the utopia query validators with
 * their messages, and an in-memory evaluation with MariaDB's semantics: a comparison with NULL is never true (so
 * {@code notEqual} does not return documents whose value is null), NULL sorts first ascending, the internal
 * insertion sequence is the final tie-breaker, and strings compare case-insensitively unless configured otherwise.
 */
final class Queries {

    static final List<String> METHODS = List.of("equal", "notEqual", "lessThan", "lessThanEqual", "greaterThan",
            "greaterThanEqual", "contains", "search", "isNull", "isNotNull", "between", "startsWith", "endsWith",
            "select", "orderAsc", "orderDesc", "limit", "offset", "cursorAfter", "cursorBefore", "and", "or");
    static final int MAX_QUERIES = 100;
    static final int MAX_QUERY_LENGTH = 4096;
    static final int MAX_VALUES = 500;
    static final int TOTAL_CAP = 5000;

    /** One parsed query. */
    record Query(String method, String attribute, List<JsonNode> values, List<Query> nested) {
    }

    /** A queryable field: an attribute, or one of {@code $id}, {@code $createdAt}, {@code $updatedAt}. */
    record Field(String name, Model.Type type, Model.Attribute attribute) {
    }

    /** The grouped queries of one listDocuments call. */
    static final class Plan {
        final List<Query> filters = new ArrayList<>();
        final List<Field> orderFields = new ArrayList<>();
        final List<Boolean> orderDescending = new ArrayList<>();
        Long limit;
        Long offset;
        String cursor;
        boolean cursorBefore;
        /** Union of all select values, or null when nothing was selected. */
        List<String> select;
    }

    private final Engine engine;

    Queries(Engine engine) {
        this.engine = engine;
    }

    // ---------------------------------------------------------------- parsing

    /** Parses and validates the raw {@code queries[]} values against a collection. */
    Plan plan(Model.Collection collection, List<String> raw) {
        List<Query> parsed = parse(raw);
        Plan plan = new Plan();
        for (Query query : parsed) {
            switch (query.method()) {
                case "select" -> {
                    validateSelect(collection, query);
                    if (plan.select == null) {
                        plan.select = new ArrayList<>();
                    }
                    query.values().forEach(v -> plan.select.add(v.asText()));
                }
                case "orderAsc", "orderDesc" -> {
                    Field field = field(collection, query.attribute(), true);
                    plan.orderFields.add(field);
                    plan.orderDescending.add(query.method().equals("orderDesc"));
                }
                case "limit" -> {
                    long limit = single(query, "limit");
                    long max = engine.maxLimit == null ? Long.MAX_VALUE : engine.maxLimit;
                    if (limit < 1 || limit > max) {
                        throw ApiError.queryInvalid("Invalid query: Invalid limit: "
                                + Engine.rangeDescription(1, max));
                    }
                    if (plan.limit == null) {
                        plan.limit = limit;
                    }
                }
                case "offset" -> {
                    long offset = single(query, "offset");
                    if (offset < 0) {
                        throw ApiError.queryInvalid("Invalid query: Invalid offset: "
                                + Engine.rangeDescription(0, Long.MAX_VALUE));
                    }
                    if (plan.offset == null) {
                        plan.offset = offset;
                    }
                }
                case "cursorAfter", "cursorBefore" -> {
                    if (query.values().size() != 1 || !query.values().get(0).isTextual()
                            || !Ids.isValidKey(query.values().get(0).textValue())) {
                        throw ApiError.queryInvalid("Invalid query: Invalid cursor: " + Ids.UID_DESCRIPTION);
                    }
                    if (plan.cursor == null) {
                        plan.cursor = query.values().get(0).textValue();
                        plan.cursorBefore = query.method().equals("cursorBefore");
                    }
                }
                default -> {
                    validateFilter(collection, query);
                    plan.filters.add(query);
                }
            }
        }
        return plan;
    }

    /** Only the select queries (getDocument); other methods are ignored there. */
    List<String> selectOnly(Model.Collection collection, List<String> raw) {
        List<String> select = null;
        for (Query query : parse(raw)) {
            if (query.method().equals("select")) {
                validateSelect(collection, query);
                if (select == null) {
                    select = new ArrayList<>();
                }
                for (JsonNode value : query.values()) {
                    select.add(value.asText());
                }
            }
        }
        return select;
    }

    private static long single(Query query, String what) {
        if (query.values().size() != 1 || !Json.isInteger(query.values().get(0))) {
            throw ApiError.queryInvalid("Invalid query: Invalid " + what + ": Value must be a valid range between "
                    + (what.equals("limit") ? "1" : "0") + " and 9,223,372,036,854,775,807");
        }
        return query.values().get(0).longValue();
    }

    static List<Query> parse(List<String> raw) {
        if (raw == null) {
            return List.of();
        }
        String description = "Value must a valid array no longer than " + MAX_QUERIES + " items and Value must be a "
                + "valid string and at least 1 chars and no longer than " + MAX_QUERY_LENGTH + " chars";
        if (raw.size() > MAX_QUERIES) {
            throw ApiError.invalidParam("queries", description);
        }
        List<Query> queries = new ArrayList<>();
        for (String text : raw) {
            if (text.isEmpty() || text.codePointCount(0, text.length()) > MAX_QUERY_LENGTH) {
                throw ApiError.invalidParam("queries", description);
            }
            JsonNode node = Json.parseOrNull(text);
            if (node == null) {
                throw ApiError.queryInvalid("Invalid query: Syntax error");
            }
            queries.add(parse(node));
        }
        return queries;
    }

    private static Query parse(JsonNode node) {
        if (!node.isObject()) {
            throw ApiError.queryInvalid("Invalid query: Syntax error");
        }
        String method = node.path("method").isTextual() ? node.get("method").textValue() : "";
        String attribute = node.path("attribute").isTextual() ? node.get("attribute").textValue() : "";
        if (!METHODS.contains(method)) {
            throw ApiError.queryInvalid("Invalid query method: " + method);
        }
        JsonNode valuesNode = node.get("values");
        List<JsonNode> values = new ArrayList<>();
        if (valuesNode != null && !valuesNode.isNull()) {
            if (!valuesNode.isArray()) {
                throw ApiError.queryInvalid("Invalid query values. Must be an array, got " + phpType(valuesNode));
            }
            valuesNode.forEach(values::add);
        }
        List<Query> nested = new ArrayList<>();
        if (method.equals("and") || method.equals("or")) {
            for (JsonNode value : values) {
                nested.add(parse(value));
            }
        }
        return new Query(method, attribute, values, nested);
    }

    private static String phpType(JsonNode node) {
        if (node.isTextual()) {
            return "string";
        }
        if (node.isIntegralNumber()) {
            return "integer";
        }
        if (node.isNumber()) {
            return "double";
        }
        if (node.isBoolean()) {
            return "boolean";
        }
        return "array";
    }

    // ---------------------------------------------------------------- validation

    Field field(Model.Collection collection, String name, boolean forOrder) {
        switch (name) {
            case "$id":
                return new Field(name, Model.Type.STRING, null);
            case "$createdAt":
            case "$updatedAt":
                return new Field(name, Model.Type.DATETIME, null);
            default:
                break;
        }
        Model.Attribute attribute = collection.available(name);
        if (attribute == null) {
            throw ApiError.queryInvalid("Invalid query: Attribute not found in schema: " + name);
        }
        return new Field(name, attribute.type, attribute);
    }

    private void validateSelect(Model.Collection collection, Query query) {
        if (query.values().isEmpty()) {
            throw ApiError.queryInvalid("Invalid query: Select queries require at least one value.");
        }
        for (JsonNode value : query.values()) {
            String name = value.asText();
            if (name.equals("*") || List.of("$id", "$createdAt", "$updatedAt", "$permissions").contains(name)) {
                continue;
            }
            if (name.contains(".")) {
                Model.Attribute head = collection.available(name.substring(0, name.indexOf('.')));
                if (head != null && head.isRelationship()) {
                    continue;
                }
            }
            if (collection.available(name) == null) {
                throw ApiError.queryInvalid("Invalid query: Attribute not found in schema: " + name);
            }
        }
    }

    private void validateFilter(Model.Collection collection, Query query) {
        String method = query.method();
        if (method.equals("and") || method.equals("or")) {
            if (query.nested().size() < 2) {
                throw ApiError.queryInvalid("Invalid query: " + capitalise(method)
                        + " queries require at least two queries");
            }
            for (Query nested : query.nested()) {
                if (!isFilter(nested.method())) {
                    throw ApiError.queryInvalid("Invalid query: " + capitalise(method)
                            + " queries can only contain filter queries");
                }
                validateFilter(collection, nested);
            }
            return;
        }
        Field field = field(collection, query.attribute(), false);
        Model.Attribute attribute = field.attribute();
        if (attribute != null && attribute.isRelationship() && !attribute.isParentSide()) {
            throw ApiError.queryInvalid("Invalid query: Cannot query on virtual relationship attribute");
        }
        int count = query.values().size();
        switch (method) {
            case "equal", "contains" -> {
                if (count == 0) {
                    throw ApiError.queryInvalid("Invalid query: " + capitalise(method)
                            + " queries require at least one value.");
                }
            }
            case "between" -> {
                if (count != 2) {
                    throw ApiError.queryInvalid("Invalid query: Between queries require exactly two values.");
                }
            }
            case "isNull", "isNotNull" -> {
                return;
            }
            default -> {
                if (count != 1) {
                    throw ApiError.queryInvalid("Invalid query: " + capitalise(method)
                            + " queries require exactly one value.");
                }
            }
        }
        if (count > MAX_VALUES) {
            throw ApiError.queryInvalid("Invalid query: Query on attribute has greater than " + MAX_VALUES
                    + " values: " + query.attribute());
        }
        boolean array = attribute != null && attribute.array;
        if (method.equals("contains") && !array && field.type() != Model.Type.STRING) {
            throw ApiError.queryInvalid("Invalid query: Cannot query contains on attribute \"" + query.attribute()
                    + "\" because it is not an array or string.");
        }
        if (array && !method.equals("contains")) {
            throw ApiError.queryInvalid("Invalid query: Cannot query " + method + " on attribute \""
                    + query.attribute() + "\" because it is an array.");
        }
        for (JsonNode value : query.values()) {
            if (!valueFits(field.type(), value)) {
                throw ApiError.queryInvalid("Invalid query: Query value is invalid for attribute \""
                        + query.attribute() + "\"");
            }
        }
        if (method.equals("search")) {
            boolean indexed = collection.indexes.values().stream().anyMatch(i -> i.isAvailable()
                    && i.type.equals("fulltext") && i.attributes.equals(List.of(query.attribute())));
            if (!indexed) {
                throw ApiError.queryInvalid("Invalid query: Searching by attribute \"" + query.attribute()
                        + "\" requires a fulltext index.");
            }
        }
    }

    private static boolean isFilter(String method) {
        return !List.of("select", "orderAsc", "orderDesc", "limit", "offset", "cursorAfter", "cursorBefore")
                .contains(method);
    }

    private static boolean valueFits(Model.Type type, JsonNode value) {
        return switch (type) {
            case STRING, RELATIONSHIP -> value.isTextual();
            case INTEGER -> Json.isInteger(value);
            case DOUBLE -> value.isNumber();
            case BOOLEAN -> value.isBoolean();
            case DATETIME -> value.isTextual() && Datetimes.parse(value.textValue()) != null;
        };
    }

    private static String capitalise(String method) {
        return Character.toUpperCase(method.charAt(0)) + method.substring(1);
    }

    // ---------------------------------------------------------------- evaluation

    /** The stored value of a field, or null. */
    static JsonNode valueOf(Model.Document document, String name) {
        return switch (name) {
            case "$id" -> Json.NODES.textNode(document.id);
            case "$createdAt" -> Json.NODES.textNode(Datetimes.format(document.createdAt));
            case "$updatedAt" -> Json.NODES.textNode(Datetimes.format(document.updatedAt));
            default -> {
                JsonNode value = document.values.get(name);
                yield value == null || value.isNull() ? null : value;
            }
        };
    }

    boolean matches(Model.Collection collection, Model.Document document, List<Query> filters) {
        for (Query filter : filters) {
            if (!matches(collection, document, filter)) {
                return false;
            }
        }
        return true;
    }

    private boolean matches(Model.Collection collection, Model.Document document, Query query) {
        switch (query.method()) {
            case "and":
                return query.nested().stream().allMatch(q -> matches(collection, document, q));
            case "or":
                return query.nested().stream().anyMatch(q -> matches(collection, document, q));
            default:
                break;
        }
        Field field = field(collection, query.attribute(), false);
        JsonNode stored = valueOf(document, field.name());
        List<JsonNode> values = query.values();
        switch (query.method()) {
            case "isNull":
                return stored == null;
            case "isNotNull":
                return stored != null;
            default:
                break;
        }
        if (stored == null) {
            return false; // SQL: any comparison with NULL is unknown
        }
        Model.Type type = field.type();
        return switch (query.method()) {
            case "equal" -> values.stream().anyMatch(v -> compare(type, stored, v) == 0);
            case "notEqual" -> values.stream().noneMatch(v -> compare(type, stored, v) == 0);
            case "lessThan" -> compare(type, stored, values.get(0)) < 0;
            case "lessThanEqual" -> compare(type, stored, values.get(0)) <= 0;
            case "greaterThan" -> compare(type, stored, values.get(0)) > 0;
            case "greaterThanEqual" -> compare(type, stored, values.get(0)) >= 0;
            case "between" -> compare(type, stored, values.get(0)) >= 0 && compare(type, stored, values.get(1)) <= 0;
            case "startsWith" -> fold(stored.asText()).startsWith(fold(values.get(0).asText()));
            case "endsWith" -> fold(stored.asText()).endsWith(fold(values.get(0).asText()));
            case "contains" -> contains(type, stored, values);
            case "search" -> search(stored.asText(), values.get(0).asText());
            default -> throw ApiError.serverBug("query method " + query.method());
        };
    }

    private boolean contains(Model.Type type, JsonNode stored, List<JsonNode> values) {
        if (stored.isArray()) {
            for (JsonNode element : stored) {
                for (JsonNode value : values) {
                    if (!element.isNull() && compare(type, element, value) == 0) {
                        return true;
                    }
                }
            }
            return false;
        }
        String text = fold(stored.asText());
        return values.stream().anyMatch(v -> text.contains(fold(v.asText())));
    }

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_]+");

    /** MariaDB boolean-mode fulltext as utopia builds it (each word gets a trailing {@code *}): INFERRED. */
    private static boolean search(String text, String term) {
        Set<String> words = words(text);
        for (String wanted : words(term)) {
            for (String word : words) {
                if (word.startsWith(wanted)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Set<String> words(String text) {
        Set<String> words = new LinkedHashSet<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            words.add(m.group());
        }
        return words;
    }

    String fold(String text) {
        return Engine.lowerIfNeeded(text, engine.caseInsensitive);
    }

    /** Compares two non-null values of a field type; the query side may need conversion (datetimes to UTC). */
    int compare(Model.Type type, JsonNode a, JsonNode b) {
        return switch (type) {
            case INTEGER, DOUBLE -> a.isIntegralNumber() && b.isIntegralNumber()
                    ? Long.compare(a.longValue(), b.longValue())
                    : Double.compare(a.doubleValue(), b.doubleValue());
            case BOOLEAN -> Boolean.compare(a.booleanValue(), b.booleanValue());
            case DATETIME -> {
                Instant x = Datetimes.parse(a.asText());
                Instant y = Datetimes.parse(b.asText());
                yield x == null || y == null ? fold(a.asText()).compareTo(fold(b.asText())) : x.compareTo(y);
            }
            case STRING, RELATIONSHIP -> fold(a.asText()).compareTo(fold(b.asText()));
        };
    }

    /** Ascending order of one field with NULL first (MariaDB). */
    Comparator<Model.Document> ascending(Field field) {
        return (x, y) -> {
            JsonNode a = valueOf(x, field.name());
            JsonNode b = valueOf(y, field.name());
            if (a == null || b == null) {
                return a == null ? (b == null ? 0 : -1) : 1;
            }
            if (a.isArray() || b.isArray()) {
                return fold(a.toString()).compareTo(fold(b.toString()));
            }
            return compare(field.type(), a, b);
        };
    }
}
