package nz.raceday.ingest.journal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A TAB stand-in on loopback that answers from the journal: each request gets the next journaled response to the
 * same path and query, in recorded order (status, {@code Retry-After}, body bytes as received), and the clock is
 * set to that response's received-at instant before it is answered. A request the journal has no response for is
 * answered 404 and reported.
 */
public final class JournalStandIn implements AutoCloseable {

    private static final String PREFIX = "/affiliates/v1/racing/";

    private final Map<String, Deque<JournalEntry>> responses = new ConcurrentHashMap<>();
    private final Consumer<Instant> setClock;
    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(32, r -> {
        Thread thread = new Thread(r, "journal-stand-in");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong served = new AtomicLong();
    private final List<String> unmatched = new CopyOnWriteArrayList<>();
    private final int total;

    private JournalStandIn(List<JournalEntry> entries, Consumer<Instant> setClock) {
        this.setClock = setClock;
        for (JournalEntry entry : entries) {
            responses.computeIfAbsent(entry.request(), k -> new ConcurrentLinkedDeque<>()).add(entry);
        }
        this.total = entries.size();
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0),
                    256);
        } catch (IOException e) {
            workers.shutdownNow();
            throw new UncheckedIOException("cannot listen on loopback", e);
        }
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
    }

    public static JournalStandIn start(List<JournalEntry> entries, Consumer<Instant> setClock) {
        return new JournalStandIn(entries, setClock);
    }

    /** The base URL to set as {@code tab.base-url}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public long served() {
        return served.get();
    }

    public int total() {
        return total;
    }

    /** Requests the journal had no response for. */
    public List<String> unmatched() {
        return List.copyOf(unmatched);
    }

    /** Journaled responses no request asked for, as {@code request (received-at)}. */
    public List<String> unused() {
        List<String> unused = new ArrayList<>();
        responses.forEach((request, left) -> left.forEach(e -> unused.add(request + " (" + e.receivedAt() + ")")));
        unused.sort(null);
        return unused;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            String relative = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : path;
            String request = query == null || query.isEmpty() ? relative : relative + "?" + query;
            Deque<JournalEntry> queue = responses.get(request);
            JournalEntry entry = queue == null ? null : queue.pollFirst();
            if (entry == null) {
                unmatched.add(request);
                byte[] body = "{\"error\":\"no journaled response\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(404, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            setClock.accept(entry.receivedAt());
            served.incrementAndGet();
            if (entry.noResponse()) {
                failLikeRecorded(entry);
                return;
            }
            byte[] body = entry.body().get();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            if (entry.retryAfter() != null) {
                exchange.getResponseHeaders().set("Retry-After", entry.retryAfter());
            }
            exchange.sendResponseHeaders(entry.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /**
     * A request that got no response: a timeout is held past the client's read timeout (the replay sets it short),
     * any other failure is a connection closed without an answer.
     */
    private static void failLikeRecorded(JournalEntry entry) {
        if (entry.failure() != null && entry.failure().contains("Timeout")) {
            try {
                Thread.sleep(HOLD.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** How long a journaled timeout is held: longer than any client read timeout a replay uses. */
    static final java.time.Duration HOLD = java.time.Duration.ofSeconds(5);

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
