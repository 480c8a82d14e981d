package nz.raceday.ingest.testsupport.appwrite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Checks HTTP requests and responses against the official Appwrite 1.6.2 server OpenAPI 3 spec
 * ({@code src/test/resources/appwrite/open-api3-1.6.x-server.json}), so that a test emulator can assert that what the
 * SDK sends and what the emulator answers are both things the real API allows.
 *
 * <p>This is a deliberately small schema walker over Jackson trees, not a general OpenAPI validator. It understands the
 * subset of OpenAPI/JSON Schema the Appwrite spec uses: {@code $ref} to {@code #/components/schemas/*}, {@code type},
 * {@code properties}, {@code required}, {@code additionalProperties}, {@code items}, {@code enum}, {@code nullable}
 * (responses) / {@code x-nullable} (request bodies), {@code anyOf}/{@code oneOf}/{@code allOf}. {@code format} is
 * ignored (see the int32 note below).
 *
 * <p>Where the spec and the real server (docs/appwrite-notes.md) disagree, the server wins; every such place is
 * marked "DISCREPANCY" in a comment:
 * <ul>
 *   <li>{@code error.code} is declared a string; the server sends an integer and SDK 6.1.0 needs one (notes §3.3).</li>
 *   <li>Request properties of type {@code object} (e.g. document {@code data}) also accept a string that holds a JSON
 *       object: the server validates them with utopia's JSON validator and then {@code json_decode}s strings
 *       (notes §1.7). The SDK sends a string to transmit explicit nulls.</li>
 *   <li>Optional request properties may be {@code null} even when not marked {@code x-nullable}: utopia-http skips
 *       validation of an optional parameter whose value is null (notes §3.9; Gson drops nulls anyway).</li>
 *   <li>Every operation's {@code security} is a single requirement object listing Project together with
 *       Session/Key/JWT, which in OpenAPI means "all of them"; Appwrite means "Project plus one credential". Only
 *       {@code x-appwrite-project} is enforced here.</li>
 *   <li>{@code oneOf} alternatives overlap (attributeEmail, attributeIp and attributeUrl have identical shapes), so a
 *       strict "exactly one" would reject every valid getAttribute response; {@code oneOf} is checked as {@code anyOf}.</li>
 *   <li>Integers carry {@code format: int32}, but the server emits 64-bit values (an integer attribute without bounds
 *       reports min/max of ±2^63, notes §3.7); only "JSON integer that fits in a long" is checked.</li>
 *   <li>Request body schemas never declare {@code additionalProperties}; the server silently ignores undeclared body
 *       parameters (utopia-http binds declared parameters only). They are reported here anyway, because a stray key
 *       is a silent bug on the client or emulator side.</li>
 *   <li>Response models declare no {@code additionalProperties} either, but the server only ever outputs the model's
 *       declared keys (its response filter walks the model rules); so models with {@code properties} are treated as
 *       closed, except where the spec says {@code additionalProperties: true} (document, preferences, any). Inline
 *       {@code type: object} without {@code properties} is free-form.</li>
 * </ul>
 *
 * <p>Thread-safe: the instance is immutable after construction; the spec tree is never modified after loading.
 */
public final class OpenApiValidator {

    private static final String SPEC_RESOURCE = "/appwrite/open-api3-1.6.x-server.json";
    private static final String PATH_PREFIX = "/v1";
    private static final String REF_PREFIX = "#/components/schemas/";
    // trailing tokens ("{} x") are an error, as they are for PHP's json_decode
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final int MAX_VALUE_CHARS = 80;

    /** Appwrite 1.6 query parameter limits (notes §3.7; also stated in the spec's parameter description). */
    private static final int MAX_QUERIES = 100;
    private static final int MAX_QUERY_CHARS = 4096;

    /** Query methods utopia-php/database accepts in 1.6 (notes §2.3). */
    private static final Set<String> QUERY_METHODS = Set.of(
            "equal", "notEqual", "lessThan", "lessThanEqual", "greaterThan", "greaterThanEqual", "contains",
            "search", "isNull", "isNotNull", "between", "startsWith", "endsWith", "select", "orderAsc", "orderDesc",
            "limit", "offset", "cursorAfter", "cursorBefore", "and", "or");

    private static final class Holder {
        static final OpenApiValidator APPWRITE_16 = load(SPEC_RESOURCE);
    }

    /** Loads src/test/resources/appwrite/open-api3-1.6.x-server.json from the test classpath (parse once, cache; thread-safe). */
    public static OpenApiValidator appwrite16() {
        return Holder.APPWRITE_16;
    }

    /** One operation of the spec, pre-digested for matching. */
    private record Operation(
            String id,                          // e.g. "databases.createDocument"
            String method,                      // upper case
            String template,                    // "/databases/{databaseId}" (without /v1)
            String[] segments,                  // literal segments, null where a {param} stands
            String[] segmentParams,             // parameter name where segments[i] == null
            Map<String, JsonNode> queryParams,  // declared query parameters by name
            boolean hasRequestBody,             // any requestBody (JSON or multipart)
            JsonNode jsonBodySchema,            // the application/json request schema, or null
            Map<String, JsonNode> responses,    // status -> JSON schema, or MissingNode when declared without JSON content
            boolean requiresProject) {

        String describe() {
            return id + " (" + method + " " + PATH_PREFIX + template + ")";
        }
    }

    private record Match(Operation operation, String[] parts) {
    }

    private final Map<String, JsonNode> schemas;
    private final Map<String, List<Operation>> operationsByMethod;
    private final JsonNode errorSchema;

    private OpenApiValidator(Map<String, JsonNode> schemas, Map<String, List<Operation>> operationsByMethod) {
        this.schemas = schemas;
        this.operationsByMethod = operationsByMethod;
        schemaRef("error"); // fail fast if the spec lacks it
        this.errorSchema = JsonNodeFactory.instance.objectNode().put("$ref", REF_PREFIX + "error");
    }

    // ------------------------------------------------------------------------------------------------ loading

    private static OpenApiValidator load(String resource) {
        JsonNode spec;
        try (InputStream in = OpenApiValidator.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + resource + " not found on the classpath");
            }
            spec = JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + resource, e);
        }

        Map<String, JsonNode> schemas = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : spec.path("components").path("schemas").properties()) {
            schemas.put(e.getKey(), e.getValue());
        }

        // DISCREPANCY: the spec's error model declares "code" as a string, but the 1.6 server emits the HTTP code as a
        // JSON integer (Response::output does not cast it) and SDK 6.1.0 casts it to Number: a string code makes the
        // SDK fail inside OkHttp's callback and the caller hangs (notes §1.4, §3.3). So integers are required here.
        JsonNode errorProps = schemas.get("error").path("properties");
        ObjectNode integerCode = JsonNodeFactory.instance.objectNode()
                .put("type", "integer")
                .put("description", "Error code (spec says string; the server sends an integer)");
        ((ObjectNode) errorProps).set("code", integerCode);

        Map<String, List<Operation>> byMethod = new HashMap<>();
        for (Map.Entry<String, JsonNode> pathEntry : spec.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> opEntry : pathEntry.getValue().properties()) {
                Operation op = operation(pathEntry.getKey(), opEntry.getKey().toUpperCase(Locale.ROOT), opEntry.getValue());
                byMethod.computeIfAbsent(op.method(), k -> new ArrayList<>()).add(op);
            }
        }
        // A literal segment beats a {param} at the leftmost position where two templates differ, so that
        // PATCH .../attributes/string/{key} wins over .../attributes/{key}/relationship and GET /users/identities
        // over /users/{userId}. Only templates with the same number of segments can compete for a path.
        Comparator<Operation> specificity = (a, b) -> {
            if (a.segments().length != b.segments().length) {
                return Integer.compare(a.segments().length, b.segments().length);
            }
            for (int i = 0; i < a.segments().length; i++) {
                boolean la = a.segments()[i] != null;
                boolean lb = b.segments()[i] != null;
                if (la != lb) {
                    return la ? -1 : 1;
                }
            }
            return 0;
        };
        Map<String, List<Operation>> frozen = new HashMap<>();
        byMethod.forEach((method, ops) -> {
            ops.sort(specificity);
            frozen.put(method, List.copyOf(ops));
        });
        OpenApiValidator validator = new OpenApiValidator(Map.copyOf(schemas), Map.copyOf(frozen));
        validator.checkRefsResolve(spec);
        return validator;
    }

    private static Operation operation(String template, String method, JsonNode op) {
        String tag = op.path("tags").path(0).asText("");
        String name = op.path("x-appwrite").path("method").asText(op.path("operationId").asText());
        String id = tag.isEmpty() ? name : tag + "." + name;

        String[] parts = template.substring(1).split("/", -1);
        String[] segments = new String[parts.length];
        String[] segmentParams = new String[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].startsWith("{") && parts[i].endsWith("}")) {
                segmentParams[i] = parts[i].substring(1, parts[i].length() - 1);
            } else {
                segments[i] = parts[i];
            }
        }

        Map<String, JsonNode> queryParams = new LinkedHashMap<>();
        for (JsonNode p : op.path("parameters")) {
            if ("query".equals(p.path("in").asText())) {
                queryParams.put(p.path("name").asText(), p);
            }
        }

        JsonNode requestBody = op.get("requestBody");
        JsonNode jsonBody = requestBody == null ? null : requestBody.path("content").path("application/json").get("schema");

        Map<String, JsonNode> responses = new TreeMap<>();
        for (Map.Entry<String, JsonNode> r : op.path("responses").properties()) {
            JsonNode schema = r.getValue().path("content").path("application/json").get("schema");
            responses.put(r.getKey(), schema == null ? MissingNode.getInstance() : schema);
        }

        boolean requiresProject = false;
        for (JsonNode requirement : op.path("security")) {
            requiresProject |= requirement.has("Project");
        }
        return new Operation(id, method, template, segments, segmentParams, Collections.unmodifiableMap(queryParams),
                requestBody != null, jsonBody, Collections.unmodifiableMap(responses), requiresProject);
    }

    /** Fails fast if the spec refers to a schema it does not define (a broken resource, not a request problem). */
    private void checkRefsResolve(JsonNode node) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual()) {
                schemaRef(refName(ref.asText()));
            }
        }
        for (JsonNode child : node) {
            checkRefsResolve(child);
        }
    }

    private JsonNode schemaRef(String name) {
        JsonNode schema = schemas.get(name);
        if (schema == null) {
            throw new IllegalStateException("spec refers to undefined schema #/components/schemas/" + name);
        }
        return schema;
    }

    private static String refName(String ref) {
        if (!ref.startsWith(REF_PREFIX)) {
            throw new IllegalStateException("unsupported $ref " + ref);
        }
        return ref.substring(REF_PREFIX.length());
    }

    // ------------------------------------------------------------------------------------------------ requests

    /** Problems with a request, empty when the spec allows it. path includes the /v1 prefix (the spec's server URL ends in /v1 and its paths do not); query holds percent-decoded names -> values (e.g. "queries[]" -> [..]); header names lower-cased; body is the raw request body text or null. */
    public List<String> validateRequest(String method, String path, Map<String, List<String>> query,
                                        Map<String, List<String>> headers, String body) {
        String m = method.toUpperCase(Locale.ROOT);
        String relative = relativePath(path);
        if (relative == null) {
            return List.of("request " + m + " " + path + ": path does not start with " + PATH_PREFIX
                    + "/ (the SDK endpoint must end in /v1)");
        }
        Match match = find(m, relative);
        if (match == null) {
            return List.of(noOperation("request", m, path, relative));
        }
        Operation op = match.operation();
        String ctx = op.describe() + " request: ";
        List<String> problems = new ArrayList<>();

        for (int i = 0; i < op.segments().length; i++) {
            if (op.segments()[i] == null && match.parts()[i].isEmpty()) {
                problems.add(ctx + "path parameter '" + op.segmentParams()[i] + "' is empty");
            }
        }
        checkQuery(op, query == null ? Map.of() : query, ctx, problems);
        checkHeaders(op, headers == null ? Map.of() : headers, ctx, problems);
        checkRequestBody(op, headers == null ? Map.of() : headers, body, ctx, problems);
        return problems;
    }

    private void checkQuery(Operation op, Map<String, List<String>> query, String ctx, List<String> problems) {
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            String name = e.getKey();
            List<String> values = e.getValue() == null ? List.of() : e.getValue();
            boolean brackets = name.endsWith("[]");
            String base = brackets ? name.substring(0, name.length() - 2) : name;
            JsonNode param = op.queryParams().get(base);
            if (param == null) {
                problems.add(ctx + "query parameter '" + name + "' is not declared by the operation; declared: "
                        + (op.queryParams().isEmpty() ? "none" : op.queryParams().keySet()));
                continue;
            }
            JsonNode schema = param.path("schema");
            boolean array = "array".equals(schema.path("type").asText());
            if (array && !brackets) {
                problems.add(ctx + "query parameter '" + name + "' is an array; send it as repeated '" + name
                        + "[]' (the server reads a plain '" + name + "' as a single string)");
            } else if (!array && brackets) {
                problems.add(ctx + "query parameter '" + name + "' has a [] suffix but '" + base
                        + "' is a single " + schema.path("type").asText() + ", not an array");
            } else if (!array && values.size() > 1) {
                problems.add(ctx + "query parameter '" + name + "' is given " + values.size()
                        + " times but is a single " + schema.path("type").asText());
            }
            JsonNode valueSchema = array ? schema.path("items") : schema;
            for (int i = 0; i < values.size(); i++) {
                String where = "query parameter '" + name + "'" + (values.size() > 1 ? " value #" + (i + 1) : "");
                checkQueryValue(valueSchema, values.get(i), ctx + where, problems);
                if ("queries".equals(base)) {
                    checkQueryJson(values.get(i), ctx + where, problems);
                }
            }
            if ("queries".equals(base) && values.size() > MAX_QUERIES) {
                problems.add(ctx + "query parameter '" + name + "' has " + values.size()
                        + " values; the server allows at most " + MAX_QUERIES);
            }
        }
        for (Map.Entry<String, JsonNode> p : op.queryParams().entrySet()) {
            if (p.getValue().path("required").asBoolean()
                    && !query.containsKey(p.getKey()) && !query.containsKey(p.getKey() + "[]")) {
                problems.add(ctx + "required query parameter '" + p.getKey() + "' is missing");
            }
        }
    }

    private static void checkQueryValue(JsonNode schema, String value, String where, List<String> problems) {
        String type = schema.path("type").asText();
        boolean ok = switch (type) {
            case "integer" -> value.matches("-?\\d{1,19}") && fitsLong(value);
            case "number" -> isFiniteNumber(value);
            // utopia's Boolean validator in loose mode (used for query strings) takes true/false/1/0
            case "boolean" -> value.equals("true") || value.equals("false") || value.equals("1") || value.equals("0");
            default -> true;
        };
        if (!ok) {
            problems.add(where + ": expected " + type + ", found \"" + abbreviate(value) + "\"");
            return;
        }
        JsonNode allowed = schema.get("enum");
        if (allowed != null && !containsText(allowed, value)) {
            problems.add(where + ": \"" + abbreviate(value) + "\" is not one of " + allowed);
        }
    }

    /** Each queries[] value is a JSON-encoded Query (notes §2.3): an object with a string "method". */
    private static void checkQueryJson(String value, String where, List<String> problems) {
        if (value.length() > MAX_QUERY_CHARS) {
            problems.add(where + ": is " + value.length() + " characters long; the server allows at most "
                    + MAX_QUERY_CHARS);
        }
        JsonNode q;
        try {
            q = JSON.readTree(value);
        } catch (JsonProcessingException e) {
            problems.add(where + ": expected a JSON-encoded query such as {\"method\":\"limit\",\"values\":[25]}, "
                    + "found non-JSON text \"" + abbreviate(value) + "\"");
            return;
        }
        checkQueryObject(q, where, problems);
    }

    private static void checkQueryObject(JsonNode q, String where, List<String> problems) {
        if (q == null || !q.isObject()) {
            problems.add(where + ": expected a JSON query object with a string \"method\", found " + found(q));
            return;
        }
        JsonNode method = q.get("method");
        if (method == null || !method.isTextual()) {
            problems.add(where + ": query has no string \"method\" (found " + found(method) + ") in " + abbreviate(q.toString()));
            return;
        }
        if (!QUERY_METHODS.contains(method.asText())) {
            problems.add(where + ": unknown query method \"" + method.asText() + "\"; Appwrite 1.6 knows " + QUERY_METHODS);
        }
        JsonNode attribute = q.get("attribute");
        if (attribute != null && !attribute.isTextual()) {
            problems.add(where + ": query \"attribute\" must be a string, found " + found(attribute));
        }
        JsonNode values = q.get("values");
        if (values != null && !values.isArray()) {
            problems.add(where + ": query \"values\" must be an array, found " + found(values));
        } else if (values != null && ("and".equals(method.asText()) || "or".equals(method.asText()))) {
            for (int i = 0; i < values.size(); i++) {
                checkQueryObject(values.get(i), where + " " + method.asText() + ".values[" + i + "]", problems);
            }
        }
    }

    private static void checkHeaders(Operation op, Map<String, List<String>> headers, String ctx, List<String> problems) {
        if (op.requiresProject()) {
            String project = firstHeader(headers, "x-appwrite-project");
            if (project == null || project.isBlank()) {
                problems.add(ctx + "header 'x-appwrite-project' is missing (security scheme Project is required "
                        + "for every operation)");
            }
        }
    }

    private void checkRequestBody(Operation op, Map<String, List<String>> headers, String body, String ctx,
                                  List<String> problems) {
        boolean blank = body == null || body.isBlank();
        if (!op.hasRequestBody()) {
            // The SDK sends "{}" with every DELETE (notes §2.2); the server ignores it.
            boolean tolerated = blank || ("DELETE".equals(op.method()) && body.strip().equals("{}"));
            if (!tolerated) {
                problems.add(ctx + "operation declares no request body but one was sent: " + abbreviate(body));
            }
            return;
        }
        JsonNode schema = op.jsonBodySchema();
        if (schema == null) {
            return; // multipart/form-data uploads (storage, functions): not checked
        }
        if (blank) {
            JsonNode required = schema.path("required");
            if (!required.isEmpty()) {
                problems.add(ctx + "request body is missing; expected a JSON object with required properties " + required);
            }
            return;
        }
        String contentType = firstHeader(headers, "content-type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            problems.add(ctx + "header 'content-type' should be application/json for a JSON body, found "
                    + (contentType == null ? "none" : "'" + contentType + "'"));
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            problems.add(ctx + "request body is not valid JSON (" + e.getOriginalMessage() + "): " + abbreviate(body));
            return;
        }
        List<String> details = new ArrayList<>();
        check(schema, node, "body", null, true, details);
        for (String d : details) {
            problems.add(ctx + d);
        }
    }

    // ------------------------------------------------------------------------------------------------ responses

    /** Problems with a response about to be sent, empty when the spec allows it. */
    public List<String> validateResponse(String method, String path, int status, String contentType, String body) {
        String m = method.toUpperCase(Locale.ROOT);
        String relative = relativePath(path);
        Match match = relative == null ? null : find(m, relative);
        Operation op = match == null ? null : match.operation();
        boolean empty = body == null || body.isEmpty();
        String ctx = (op == null ? m + " " + path : op.describe()) + (status >= 400 ? " error" : "") + " response "
                + status + ": ";

        if (status == 204) {
            List<String> problems = new ArrayList<>();
            if (op == null) {
                problems.add(noOperation("response", m, path, relative));
            } else if (!op.responses().containsKey("204")) {
                problems.add(ctx + "status 204 is not a response of the operation; the spec lists " + op.responses().keySet());
            }
            if (!empty) {
                problems.add(ctx + "a 204 response must have an empty body, found " + abbreviate(body));
            }
            return problems;
        }

        JsonNode schema;
        String model;
        if (status >= 400) {
            // Every 4xx/5xx carries the error model, whatever the operation lists, and also when no route matched
            // (the server answers unknown routes with a 404 general_route_not_found error body).
            schema = errorSchema;
            model = "error";
        } else if (op == null) {
            return List.of(noOperation("response", m, path, relative));
        } else {
            schema = op.responses().get(String.valueOf(status));
            if (schema == null) {
                return List.of(ctx + "status " + status + " is not a response of the operation; the spec lists "
                        + op.responses().keySet());
            }
            if (schema.isMissingNode()) {
                return List.of(); // declared without a JSON body (binary avatars/downloads, redirects): not checked
            }
            model = schema.has("$ref") ? refName(schema.get("$ref").asText()) : "inline schema";
        }

        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return List.of(ctx + "content type must be application/json for a " + model + " body, found "
                    + (contentType == null ? "none" : "'" + contentType + "'"));
        }
        if (empty) {
            return List.of(ctx + "body is empty; expected a JSON " + model);
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return List.of(ctx + "body is not valid JSON (" + e.getOriginalMessage() + "): " + abbreviate(body));
        }
        List<String> details = new ArrayList<>();
        check(schema, node, "body", null, false, details);
        List<String> problems = new ArrayList<>(details.size());
        for (String d : details) {
            problems.add(ctx + d);
        }
        return problems;
    }

    // ------------------------------------------------------------------------------------------------ schema walker

    /**
     * Checks value against schema and appends one message per problem, each starting with where in the payload
     * ({@code body.attributes[2].error}).
     *
     * @param model   name of the component schema being checked, for messages (null for inline schemas)
     * @param request request bodies and responses differ in null handling and in object-as-string (see class doc)
     */
    private void check(JsonNode schema, JsonNode value, String at, String model, boolean request, List<String> out) {
        JsonNode ref = schema.get("$ref");
        if (ref != null) {
            String name = refName(ref.asText());
            check(schemaRef(name), value, at, name, request, out);
            return;
        }
        if (value.isNull()) {
            if (!isNullable(schema)) {
                out.add(at + ": is null but the spec does not mark it nullable; expected " + expected(schema));
            }
            return;
        }
        JsonNode allOf = schema.get("allOf");
        if (allOf != null) {
            for (JsonNode part : allOf) {
                check(part, value, at, model, request, out);
            }
        }
        JsonNode alternatives = schema.has("anyOf") ? schema.get("anyOf") : schema.get("oneOf");
        if (alternatives != null) {
            checkAlternatives(alternatives, value, at, request, out);
        }
        String type = schema.path("type").asText("");
        switch (type) {
            case "string" -> {
                if (!value.isTextual()) {
                    out.add(at + ": expected string, found " + found(value));
                }
            }
            case "integer" -> {
                // A JSON integer: 42 passes, 42.0 and "42" do not (the server and the SDK tell them apart, notes §3.9).
                if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                    out.add(at + ": expected integer (a JSON integer such as 42, within 64 bits), found " + found(value));
                }
            }
            case "number" -> {
                if (!value.isNumber()) {
                    out.add(at + ": expected number, found " + found(value));
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    out.add(at + ": expected boolean (true/false), found " + found(value));
                }
            }
            case "array" -> {
                if (!value.isArray()) {
                    out.add(at + ": expected array" + itemsText(schema) + ", found " + found(value));
                } else if (schema.has("items")) {
                    for (int i = 0; i < value.size(); i++) {
                        check(schema.get("items"), value.get(i), at + "[" + i + "]", null, request, out);
                    }
                }
            }
            case "object" -> checkObject(schema, value, at, model, request, out);
            default -> {
                // no type: constrained only by $ref/anyOf/oneOf/allOf above
            }
        }
        JsonNode allowed = schema.get("enum");
        if (allowed != null && value.isValueNode() && !contains(allowed, value)) {
            out.add(at + ": " + found(value) + " is not one of " + allowed);
        }
    }

    private void checkObject(JsonNode schema, JsonNode value, String at, String model, boolean request, List<String> out) {
        if (!value.isObject()) {
            // DISCREPANCY (requests only): object parameters such as document "data" go through utopia's JSON
            // validator, which also takes a string holding JSON; the server json_decodes it. The SDK sends a string to
            // transmit explicit nulls (notes §1.7). Only a string holding a JSON object is accepted here.
            if (request && value.isTextual()) {
                JsonNode parsed = parseOrNull(value.asText());
                if (parsed == null || !parsed.isObject()) {
                    out.add(at + ": expected an object or a string holding a JSON object, found " + found(value));
                }
                return;
            }
            out.add(at + ": expected object" + (model == null ? "" : " (" + model + ")") + ", found " + found(value));
            return;
        }
        JsonNode properties = schema.get("properties");
        if (properties == null) {
            return; // free-form object (document data, prefs, provider credentials, additionalProperties-only models)
        }
        String of = model == null ? "" : " of " + model;
        JsonNode required = schema.path("required");
        for (JsonNode name : required) {
            if (!value.has(name.asText())) {
                out.add(at + ": missing required property '" + name.asText() + "' (" + expected(properties.path(name.asText()))
                        + ")" + of);
            }
        }
        JsonNode additional = schema.get("additionalProperties");
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            String name = field.getKey();
            JsonNode child = field.getValue();
            String childAt = at + "." + name;
            JsonNode propSchema = properties.get(name);
            if (propSchema == null) {
                if (additional != null && additional.isObject()) {
                    check(additional, child, childAt, null, request, out);
                } else if (additional == null || !additional.asBoolean()) {
                    out.add(at + ": unexpected property '" + name + "'" + of + " (declared: "
                            + fieldNames(properties) + "), found " + found(child));
                }
                continue;
            }
            if (child.isNull() && request && !containsText(required, name)) {
                // DISCREPANCY: utopia-http skips validation of an optional parameter whose value is null, so the
                // server treats it like an absent one, x-nullable or not (the SDK never sends nulls anyway).
                continue;
            }
            check(propSchema, child, childAt, null, request, out);
        }
    }

    private void checkAlternatives(JsonNode alternatives, JsonNode value, String at, boolean request, List<String> out) {
        // DISCREPANCY: oneOf is checked like anyOf (at least one alternative), see the class comment.
        List<String> closest = null;
        String closestName = null;
        StringJoiner names = new StringJoiner("|");
        for (JsonNode alternative : alternatives) {
            String name = alternative.has("$ref") ? refName(alternative.get("$ref").asText()) : expected(alternative);
            names.add(name);
            List<String> problems = new ArrayList<>();
            check(alternative, value, at, null, request, problems);
            if (problems.isEmpty()) {
                return;
            }
            if (closest == null || problems.size() < closest.size()) {
                closest = problems;
                closestName = name;
            }
        }
        if (closest != null) {
            out.add(at + ": matches none of " + names + "; closest is " + closestName + ": " + String.join("; ", closest));
        }
    }

    // ------------------------------------------------------------------------------------------------ matching

    private static String relativePath(String path) {
        if (path == null || !path.startsWith(PATH_PREFIX + "/")) {
            return null;
        }
        return path.substring(PATH_PREFIX.length());
    }

    private Match find(String method, String relative) {
        List<Operation> ops = operationsByMethod.get(method);
        if (ops == null) {
            return null;
        }
        String[] parts = relative.substring(1).split("/", -1);
        for (Operation op : ops) {
            if (matches(op, parts)) {
                return new Match(op, parts);
            }
        }
        return null;
    }

    private static boolean matches(Operation op, String[] parts) {
        String[] segments = op.segments();
        if (segments.length != parts.length) {
            return false;
        }
        for (int i = 0; i < segments.length; i++) {
            if (segments[i] != null && !segments[i].equals(parts[i])) {
                return false;
            }
        }
        return true;
    }

    private String noOperation(String what, String method, String path, String relative) {
        StringBuilder message = new StringBuilder(what).append(' ').append(method).append(' ').append(path)
                .append(": no operation in the Appwrite 1.6.2 spec matches this method and path");
        if (relative == null) {
            return message.append(" (the path does not start with ").append(PATH_PREFIX).append("/)").toString();
        }
        List<String> others = new ArrayList<>();
        for (Map.Entry<String, List<Operation>> e : new TreeMap<>(operationsByMethod).entrySet()) {
            Match other = e.getKey().equals(method) ? null : find(e.getKey(), relative);
            if (other != null) {
                others.add(e.getKey() + " (" + other.operation().id() + ")");
            }
        }
        if (!others.isEmpty()) {
            message.append("; wrong method: the path exists for ").append(String.join(", ", others));
        }
        return message.toString();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static boolean isNullable(JsonNode schema) {
        // responses say "nullable: true" (OpenAPI 3.0); request bodies say "x-nullable: true"
        return schema.path("nullable").asBoolean(false) || schema.path("x-nullable").asBoolean(false);
    }

    private static String expected(JsonNode schema) {
        if (schema == null || schema.isMissingNode()) {
            return "any";
        }
        if (schema.has("$ref")) {
            return refName(schema.get("$ref").asText());
        }
        if (schema.has("anyOf") || schema.has("oneOf")) {
            StringJoiner names = new StringJoiner("|", "one of ", "");
            for (JsonNode alternative : schema.has("anyOf") ? schema.get("anyOf") : schema.get("oneOf")) {
                names.add(expected(alternative));
            }
            return names.toString();
        }
        String type = schema.path("type").asText("any");
        if ("array".equals(type)) {
            return "array" + itemsText(schema);
        }
        return schema.has("enum") ? type + " " + schema.get("enum") : type;
    }

    private static String itemsText(JsonNode arraySchema) {
        return arraySchema.has("items") ? " of " + expected(arraySchema.get("items")) : "";
    }

    /** "string \"255\"", "number 42.0", "null", "object {...}" — the JSON type and the (abbreviated) value. */
    private static String found(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        if (value.isNull()) {
            return "null";
        }
        String type;
        if (value.isTextual()) {
            type = "string";
        } else if (value.isIntegralNumber()) {
            type = "integer";
        } else if (value.isNumber()) {
            type = "number";
        } else if (value.isBoolean()) {
            type = "boolean";
        } else if (value.isArray()) {
            type = "array";
        } else {
            type = "object";
        }
        return type + " " + abbreviate(value.toString());
    }

    private static String abbreviate(String text) {
        return text.length() <= MAX_VALUE_CHARS ? text : text.substring(0, MAX_VALUE_CHARS) + "…";
    }

    private static String fieldNames(JsonNode object) {
        StringJoiner names = new StringJoiner(", ", "[", "]");
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            names.add(e.getKey());
        }
        return names.toString();
    }

    private static boolean contains(JsonNode array, JsonNode value) {
        for (JsonNode element : array) {
            if (element.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsText(JsonNode array, String text) {
        for (JsonNode element : array) {
            if (element.asText().equals(text)) {
                return true;
            }
        }
        return false;
    }

    private static String firstHeader(Map<String, List<String>> headers, String lowerCaseName) {
        List<String> values = headers.get(lowerCaseName);
        if (values == null) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey() != null && e.getKey().equalsIgnoreCase(lowerCaseName)) {
                    values = e.getValue();
                    break;
                }
            }
        }
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static JsonNode parseOrNull(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static boolean fitsLong(String digits) {
        try {
            Long.parseLong(digits);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isFiniteNumber(String text) {
        try {
            return Double.isFinite(Double.parseDouble(text)) && !text.isBlank();
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
