package nz.raceday.ingest.testsupport.appwrite;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.appwrite.Client;
import io.appwrite.exceptions.AppwriteException;
import io.appwrite.services.Databases;
import kotlin.coroutines.Continuation;
import kotlin.coroutines.EmptyCoroutineContext;
import kotlinx.coroutines.CoroutineStart;
import kotlinx.coroutines.GlobalScope;
import kotlinx.coroutines.future.FutureKt;

/**
 * Test-only bridge from Java to the SDK's suspend functions (appwrite-notes §1.3 (c)): a {@link CompletableFuture}
 * per call, always awaited with a bound so an SDK hang (§1.4) fails the test instead of stalling it.
 */
public final class SdkCalls {

    /** How long a call may take before the test fails. */
    public static final Duration TIMEOUT = Duration.ofSeconds(15);

    /** A suspend SDK call as Java sees it. */
    @FunctionalInterface
    public interface SuspendCall<T> {
        Object call(Continuation<? super T> continuation) throws Exception;
    }

    private SdkCalls() {
    }

    /** A client configured for the server (endpoint, project, key). */
    public static Client client(AppwriteTestServer server) {
        return new Client().setEndpoint(server.endpoint()).setProject(server.projectId()).setKey(server.apiKey());
    }

    public static Databases databases(Client client) {
        return new Databases(client);
    }

    /** Releases OkHttp's threads and pooled connections (appwrite-notes §1.6). */
    public static void shutdown(Client client) {
        client.getHttp().dispatcher().executorService().shutdown();
        client.getHttp().connectionPool().evictAll();
    }

    @SuppressWarnings("unchecked")
    public static <T> CompletableFuture<T> future(SuspendCall<T> call) {
        return (CompletableFuture<T>) FutureKt.future(GlobalScope.INSTANCE, EmptyCoroutineContext.INSTANCE,
                CoroutineStart.DEFAULT, (scope, continuation) -> {
                    try {
                        return call.call((Continuation<? super T>) continuation);
                    } catch (Exception e) {
                        throw sneaky(e);
                    }
                });
    }

    /** The call's result; its failure rethrown as is (AppwriteException, IOException, ...), unchecked. */
    public static <T> T await(SuspendCall<T> call) {
        try {
            return future(call).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw sneaky(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("SDK call did not complete within " + TIMEOUT + " (an SDK hang?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The failure of a call that must fail. */
    public static Throwable failure(SuspendCall<?> call) {
        try {
            Object result = future(call).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("expected the call to fail, it returned " + result);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("SDK call did not complete within " + TIMEOUT + " (an SDK hang?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The AppwriteException of a call that must fail with one. */
    public static AppwriteException appwriteError(SuspendCall<?> call) {
        Throwable failure = failure(call);
        if (failure instanceof AppwriteException e) {
            return e;
        }
        throw new AssertionError("expected an AppwriteException, got " + failure, failure);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable e) throws E {
        throw (E) e;
    }
}
