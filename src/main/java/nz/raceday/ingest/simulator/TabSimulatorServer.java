package nz.raceday.ingest.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The simulated NZ TAB affiliates API over real HTTP, on 127.0.0.1 only (never on other interfaces): serves
 * {@link SimulatedPayloads} rendered for {@code clock.instant()} at the moment each request arrives (tests pass a
 * clock they move; the CLI passes the system clock), adds the configured latency to every response and injects
 * faults.
 *
 * <p>Faults are drawn per request from (seed, method + path + query, how many times that exact request has been
 * seen before), so which request fails does not depend on thread interleaving and a run is reproducible. With
 * {@code u} that uniform draw: {@code u < errorRate} answers 500, 502 or 503; the next {@code timeoutRate} of the
 * interval holds the request for {@code timeoutHold} and then answers normally (released at once by
 * {@link #close()}); the next {@code throttleRate} answers 429 with {@code Retry-After: retryAfterSeconds} and
 * starts a burst: the next {@code throttleBurst} requests, whatever they are, also get 429 (a burst follows arrival
 * order, so it is reproducible only for sequential clients); the next {@code malformedRate} answers 200 with a
 * truncated JSON body.
 *
 * <p>Waiting (latency, holds) uses a scheduler, never a sleeping thread: the handler pool stays free for the next
 * requests, so dozens of requests can be in flight at once. Every response carries {@code Connection: close} (see
 * {@code send}): without it each response on a kept-alive connection would be ~40 ms late.
 */
public final class TabSimulatorServer implements AutoCloseable {

    private static final long K_FAULT = SimRandom.label("fault");
    private static final long K_FAULT_DETAIL = SimRandom.label("fault-detail");
    private static final int WORKERS = 32;

    private final SimulatedDay day;
    private final SimulatorSettings settings;
    private final Clock clock;
    private final SimulatedPayloads payloads;
    private final HttpServer server;
    private final ExecutorService workers;
    private final ScheduledExecutorService scheduler;
    private final Map<String, AtomicLong> seen = new ConcurrentHashMap<>();
    private final AtomicInteger burstRemaining = new AtomicInteger();
    private final AtomicLong requests = new AtomicLong();
    private final Map<FaultKind, AtomicLong> faults = new EnumMap<>(FaultKind.class);
    private final Set<Pending> pending = ConcurrentHashMap.newKeySet();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();

    private TabSimulatorServer(SimulatedDay day, SimulatorSettings settings, Clock clock, int port) {
        this.day = day;
        this.settings = settings;
        this.clock = clock;
        this.payloads = new SimulatedPayloads(day);
        for (FaultKind kind : FaultKind.values()) {
            faults.put(kind, new AtomicLong());
        }
        this.workers = Executors.newFixedThreadPool(WORKERS, daemon("tab-simulator-"));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("tab-simulator-timer-"));
        try {
            InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
            this.server = HttpServer.create(new InetSocketAddress(loopback, port), 256);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("127.0.0.1 is always a valid address", e);
        } catch (IOException e) {
            workers.shutdownNow();
            scheduler.shutdownNow();
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Starts serving a day.
     *
     * @param settings latency and faults to apply (usually the day's own settings)
     * @param clock    the time responses are rendered for
     * @param port     the loopback port, 0 for any free one
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static TabSimulatorServer start(SimulatedDay day, SimulatorSettings settings, Clock clock, int port) {
        return new TabSimulatorServer(day, settings, clock, port);
    }

    /** {@code http://127.0.0.1:<port>}: the value for {@code TAB_BASE_URL}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public SimulatedDay day() {
        return day;
    }

    /** Requests received so far, faulted ones included. */
    public long requestCount() {
        return requests.get();
    }

    /** Requests answered with this kind of fault so far (429s of a burst included). */
    public long faultCount(FaultKind kind) {
        return faults.get(kind).get();
    }

    /** Every fault count, by kind. */
    public Map<FaultKind, Long> faultCounts() {
        Map<FaultKind, Long> counts = new EnumMap<>(FaultKind.class);
        faults.forEach((kind, count) -> counts.put(kind, count.get()));
        return counts;
    }

    /** The most requests that were in progress (received, not yet answered) at the same moment. */
    public int maxConcurrentRequests() {
        return maxInFlight.get();
    }

    /** Stops serving; requests being held (latency, timeouts) are answered at once first. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (Pending held : pending) {
            held.release();
        }
        // stop(0) would cut the connections before the server's dispatcher has finished the answers just sent (the
        // client then sees a reset); stop(1) returns as soon as they are finished, at most 1 s later
        server.stop(1);
        scheduler.shutdownNow();
        workers.shutdownNow();
    }

    // ---------------------------------------------------------------- handling

    private record Reply(int status, String contentType, String retryAfter, byte[] body) {
    }

    /** A response waiting for its time; sent exactly once, by the timer or by close(). */
    private final class Pending {
        private final HttpExchange exchange;
        private final Reply reply;
        private final AtomicBoolean done = new AtomicBoolean();
        private volatile ScheduledFuture<?> timer;

        Pending(HttpExchange exchange, Reply reply) {
            this.exchange = exchange;
            this.reply = reply;
        }

        void release() {
            if (done.compareAndSet(false, true)) {
                ScheduledFuture<?> t = timer;
                if (t != null) {
                    t.cancel(false);
                }
                pending.remove(this);
                send(exchange, reply);
            }
        }
    }

    private void handle(HttpExchange exchange) {
        requests.incrementAndGet();
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            Instant now = clock.instant();
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String rawQuery = exchange.getRequestURI().getRawQuery();
            String key = method + " " + path + (rawQuery == null ? "" : "?" + rawQuery);
            long occurrence = seen.computeIfAbsent(key, k -> new AtomicLong()).getAndIncrement();
            FaultKind fault = drawFault(key, occurrence);
            Reply reply = reply(fault, key, occurrence, method, path, rawQuery, now);
            if (fault != null) {
                faults.get(fault).incrementAndGet();
            }
            Duration delay = settings.latency();
            if (fault == FaultKind.TIMEOUT) {
                delay = delay.plus(settings.timeoutHold());
            }
            if (delay.isZero()) {
                send(exchange, reply);
                return;
            }
            Pending held = new Pending(exchange, reply);
            pending.add(held);
            if (closed.get()) {
                held.release();
                return;
            }
            try {
                // the timer only hands the reply to a worker: a slow client must not hold up other replies
                held.timer = scheduler.schedule(() -> dispatch(held), delay.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                held.release();
            }
        } catch (RuntimeException e) {
            send(exchange, new Reply(500, "application/json", null,
                    payloads.error(500, "Internal Server Error", exchange.getRequestURI().toString(), clock.instant(),
                            "simulator failure: " + e, "INTERNAL").body()));
        }
    }

    private void dispatch(Pending held) {
        try {
            workers.execute(held::release);
        } catch (RejectedExecutionException e) {
            held.release();
        }
    }

    /** Which fault, if any, this request gets (see the class comment). */
    private FaultKind drawFault(String key, long occurrence) {
        if (burstRemaining.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            return FaultKind.THROTTLED;
        }
        if (settings.totalFaultRate() == 0) {
            return null;
        }
        double u = SimRandom.unit(settings.seed(), K_FAULT, SimRandom.label(key), occurrence);
        double bound = settings.errorRate();
        if (u < bound) {
            return FaultKind.SERVER_ERROR;
        }
        bound += settings.timeoutRate();
        if (u < bound) {
            return FaultKind.TIMEOUT;
        }
        bound += settings.throttleRate();
        if (u < bound) {
            burstRemaining.accumulateAndGet(settings.throttleBurst(), Math::max);
            return FaultKind.THROTTLED;
        }
        bound += settings.malformedRate();
        if (u < bound) {
            return FaultKind.MALFORMED;
        }
        return null;
    }

    private Reply reply(FaultKind fault, String key, long occurrence, String method, String path, String rawQuery,
            Instant now) {
        String url = path + (rawQuery == null ? "" : "?" + rawQuery);
        double detail = SimRandom.unit(settings.seed(), K_FAULT_DETAIL, SimRandom.label(key), occurrence);
        if (fault == FaultKind.SERVER_ERROR) {
            int status = detail < 1.0 / 3 ? 500 : detail < 2.0 / 3 ? 502 : 503;
            if (status == 500) {
                return json(payloads.error(500, "Internal Server Error", url, now, "internal error",
                        "INTERNAL"));
            }
            // gateway errors come from the proxy in front of the API, as HTML
            String title = status == 502 ? "502 Bad Gateway" : "503 Service Temporarily Unavailable";
            String html = "<html><head><title>" + title + "</title></head><body><center><h1>" + title
                    + "</h1></center></body></html>";
            return new Reply(status, "text/html", null, html.getBytes(StandardCharsets.UTF_8));
        }
        if (fault == FaultKind.THROTTLED) {
            SimulatedPayloads.Response error = payloads.error(429, "Too Many Requests", url, now,
                    "rate limit exceeded", "TOO_MANY_REQUESTS");
            return new Reply(429, "application/json", Integer.toString(settings.retryAfterSeconds()), error.body());
        }
        if (!method.equals("GET")) {
            return json(payloads.error(405, "Method Not Allowed", url, now, "only GET is supported",
                    "METHOD_NOT_ALLOWED"));
        }
        SimulatedPayloads.Response response = payloads.get(path, rawQuery, now);
        if (fault == FaultKind.MALFORMED) {
            byte[] body = response.body();
            // cut somewhere in the middle: a proper prefix of a JSON object never parses
            int cut = Math.max(1, (int) (body.length * (0.25 + 0.5 * detail)));
            return new Reply(200, "application/json", null, Arrays.copyOf(body, Math.min(cut, body.length - 1)));
        }
        return json(response);
    }

    private static Reply json(SimulatedPayloads.Response response) {
        return new Reply(response.status(), "application/json", null, response.body());
    }

    private void send(HttpExchange exchange, Reply reply) {
        try {
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            // The JDK server writes headers and body in two writes; on a kept-alive connection Nagle's algorithm then
            // waits for the client's delayed ACK and adds ~40 ms to every response (sun.net.httpserver.nodelay would
            // fix it, but it is read once per JVM). A fresh loopback connection per request costs well under 1 ms.
            exchange.getResponseHeaders().set("Connection", "close");
            if (reply.retryAfter() != null) {
                exchange.getResponseHeaders().set("Retry-After", reply.retryAfter());
            }
            exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
            if (reply.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(reply.body());
                }
            }
        } catch (IOException e) {
            // the client went away (for example it timed out first); nothing to answer to
        } finally {
            exchange.close();
            inFlight.decrementAndGet();
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
