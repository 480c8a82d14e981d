package nz.raceday.ingest.testsupport.appwrite;

import static nz.raceday.ingest.testsupport.appwrite.SdkCalls.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.appwrite.Client;
import io.appwrite.exceptions.AppwriteException;
import io.appwrite.models.Document;
import io.appwrite.models.DocumentList;
import io.appwrite.services.Databases;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every fault kind, proven with the real SDK 6.1.0 (and OkHttp's own behaviour on dropped connections). */
class AppwriteTestServerFaultsTest extends AppwriteServerTestBase {

    private static final String COL = "col1";
    private static final String DOCS = "/v1/databases/{databaseId}/collections/{collectionId}/documents";

    @BeforeEach
    void schema() {
        createDatabase();
        createCollection(COL);
        await(c -> databases.createStringAttribute(DB, COL, "title", 20L, false, c));
    }

    @Test
    void anHtmlErrorPageArrivesAsAnAppwriteExceptionWithoutType() {
        server.failNext(Fault.htmlError(502));
        AppwriteException e = error(c -> databases.getDocument(DB, COL, "x", c));
        assertThat(e.getCode()).isEqualTo(502);
        assertThat(e.getType()).isNull();
        assertThat(e.getMessage()).contains("<html>");
        assertThat(server.requestLog().get(server.requestLog().size() - 1).fault()).isEqualTo(Fault.htmlError(502));
        assertThat(error(c -> databases.getDocument(DB, COL, "x", c)).getCode()).isEqualTo(404); // one-shot
    }

    @Test
    void aSlowAnswerTimesOutAClientWithAShortReadTimeoutWithoutBlockingOthers() {
        Client impatient = newClient();
        impatient.setHttp(impatient.getHttp().newBuilder().readTimeout(Duration.ofMillis(300)).build());
        Databases impatientDatabases = new Databases(impatient);
        try {
            // held back longer than any test runs (the server's close interrupts it)
            server.failNext(Fault.slow(Duration.ofHours(1)), 1, "GET", "/documents/slow$");
            CompletableFuture<Document<Map<String, Object>>> slow = SdkCalls.future(c ->
                    impatientDatabases.getDocument(DB, COL, "slow", c));
            // at-most is a timeout for a loaded machine, not a measurement
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> server.requestLog().stream()
                    .anyMatch(r -> r.method().equals("GET") && r.path().endsWith("/documents/slow")));
            // another request is served while the slow one is held back: it is answered, not queued behind an hour
            assertThat(create(COL, "fast", Map.of("title", "t")).getId()).isEqualTo("fast");
            assertThat(slow).failsWithin(60, TimeUnit.SECONDS).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .withCauseInstanceOf(SocketTimeoutException.class);
        } finally {
            SdkCalls.shutdown(impatient);
        }
        server.failNext(Fault.slow(Duration.ofMillis(200)));
        long started = System.nanoTime();
        assertThat(get(COL, "fast").getId()).isEqualTo("fast");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void applyThenDropOnAPooledConnectionMakesOkHttpResendThePostWhichGets409() {
        await(c -> databases.listDocuments(DB, COL, c)); // leaves a pooled keep-alive connection
        server.resetRequestLog();
        server.failNext(Fault.dropAfterApplying(), 1, "POST", "/documents$");
        AppwriteException e = error(c -> databases.createDocument(DB, COL, "doc1", Map.of("title", "t"), c));
        assertThat(e.getCode()).isEqualTo(409);
        assertThat(e.getType()).isEqualTo("document_already_exists");
        assertThat(server.count("POST", DOCS)).isEqualTo(2); // one SDK call, two POSTs: OkHttp's silent retry
        assertThat(server.requestLog()).extracting(AppwriteTestServer.LoggedRequest::status).containsExactly(0, 409);
        assertThat(server.documents(DB, COL)).hasSize(1);
    }

    @Test
    void dropWithoutApplyingOnAPooledConnectionIsSilentlyRetriedAndSucceeds() {
        await(c -> databases.listDocuments(DB, COL, c));
        server.resetRequestLog();
        server.failNext(Fault.dropWithoutApplying(), 1, "POST", null);
        assertThat(create(COL, "doc1", Map.of("title", "t")).getId()).isEqualTo("doc1");
        assertThat(server.requestLog()).extracting(AppwriteTestServer.LoggedRequest::status).containsExactly(0, 201);
    }

    @Test
    void aDropOnAFreshConnectionSurfacesAsAnIoException() {
        Client fresh = newClient();
        try {
            server.failNext(Fault.dropWithoutApplying());
            Throwable failure = SdkCalls.failure(c -> new Databases(fresh).getDocument(DB, COL, "x", c));
            assertThat(failure).isInstanceOf(IOException.class).hasMessageContaining("unexpected end of stream");
        } finally {
            SdkCalls.shutdown(fresh);
        }
    }

    @Test
    void rateLimitAndDatabaseTimeoutAreAppwriteShapedErrors() throws Exception {
        server.failNext(Fault.rateLimited());
        AppwriteException limited = error(c -> databases.listDocuments(DB, COL, c));
        assertThat(limited.getCode()).isEqualTo(429);
        assertThat(limited.getType()).isEqualTo("general_rate_limit_exceeded");
        assertThat(limited.getMessage()).isEqualTo(
                "Rate limit for the current endpoint has been exceeded. Please try again after some time.");
        server.failNext(Fault.rateLimited());
        HttpResponse<String> raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.endpoint() + "/databases/" + DB)).header("x-appwrite-project", server.projectId())
                .header("x-appwrite-key", server.apiKey()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(raw.statusCode()).isEqualTo(429);
        assertThat(raw.headers().firstValue("x-ratelimit-limit")).isPresent();
        assertThat(raw.headers().firstValue("x-ratelimit-remaining")).hasValue("0");
        assertThat(raw.headers().firstValue("x-ratelimit-reset")).isPresent();

        // OkHttp silently retries once on HTTP 408, so it takes two 408s in a row for the SDK to see one
        server.failNext(Fault.databaseTimeout(), 2);
        AppwriteException timeout = error(c -> databases.listDocuments(DB, COL, c));
        assertThat(timeout.getCode()).isEqualTo(408);
        assertThat(timeout.getType()).isEqualTo("database_timeout");
        assertThat(timeout.getMessage()).isEqualTo("Database timed out. Try adjusting your queries or adding an index.");
        assertThat(server.pendingFaults()).isZero();
        server.resetRequestLog();
        server.failNext(Fault.databaseTimeout());
        assertThat(SdkCalls.<DocumentList<Map<String, Object>>>await(c -> databases.listDocuments(DB, COL, c))
                .getTotal()).isZero();
        assertThat(server.requestLog()).extracting(AppwriteTestServer.LoggedRequest::status).containsExactly(408, 200);
    }

    @Test
    void faultsOnlyHitMatchingRequests() {
        server.failNext(Fault.rateLimited(), 1, "PATCH", "/documents/");
        create(COL, "doc1", Map.of("title", "t"));
        assertThat(server.pendingFaults()).isEqualTo(1);
        assertThat(error(c -> databases.updateDocument(DB, COL, "doc1", Map.of("title", "u"), c)).getCode())
                .isEqualTo(429);
        assertThat(get(COL, "doc1").getData()).containsEntry("title", "t"); // nothing applied
        assertThat(server.pendingFaults()).isZero();

        // a single 408 on a PATCH is re-sent by OkHttp without the caller knowing: the update lands
        server.failNext(Fault.databaseTimeout(), 1, "PATCH", null);
        assertThat(SdkCalls.<Document<Map<String, Object>>>await(c -> databases.updateDocument(DB, COL, "doc1",
                Map.of("title", "u"), c)).getData()).containsEntry("title", "u");
        assertThat(server.count("PATCH", DOCS + "/{documentId}")).isEqualTo(3);
    }

    @Test
    void anOutageLastsUntilRecover() {
        server.startOutage(Fault.htmlError(503));
        assertThat(error(c -> databases.listDocuments(DB, COL, c)).getCode()).isEqualTo(503);
        assertThat(error(c -> databases.createDocument(DB, COL, "d", Map.of("title", "t"), c)).getCode())
                .isEqualTo(503);
        server.recover();
        assertThat(create(COL, "d", Map.of("title", "t")).getId()).isEqualTo("d");
    }

    @Test
    void refusingConnectionsStopsListeningAndRecoverListensOnTheSamePort() {
        int port = server.port();
        server.refuseConnections();
        Throwable refused = SdkCalls.failure(c -> databases.listDocuments(DB, COL, c));
        assertThat(refused).isInstanceOf(ConnectException.class);
        server.recover();
        assertThat(server.port()).isEqualTo(port);
        assertThat(SdkCalls.<DocumentList<Map<String, Object>>>await(c -> databases.listDocuments(DB, COL, c)).getTotal()).isZero();
    }

    @Test
    void aGlobalLatencyDelaysEveryAnswer() {
        server.setLatency(Duration.ofMillis(150));
        long started = System.nanoTime();
        await(c -> databases.listDocuments(DB, COL, c));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        server.setLatency(Duration.ZERO);
        assertThat(server.requestLog()).isNotEmpty();
        assertThat(List.of(server.endpoint())).allMatch(e -> e.startsWith("http://127.0.0.1:") && e.endsWith("/v1"));
    }
}
