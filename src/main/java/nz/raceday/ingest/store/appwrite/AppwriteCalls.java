package nz.raceday.ingest.store.appwrite;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

import io.appwrite.Client;
import io.appwrite.exceptions.AppwriteException;
import io.appwrite.services.Databases;
import io.github.resilience4j.core.IntervalFunction;
import kotlin.coroutines.Continuation;
import kotlin.coroutines.EmptyCoroutineContext;
import kotlin.jvm.functions.Function2;
import kotlinx.coroutines.CoroutineScope;
import kotlinx.coroutines.CoroutineStart;
import kotlinx.coroutines.GlobalScope;
import kotlinx.coroutines.future.FutureKt;
import okhttp3.OkHttpClient;

/**
 * Every call to Appwrite goes through here. The Kotlin SDK is awkward from Java in ways that lose data or hang
 * (appwrite-notes §1), and each has an answer in this class:
 * <ul>
 * <li>Service methods are suspend functions declaring a checked exception: they are run as a
 *     {@link CompletableFuture} through {@code FutureKt.future}, which delivers synchronous and asynchronous failures
 *     alike.</li>
 * <li>The SDK can leave a caller waiting forever (a parse error inside OkHttp's callback is never reported): every
 *     wait is bounded by the call timeout plus a grace period, on top of OkHttp's own call timeout, which the SDK does
 *     not set.</li>
 * <li>OkHttp allows five requests per host: raised to {@code appwrite.concurrency}, which a semaphore also enforces
 *     for our callers.</li>
 * <li>5xx, 408, 429 and network errors are retried with exponential backoff (resilience4j's {@link IntervalFunction}:
 *     {@code appwrite.retry-backoff} doubling per retry, at most {@link #MAX_BACKOFF}, 10 s, so that a call with
 *     its retries stays within a poll interval). OkHttp may also re-send a POST by itself after a dropped connection;
 *     callers treat a 409 on create as "check whether it is ours".</li>
 * <li>The OkHttp dispatcher thread is not a daemon and idles for 60 s: {@link #close()} shuts it down so the JVM
 *     exits at once.</li>
 * <li>The API key lives only inside the SDK's client; messages of failures have it redacted in case a proxy echoes
 *     it, and nothing here logs requests or the client's configuration.</li>
 * </ul>
 */
public final class AppwriteCalls implements AutoCloseable {

    /** One SDK service call: {@code (databases, continuation) -> databases.getDocument(db, col, id, continuation)}. */
    @FunctionalInterface
    public interface SuspendCall<T> {
        Object call(Databases databases, Continuation<? super T> continuation) throws Exception;
    }

    /** Waits between retries; replaced in tests (the store-level {@link nz.raceday.ingest.store.Sleeper}). */
    @FunctionalInterface
    public interface Sleeper extends nz.raceday.ingest.store.Sleeper {

