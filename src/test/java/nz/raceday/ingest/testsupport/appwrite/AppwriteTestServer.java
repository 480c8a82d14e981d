package nz.raceday.ingest.testsupport.appwrite;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An in-process Appwrite 1.6.2 server on loopback for tests that run the real {@code io.appwrite:sdk-for-kotlin}
 * 6.1.0 against it. Behaviour follows {@code shared/docs/appwrite-notes.md} (§2 wire format, §3 semantics, §5 models)
 * and {@code frontend-contract.md} §0–§3.
 *
 * <h2>Emulated</h2>
 * <ul>
 * <li>Databases (create, get, list), collections (create, get, list, update), attributes (string, integer, float
 *     as type {@code double}, boolean, datetime, many-to-one relationships one- and two-way with {@code onDelete};
 *     get, list), indexes (key, unique, fulltext; create, get, list), documents (create, get, list, PATCH update,
 *     delete). Success codes 201/202/200/204 (empty body); {@code Content-Type: application/json; charset=UTF-8};
 *     complete models (attribute {@code error} is {@code ""}, collections carry full attribute and index objects).</li>
 * <li>Auth by {@code x-appwrite-project} (else 404 {@code project_not_found}) and {@code x-appwrite-key} (wrong key:
 *     401 {@code user_unauthorized}; no key: 401 {@code general_unauthorized_scope} as for a guest); header names are
 *     case-insensitive, the SDK's duplicated {@code content-type} on GET is fine. The key is never logged.</li>
 * <li>Error bodies {@code {message, code (integer), type, version "1.6.2"}} with the §3.4 texts; unknown route 404
 *     {@code general_route_not_found}; a route the 1.6 spec has but this server does not emulate 501
 *     {@code general_not_implemented} (so a gap is loud, never a silent success).</li>
 * <li>Documents: id rules, {@code data} as object or JSON string (explicit {@code null} in a JSON string clears a
 *     value, or sets the default when the attribute has one, as utopia's {@code encode} does), whole-document
 *     validation in utopia's order (required, unknown, types; integers must be JSON integers; lengths in code
 *     points; datetimes to UTC milliseconds), PATCH merges then validates in full, {@code $updatedAt} moves only when
 *     a value or the permissions differ, permissions stored and echoed (omitted on update: kept), unique indexes
 *     (409 {@code document_already_exists}), timestamps from the injected {@link Clock}.</li>
 * <li>Relationships expanded as utopia's {@code populateDocumentRelationships} does (see {@link Documents#render});
 *     {@code equal} on the parent side compares the related {@code $id}; dangling ids are kept and read as null.</li>
 * <li>Queries: every 1.6 method incl. {@code and}/{@code or}, select (faithfully strips unselected {@code $} fields:
 *     the Kotlin SDK hangs on such a list, node-appwrite copes), order, limit (default 25), offset, cursors,
 *     {@code total} capped at 5000 and counting filters only, limits of 100 queries / 4096 chars / 500 values.</li>
 * <li>Asynchronous attributes and indexes ({@code processing} → {@code available}, or {@code failed} for a unique
 *     index over duplicated data) after a configurable delay; meanwhile writes see {@code Unknown attribute},
 *     queries {@code Attribute not found in schema}, indexes {@code attribute_not_available}; required attributes
 *     are enforced only once available. Duplicate 409s, default/required, min/max, row width and column limits.</li>
 * <li>Faults ({@link Fault}): one-shot for the next N matching requests or a persistent outage, HTML 5xx, slow
 *     answers, dropped connections (after applying or without), 429 with {@code X-RateLimit-*}, 408; a global added
 *     latency; refusing connections (stops listening, listens again on the same port on {@link #recover()}).</li>
 * <li>Spec checks: every request and every (non-injected) response goes through {@link OpenApiValidator}; problems
 *     are recorded, the request is then answered as Appwrite itself would, and {@link #close()} fails
 *     while recorded problems are not acknowledged with {@link #clearSpecViolations()}.</li>
 * </ul>
 *
 * <h2>Deliberately not emulated</h2>
 * Other services, deleting or renaming databases/collections/attributes/indexes, attribute updates, email/enum/ip/url
 * attributes, relationship types other than many-to-one, nested documents as relationship values, writing the child
 * side of a two-way relationship (all 501); queries on the list endpoints of databases, collections, attributes and
 * indexes (ignored: everything is listed); queries other than select on getDocument (ignored); permissions are
 * stored but never enforced (API keys bypass them in
 * Appwrite); scopes other than "no key"; {@code X-Debug-Operations} and the informational {@code X-RateLimit-*}
 * headers on normal answers; the 12 MB payload limit; the 15 s query timeout (use the 408 fault).
 *
 * <h2>INFERRED, not verified against a running Appwrite</h2>
 * <ul>
 * <li>String comparison, unique indexes and id lookups are case-insensitive by default, because self-hosted 1.6.2
 *     runs MariaDB with the {@code utf8mb4_general_ci} default collation (notes §3.9); switch it off with
 *     {@link Builder#caseInsensitiveStrings(boolean)} to mimic a binary collation.</li>
 * <li>Relationship expansion details: depth counting from 1 with the limit 3 and the skip rules were read in utopia
 *     source; the null for a dangling id and for a two-way child side that is not fetched is inferred. A select with
 *     dotted names populates every relationship and hands the same nested select to each; names the related
 *     collection lacks are ignored here, where real utopia might reject them.</li>
 * <li>Cursor pages compare only the first order attribute, tie-broken by insertion order; {@code cursorBefore}
 *     pages backwards. Fulltext {@code search} matches any word by prefix.</li>
 * <li>Width of a relationship column (as a 255-char string), the wording of a few parameter errors (permissions,
 *     {@code orders}, offset), the {@code failed} index error text.</li>
 * </ul>
 */
public final class AppwriteTestServer implements AutoCloseable {

    /**
     * One request as served. {@code status} is 0 when the connection was dropped. {@code at} is the server clock's
     * instant of arrival; {@code arrivedNanos} the same moment on {@link System#nanoTime()}, for intervals between
     * requests that a step of the wall clock must not distort.
     */
    public record LoggedRequest(String method, String path, String route, List<String> queries, int status,
            Instant at, long arrivedNanos, Duration took, Fault fault) {
    }

    /** A spec problem found by the validator. */
    public record SpecViolation(String method, String path, String problem) {

        @Override
        public String toString() {
            return method + " " + path + ": " + problem;
        }
    }

    private static final String JSON = "application/json; charset=UTF-8";
    private static final String VERSION = "1.6.2";

    private final String projectId;
    private final String apiKey;
    private final Clock clock;
    private final OpenApiValidator validator;
    private final Engine engine;
    private final ScheduledExecutorService scheduler;
    private final HttpWire wire;
    private final List<LoggedRequest> log = new CopyOnWriteArrayList<>();
    private final List<SpecViolation> violations = new CopyOnWriteArrayList<>();
    private final Object faultLock = new Object();
    private final List<ArmedFault> armed = new ArrayList<>();
    private Fault outage;
    private volatile Duration latency = Duration.ZERO;
    private volatile boolean refusing;

    private static final class ArmedFault {
        final Fault fault;
        final String method;
        final Pattern path;
        int remaining;

        ArmedFault(Fault fault, int remaining, String method, Pattern path) {
            this.fault = fault;
            this.remaining = remaining;
            this.method = method;
            this.path = path;
        }

        boolean matches(String requestMethod, String requestPath) {
            return (method == null || method.equalsIgnoreCase(requestMethod))
                    && (path == null || path.matcher(requestPath).find());
        }
    }

    private AppwriteTestServer(Builder builder) {
        this.projectId = builder.projectId;
        this.apiKey = builder.apiKey;
        this.clock = builder.clock;
        this.validator = builder.validator;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "appwrite-test-server-worker");
            t.setDaemon(true);
            return t;
        });
        this.engine = new Engine(clock, builder.availabilityDelay, builder.caseInsensitive, builder.maxListLimit,
                scheduler);
        this.wire = new HttpWire(this::handle);
        wire.start(builder.port);
    }

    /** A server with the defaults: project {@code raceday-test}, a random key, the system clock, zero delay. */
    public static AppwriteTestServer start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options; everything has a default. */
    public static final class Builder {
        private String projectId = "raceday-test";
        private String apiKey = "standard_" + HexFormat.of().formatHex(randomBytes());
        private Clock clock = Clock.systemUTC();
        private Duration availabilityDelay = Duration.ZERO;
        private boolean caseInsensitive = true;
        private Long maxListLimit;
        private int port;
        private OpenApiValidator validator = OpenApiValidator.appwrite16();

        private static byte[] randomBytes() {
            byte[] bytes = new byte[24];
            new SecureRandom().nextBytes(bytes);
            return bytes;
        }

        public Builder projectId(String projectId) {
            this.projectId = Objects.requireNonNull(projectId);
            return this;
        }

        public Builder apiKey(String apiKey) {
            this.apiKey = Objects.requireNonNull(apiKey);
            return this;
        }

        /** Source of {@code $createdAt}/{@code $updatedAt} and every other server timestamp. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** How long attributes and indexes stay {@code processing}; zero: available by the next request. */
        public Builder availabilityDelay(Duration delay) {
            this.availabilityDelay = Objects.requireNonNull(delay);
            return this;
        }

        /** MariaDB {@code utf8mb4_general_ci} string semantics (default true); false compares strings exactly. */
        public Builder caseInsensitiveStrings(boolean caseInsensitive) {
            this.caseInsensitive = caseInsensitive;
            return this;
        }

        /** A maximum for {@code Query.limit} (1.6.2 OSS has none; older Cloud had 100). */
        public Builder maxListLimit(long max) {
            this.maxListLimit = max;
            return this;
        }

        /** A fixed port instead of an ephemeral one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder validator(OpenApiValidator validator) {
            this.validator = Objects.requireNonNull(validator);
            return this;
        }

        public AppwriteTestServer start() {
            return new AppwriteTestServer(this);
        }
    }

    // ---------------------------------------------------------------- identity

    /** {@code http://127.0.0.1:<port>/v1}, the SDK's endpoint (no trailing slash). */
    public String endpoint() {
        return "http://127.0.0.1:" + wire.port() + "/v1";
    }

    public int port() {
        return wire.port();
    }

    public String projectId() {
        return projectId;
    }

    public String apiKey() {
        return apiKey;
    }

    @Override
    public String toString() {
        return "AppwriteTestServer[" + endpoint() + ", project " + projectId + "]"; // never the key
    }

    // ---------------------------------------------------------------- faults

    /** The next matching request gets this fault. */
    public void failNext(Fault fault) {
        failNext(fault, 1, null, null);
    }

    /** The next {@code times} requests get this fault. */
    public void failNext(Fault fault, int times) {
        failNext(fault, times, null, null);
    }

    /**
     * The next {@code times} requests with this method (null: any) whose path matches {@code pathRegex} (found
     * anywhere in the decoded path, e.g. {@code "/documents$"}; null: any) get this fault. Armed faults are used
     * in the order they were armed.
     */
    public void failNext(Fault fault, int times, String method, String pathRegex) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1");
        }
        synchronized (faultLock) {
            armed.add(new ArmedFault(Objects.requireNonNull(fault), times, method,
                    pathRegex == null ? null : Pattern.compile(pathRegex)));
        }
    }

    /** Every request gets this fault until {@link #recover()}. */
    public void startOutage(Fault fault) {
        synchronized (faultLock) {
            outage = Objects.requireNonNull(fault);
        }
    }

    /** Stops listening and closes open connections: clients get "connection refused" until {@link #recover()}. */
    public void refuseConnections() {
        refusing = true;
        wire.stopListening();
    }

    /** Ends an outage, forgets armed faults and listens again (same port) if connections were refused. */
    public void recover() {
        synchronized (faultLock) {
            outage = null;
            armed.clear();
        }
        if (refusing) {
            refusing = false;
            wire.resumeListening();
        }
    }

    /** Latency added to every answer (held back on the connection's own thread). */
    public void setLatency(Duration latency) {
        this.latency = Objects.requireNonNull(latency);
    }

    /** How many one-shot faults are still armed (sum of remaining counts). */
    public int pendingFaults() {
        synchronized (faultLock) {
            return armed.stream().mapToInt(a -> a.remaining).sum();
        }
    }

    private Fault takeFault(String method, String path) {
        synchronized (faultLock) {
            if (outage != null) {
                return outage;
            }
            for (Iterator<ArmedFault> it = armed.iterator(); it.hasNext();) {
                ArmedFault candidate = it.next();
                if (candidate.matches(method, path)) {
                    if (--candidate.remaining == 0) {
                        it.remove();
                    }
                    return candidate.fault;
                }
            }
            return null;
        }
    }

    // ---------------------------------------------------------------- observability

    public List<LoggedRequest> requestLog() {
        return List.copyOf(log);
    }

    public void resetRequestLog() {
        log.clear();
    }

    /** How many requests matched this method and route template, e.g. {@code ("POST", "/v1/databases/{databaseId}
     * /collections/{collectionId}/documents")}. */
    public long count(String method, String routeTemplate) {
        return log.stream().filter(r -> r.method().equals(method) && r.route().equals(routeTemplate)).count();
    }

    /** Request counts keyed {@code "METHOD /v1/route/{template}"}, in first-seen order. */
    public Map<String, Long> requestCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (LoggedRequest request : log) {
            counts.merge(request.method() + " " + request.route(), 1L, Long::sum);
        }
        return counts;
    }

    public List<String> specViolations() {
        return violations.stream().map(SpecViolation::toString).toList();
    }

    public List<SpecViolation> specViolationDetails() {
        return List.copyOf(violations);
    }

    /** Records a violation as the validator's findings are recorded (for tests of the acknowledgement rules). */
    void recordSpecViolation(String method, String path, String problem) {
        violations.add(new SpecViolation(method, path, problem));
    }

    public void clearSpecViolations() {
        violations.clear();
    }

    public void assertNoSpecViolations() {
        if (!violations.isEmpty()) {
            throw new AssertionError("Appwrite 1.6 spec violations (" + violations.size() + "):\n  "
                    + String.join("\n  ", specViolations()));
        }
    }

    /** The stored documents of a collection in natural order, as raw maps with their {@code $} fields. */
    public List<Map<String, Object>> documents(String databaseId, String collectionId) {
        synchronized (engine) {
            Model.Collection collection = engine.collection(databaseId, collectionId);
            if (collection == null) {
                throw new IllegalArgumentException("no collection " + databaseId + "/" + collectionId);
            }
            List<Map<String, Object>> result = new ArrayList<>();
            collection.documents.values().forEach(d -> result.add(raw(collection, d)));
            return result;
        }
    }

    /** One stored document as a raw map, or null. */
    public Map<String, Object> document(String databaseId, String collectionId, String documentId) {
        synchronized (engine) {
            Model.Collection collection = engine.collection(databaseId, collectionId);
            Model.Document document = collection == null ? null : collection.documents.get(documentId);
            return document == null ? null : raw(collection, document);
        }
    }

    private static Map<String, Object> raw(Model.Collection collection, Model.Document document) {
        ObjectNode json = Json.object();
        document.values.forEach(json::set);
        json.put("$id", document.id);
        json.set("$permissions", Json.strings(document.permissions));
        json.put("$createdAt", Datetimes.format(document.createdAt));
        json.put("$updatedAt", Datetimes.format(document.updatedAt));
        json.put("$databaseId", collection.databaseId);
        json.put("$collectionId", collection.id);
        return Json.MAPPER.convertValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
    }

    /** {@code processing}, {@code available}, {@code failed}, or null when there is no such attribute. */
    public String attributeStatus(String databaseId, String collectionId, String key) {
        synchronized (engine) {
            Model.Collection collection = engine.collection(databaseId, collectionId);
            Model.Attribute attribute = collection == null ? null : collection.attributes.get(key);
            return attribute == null ? null : attribute.status;
        }
    }

    public String indexStatus(String databaseId, String collectionId, String key) {
        synchronized (engine) {
            Model.Collection collection = engine.collection(databaseId, collectionId);
            Model.Index index = collection == null ? null : collection.indexes.get(key);
            return index == null ? null : index.status;
        }
    }

    // ---------------------------------------------------------------- lifecycle

    /**
     * Stops the server. Fails with an {@link AssertionError} listing them when spec violations were recorded and
     * not cleared, so a test using the server fails on any.
     */
    @Override
    public void close() {
        wire.close();
        scheduler.shutdownNow();
        assertNoSpecViolations();
    }

    // ---------------------------------------------------------------- request handling

    private HttpWire.Reply handle(HttpWire.WireRequest request) {
        long started = System.nanoTime();
        Instant at = clock.instant();
        String method = request.method();
        String path = request.path();
        List<String> queries = request.query().getOrDefault("queries[]", List.of());
        Map.Entry<Engine.Route, Map<String, String>> route = engine.resolve(method, path);
        String template = route == null ? "(unknown)" : route.getKey().template();
        Fault fault = takeFault(method, path);
        if (fault != null) {
            HttpWire.WireResponse injected = switch (fault.kind()) {
                case DROP_WITHOUT_APPLYING -> null;
                case HTML_ERROR -> new HttpWire.WireResponse(fault.status(), "text/html; charset=UTF-8", Map.of(),
                        ("<html><head><title>" + fault.status() + "</title></head><body><center><h1>" + fault.status()
                                + " Bad Gateway</h1></center><hr><center>nginx</center></body></html>")
                                .getBytes(StandardCharsets.UTF_8));
                case RATE_LIMITED -> error(ApiError.rateLimited(), Map.of(
                        "X-RateLimit-Limit", "60",
                        "X-RateLimit-Remaining", "0",
                        "X-RateLimit-Reset", Long.toString(Instant.now().getEpochSecond() + 60)));
                case DATABASE_TIMEOUT -> error(ApiError.databaseTimeout(), Map.of());
                default -> null;
            };
            if (injected != null || fault.kind() == Fault.Kind.DROP_WITHOUT_APPLYING) {
                logRequest(method, path, template, queries, injected == null ? 0 : injected.status(), at, started, fault);
                return injected == null ? HttpWire.Reply.drop() : new HttpWire.Reply(injected, latency.toMillis());
            }
        }
        HttpWire.WireResponse response = serve(request, route);
        long delay = latency.toMillis();
        if (fault != null && fault.kind() == Fault.Kind.DROP_AFTER_APPLYING) {
            logRequest(method, path, template, queries, 0, at, started, fault);
            return HttpWire.Reply.drop();
        }
        if (fault != null && fault.kind() == Fault.Kind.SLOW) {
            delay += fault.delay().toMillis();
        }
        logRequest(method, path, template, queries, response.status(), at, started, fault);
        return new HttpWire.Reply(response, delay);
    }

    private void logRequest(String method, String path, String template, List<String> queries, int status, Instant at,
            long started, Fault fault) {
        log.add(new LoggedRequest(method, path, template, List.copyOf(queries), status, at, started,
                Duration.ofNanos(System.nanoTime() - started), fault));
    }

    private HttpWire.WireResponse serve(HttpWire.WireRequest request,
            Map.Entry<Engine.Route, Map<String, String>> route) {
        String method = request.method();
        String path = request.path();
        HttpWire.WireResponse response;
        try {
            List<String> problems = validator.validateRequest(method, path, request.query(), request.headers(),
                    bodyForValidation(request.bodyText()));
            problems.forEach(p -> violations.add(new SpecViolation(method, path, "request: " + redact(p))));
            if (route == null) {
                throw SpecRoutes.knows(method, path) ? ApiError.notEmulated(method + " " + path)
                        : ApiError.routeNotFound();
            }
            authenticate(request, route.getKey().template(), method);
            // a request the spec does not allow is recorded (and fails the test when the server closes); it is then
            // answered as Appwrite's own validators would, so tests of those answers still see them
            JsonNode body = Json.object();
            String text = request.bodyText();
            if (text != null && !text.isBlank()) {
                body = Json.parseOrNull(text);
                if (body == null || !body.isObject()) {
                    throw ApiError.argumentInvalid("Invalid JSON body");
                }
            }
            Engine.Call call = new Engine.Call(route.getValue(), request.query(), body);
            Engine.Result result;
            synchronized (engine) {
                try {
                    result = route.getKey().action().run(call);
                } finally {
                    engine.runPendingPromotions();
                }
            }
            response = result.body() == null
                    ? new HttpWire.WireResponse(result.status(), null, Map.of(), new byte[0])
                    : new HttpWire.WireResponse(result.status(), JSON, Map.of(),
                            Json.write(result.body()).getBytes(StandardCharsets.UTF_8));
        } catch (ApiError e) {
            response = error(e, Map.of());
        } catch (RuntimeException e) {
            System.err.println("AppwriteTestServer bug on " + method + " " + path + ": " + e);
            response = error(ApiError.serverBug(e.toString()), Map.of());
        }
        String bodyText = new String(response.body(), StandardCharsets.UTF_8);
        int status = response.status();
        List<String> problems = validator.validateResponse(method, path, status, response.contentType(), bodyText);
        problems.forEach(p -> violations.add(new SpecViolation(method, path, "response " + status + ": "
                + redact(p))));
        return response;
    }

    /** A validator problem may quote request headers: the key never reaches the record. */
    private String redact(String problem) {
        return problem == null ? "" : problem.replace(apiKey, "<redacted key>");
    }

    /** utopia's JSON validator takes {@code data} as a JSON string too: the spec check sees the decoded object. */
    private static String bodyForValidation(String text) {
        if (text == null) {
            return null;
        }
        JsonNode body = Json.parseOrNull(text);
        if (body instanceof ObjectNode object && object.path("data").isTextual()) {
            JsonNode decoded = Json.parseOrNull(object.get("data").textValue());
            if (decoded != null && decoded.isObject()) {
                ObjectNode copy = object.deepCopy();
                copy.set("data", decoded);
                return Json.write(copy);
            }
        }
        return text;
    }

    private void authenticate(HttpWire.WireRequest request, String template, String method) {
        if (!projectId.equals(request.header("x-appwrite-project"))) {
            throw ApiError.projectNotFound();
        }
        String key = request.header("x-appwrite-key");
        if (key == null) {
            String resource = template.contains("/documents") ? "documents"
                    : template.contains("/collections") ? "collections" : "databases";
            throw ApiError.missingScope(resource + (method.equals("GET") ? ".read" : ".write"));
        }
        if (!apiKey.equals(key)) {
            throw ApiError.unauthorized();
        }
    }

    private static HttpWire.WireResponse error(ApiError error, Map<String, String> headers) {
        ObjectNode body = Json.object();
        body.put("message", error.getMessage());
        body.put("code", error.status());
        body.put("type", error.type());
        body.put("version", VERSION);
        return new HttpWire.WireResponse(error.status(), JSON, headers,
                Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    /** The path templates of the 1.6 spec, to tell "not emulated" (501) from "no such route" (404). */
    private static final class SpecRoutes {
        private static final List<Map.Entry<String, Pattern>> ROUTES = load();

        static boolean knows(String method, String path) {
            return ROUTES.stream().anyMatch(r -> r.getKey().equalsIgnoreCase(method)
                    && r.getValue().matcher(path).matches());
        }

        private static List<Map.Entry<String, Pattern>> load() {
            try (InputStream in = AppwriteTestServer.class.getResourceAsStream(
                    "/appwrite/open-api3-1.6.x-server.json")) {
                if (in == null) {
                    return List.of();
                }
                JsonNode paths = Json.MAPPER.readTree(in).path("paths");
                List<Map.Entry<String, Pattern>> routes = new ArrayList<>();
                paths.fields().forEachRemaining(entry -> {
                    String regex = "/v1" + entry.getKey().replaceAll("\\{[^/}]+}", "[^/]+");
                    entry.getValue().fieldNames().forEachRemaining(m -> routes.add(Map.entry(m, Pattern.compile(regex))));
                });
                return routes;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
