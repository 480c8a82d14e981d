package nz.raceday.ingest.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on loopback that plays the NZ TAB affiliates API from the recorded fixtures, records every
 * request (path, query, headers) and injects faults: error statuses (with headers such as {@code Retry-After}),
 * malformed bodies and responses that never come (released when the server closes).
 */
public final class TabTestServer implements AutoCloseable {

    private static final String PREFIX = "/affiliates/v1/racing/";

    /** One request as received. Header names are lower-cased. */
    public record Request(String method, String path, Map<String, String> query, Map<String, List<String>> headers) {

        /** The path below {@code /affiliates/v1/racing/}. */
        public String resource() {
            return path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : path;
        }

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** A canned answer. */
    public record Response(int status, Map<String, String> headers, byte[] body, boolean hangs) {

        public static Response status(int status) {
            return new Response(status, Map.of(), "{\"header\":{\"error\":\"injected\"}}".getBytes(StandardCharsets.UTF_8),
                    false);
        }

        public static Response status(int status, String headerName, String headerValue) {
            return new Response(status, Map.of(headerName, headerValue), new byte[0], false);
        }

        public static Response json(byte[] body) {
            return new Response(200, Map.of(), body, false);
        }

        /** A 200 whose body is not JSON (an HTML error page, as proxies send). */
        public static Response malformed() {
            return new Response(200, Map.of(), "<html><body>Bad gateway</body></html>".getBytes(StandardCharsets.UTF_8),
                    false);
        }

        /** No answer at all until the server closes: the client must time out. */
        public static Response hang() {
            return new Response(0, Map.of(), new byte[0], true);
        }
    }

    private record Fault(Predicate<Request> matches, Response response, boolean always, AtomicInteger remaining) {

        boolean applies(Request request) {
            return matches.test(request) && (always || remaining.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0);
        }
    }

    private final TabFixtures fixtures;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> meetingsOverride = new ConcurrentHashMap<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile long latencyMillis;

    public TabTestServer(TabFixtures fixtures) {
        this.fixtures = fixtures;
        server = LoopbackHttp.serve(this::handle, executor);
    }

    /** Base URL to configure as {@code tab.base-url}. */
    public String baseUrl() {
        return LoopbackHttp.baseUrl(server);
    }

    /** Answers matching requests with the response, {@code times} times (-1 for always). First match wins. */
    public TabTestServer fault(Predicate<Request> matches, Response response, int times) {
        faults.add(new Fault(matches, response, times < 0, new AtomicInteger(Math.max(times, 0))));
        return this;
    }

    /** Faults every request for the event of this race. */
    public TabTestServer failEvent(String raceId, Response response) {
        return fault(r -> r.resource().equals("events/" + raceId), response, -1);
    }

    /** Holds every response this long before answering (a slow TAB). */
    public TabTestServer latency(java.time.Duration latency) {
        this.latencyMillis = latency.toMillis();
        return this;
    }

    /** The most requests the server was answering at the same moment. */
    public int maxConcurrentRequests() {
        return maxInFlight.get();
    }

    /** Serves this body for every meetings request instead of the paged fixture. */
    public TabTestServer meetingsBody(byte[] body) {
        meetingsOverride.put("body", body);
        return this;
    }

    public List<Request> requests() {
        return Collections.unmodifiableList(new ArrayList<>(requests));
    }

    public List<Request> requestsFor(String resourcePrefix) {
        return requests.stream().filter(r -> r.resource().startsWith(resourcePrefix)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                query(exchange.getRequestURI().getRawQuery()), headers(exchange));
        requests.add(request);
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        boolean counted = true;
        try {
            if (latencyMillis > 0) {
                // server-side latency; ends early when the server closes
                closing.await(latencyMillis, TimeUnit.MILLISECONDS);
            }
            Response response = respond(request);
            if (response.hangs()) {
                // hold the connection open without answering; released when the test ends
                closing.await(60, TimeUnit.SECONDS);
                return;
            }
            // no longer in flight once the answer starts: the client may send its next request as soon as it has it
            inFlight.decrementAndGet();
            counted = false;
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
            if (response.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (counted) {
                inFlight.decrementAndGet();
            }
            exchange.close();
        }
    }

    private Response respond(Request request) {
        for (Fault fault : faults) {
            if (fault.applies(request)) {
                return fault.response();
            }
        }
        if (!request.method().equals("GET")) {
            return Response.status(405);
        }
        String resource = request.resource();
        if (resource.equals("meetings")) {
            byte[] override = meetingsOverride.get("body");
            if (override != null) {
                return Response.json(override);
            }
            int limit = Integer.parseInt(request.query().getOrDefault("limit", "100"));
            int offset = Integer.parseInt(request.query().getOrDefault("offset", "0"));
            return Response.json(fixtures.meetingsPage(limit, offset));
        }
        if (resource.startsWith("events/")) {
            byte[] event = fixtures.event(resource.substring("events/".length()));
            return event == null ? Response.status(404) : Response.json(event);
        }
        return Response.status(404);
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.put(key, value);
        }
        return query;
    }

    private static Map<String, List<String>> headers(HttpExchange exchange) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        return headers;
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