        /** Really waits: the thread sleeps. */
        Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());
    }

    /** On top of the call timeout OkHttp enforces, for the SDK's own processing. */
    private static final long GRACE_MS = 2_000;
    /** The longest wait between two attempts of one call. */
    static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    private static final int MAX_MESSAGE = 300;

    private final Client client;
    private final Databases databases;
    private final OkHttpClient http;
    private final Duration callTimeout;
    private final int maxRetries;
    private final IntervalFunction backoff;
    private final Semaphore permits;
    private final int concurrency;
    private final String apiKey;
    private final Sleeper sleeper;
    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public AppwriteCalls(AppwriteSettings settings) {
        this(settings, Sleeper.THREAD);
    }

    public AppwriteCalls(AppwriteSettings settings, Sleeper sleeper) {
        this.callTimeout = settings.callTimeout();
        this.maxRetries = settings.maxRetries();
        this.backoff = IntervalFunction.ofExponentialBackoff(settings.retryBackoff(), 2.0, MAX_BACKOFF);
        this.concurrency = Math.max(1, settings.concurrency());
        this.permits = new Semaphore(concurrency, true);
        this.apiKey = settings.apiKey();
        this.sleeper = sleeper;
        this.client = new Client(settings.endpoint());
        client.setProject(settings.projectId());
        client.setKey(settings.apiKey());
        Duration connectTimeout = callTimeout.compareTo(Duration.ofSeconds(10)) < 0 ? callTimeout : Duration.ofSeconds(10);
        // set after any setSelfSigned (never used here), which would replace the client
        this.http = client.getHttp().newBuilder()
                .callTimeout(callTimeout)
                .connectTimeout(connectTimeout)
                .readTimeout(callTimeout)
                .writeTimeout(callTimeout)
                .build();
        http.dispatcher().setMaxRequestsPerHost(concurrency);
        http.dispatcher().setMaxRequests(Math.max(64, concurrency));
        client.setHttp(http);
        this.databases = new Databases(client);
    }

    /**
     * Runs a call, retrying transient failures ({@link AppwriteFailure#isTransient()}) up to the configured number
     * of times with exponential backoff.
     *
     * @param operation the SDK method, for counting and messages ({@code createDocument})
     * @param target    what it acts on, for messages ({@code races/<id>})
     * @throws AppwriteFailure when the call fails for good or runs out of retries
     */
    public <T> T call(String operation, String target, SuspendCall<T> call) {
        AppwriteFailure last = null;
        for (int attempt = 0; attempt <= maxRetries; attempt++) {
            if (attempt > 0) {
                pause(Duration.ofMillis(backoff.apply(attempt)));
            }
            try {
                return once(operation, target, call);
            } catch (AppwriteFailure failure) {
                if (!failure.isTransient() || closed) {
                    throw failure;
                }
                last = failure;
            }
        }
        throw last;
    }

    /** Runs a call once, without retries. */
    public <T> T once(String operation, String target, SuspendCall<T> call) {
        if (closed) {
            throw new AppwriteFailure(AppwriteFailure.Kind.UNAVAILABLE, 0, null,
                    "Appwrite " + operation + " " + target + " not sent: the store is closed", null);
        }
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AppwriteFailure(AppwriteFailure.Kind.UNAVAILABLE, 0, null,
                    "Appwrite " + operation + " " + target + " interrupted", e);
        }
        try {
            requests.computeIfAbsent(operation, k -> new LongAdder()).increment();
            CompletableFuture<T> future = future(call);
            try {
                return future.get(callTimeout.toMillis() + GRACE_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                future.cancel(true);
                throw new AppwriteFailure(AppwriteFailure.Kind.UNAVAILABLE, 0, null, "Appwrite " + operation + " "
                        + target + " failed: no answer within " + (callTimeout.toMillis() + GRACE_MS) + " ms", null);
            } catch (ExecutionException e) {
                throw translate(operation, target, e.getCause());
            } catch (CancellationException e) {
                throw translate(operation, target, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                future.cancel(true);
                throw new AppwriteFailure(AppwriteFailure.Kind.UNAVAILABLE, 0, null,
                        "Appwrite " + operation + " " + target + " interrupted", null);
            }
        } finally {
            permits.release();
        }
    }

    @SuppressWarnings("unchecked")
    private <T> CompletableFuture<T> future(SuspendCall<T> call) {
        Function2<CoroutineScope, Continuation<? super T>, Object> block = (scope, continuation) -> {
            try {
                return call.call(databases, continuation);
            } catch (Exception e) {
                throw AppwriteCalls.<RuntimeException>sneaky(e);
            }
        };
        return FutureKt.future(GlobalScope.INSTANCE, EmptyCoroutineContext.INSTANCE, CoroutineStart.DEFAULT, block);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable e) throws E {
        throw (E) e;
    }

    private AppwriteFailure translate(String operation, String target, Throwable cause) {
        String prefix = "Appwrite " + operation + " " + target + " failed: ";
        if (cause instanceof AppwriteException e) {
            int code = e.getCode() == null ? 0 : e.getCode();
            String type = e.getType();
            String text = (code > 0 ? "HTTP " + code + " " : "") + (type == null ? "" : type + ": ") + compact(e.getMessage());
            return new AppwriteFailure(AppwriteFailure.kindOf(code), code, type, redact(prefix + text), null);
        }
        if (cause instanceof IOException || cause instanceof CancellationException) {
            return new AppwriteFailure(AppwriteFailure.Kind.UNAVAILABLE, 0, null,
                    redact(prefix + cause.getClass().getSimpleName() + ": " + compact(cause.getMessage())), null);
        }
        return new AppwriteFailure(AppwriteFailure.Kind.REJECTED, 0, null,
                redact(prefix + cause.getClass().getName() + ": " + compact(cause.getMessage())), null);
    }

    /** One line, at most a few hundred characters: an HTML error page from a proxy must not flood the log. */
    private static String compact(String message) {
        if (message == null) {
            return "(no message)";
        }
        String oneLine = message.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= MAX_MESSAGE ? oneLine : oneLine.substring(0, MAX_MESSAGE) + "...";
    }

    private String redact(String message) {
        return apiKey == null || apiKey.isEmpty() ? message : message.replace(apiKey, "[redacted]");
    }

    private void pause(Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AppwriteFailure(AppwriteFailure.Kind.UNAVAILABLE, 0, null, "Appwrite retry interrupted", e);
        }
    }

    /** Requests sent so far (each attempt counts), by SDK method. */
    public Map<String, Long> requestCounts() {
        Map<String, Long> counts = new TreeMap<>();
        requests.forEach((operation, count) -> counts.put(operation, count.sum()));
        return counts;
    }

    /** All requests sent so far. */
    public long requestCount() {
        return requests.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Calls allowed in flight at once ({@code appwrite.concurrency}). */
    public int concurrency() {
        return concurrency;
    }

    /** Calls running right now. */
    public int inFlight() {
        return concurrency - permits.availablePermits();
    }

    /** Cancels what is running and stops OkHttp's threads and pooled connections, so the JVM can exit at once. */
    @Override
    public void close() {
        closed = true;
        http.dispatcher().cancelAll();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
