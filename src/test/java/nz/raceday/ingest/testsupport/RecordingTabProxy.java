package nz.raceday.ingest.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback HTTP proxy in front of a TAB API (the simulator, say) that notes who asked for what and when: every
 * request's arrival time, {@code X-Partner-ID} header and resource (the path below {@code /affiliates/v1/racing/}),
 * so a test with several instances (each with its own partner id) can attribute every TAB request.
 */
public final class RecordingTabProxy implements AutoCloseable {

    private static final String PREFIX = "/affiliates/v1/racing/";

    /** One request as it arrived. */
    public record Request(Instant at, String partnerId, String resource) {
    }

    private final String upstream;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    /** @param upstream base URL of the API to forward to, such as {@code http://127.0.0.1:1234} */
    public RecordingTabProxy(String upstream) {
        this.upstream = upstream;
        server = LoopbackHttp.serve(this::handle, executor);
    }

    /** Base URL to configure as {@code tab.base-url}. */
    public String baseUrl() {
        return LoopbackHttp.baseUrl(server);
    }

    /** Every request so far, in arrival order. */
    public List<Request> requests() {
        return new ArrayList<>(requests);
    }

    /** Forgets the requests so far. */
    public void clear() {
        requests.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Instant at = Instant.now();
        String path = exchange.getRequestURI().getPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        requests.add(new Request(at, exchange.getRequestHeaders().getFirst("X-Partner-ID"),
                path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : path));
        try {
            HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(upstream + path
                    + (rawQuery == null ? "" : "?" + rawQuery))).timeout(Duration.ofSeconds(30));
            forward.method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.noBody());
            HttpResponse<byte[]> response = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            for (String header : List.of("Content-Type", "Retry-After")) {
                response.headers().firstValue(header).ifPresent(v -> exchange.getResponseHeaders().add(header, v));
            }
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            exchange.sendResponseHeaders(502, -1);
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
