package nz.raceday.ingest.testsupport.appwrite;

import static nz.raceday.ingest.testsupport.appwrite.SdkCalls.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.appwrite.Client;
import io.appwrite.exceptions.AppwriteException;
import io.appwrite.models.Document;
import io.appwrite.services.Databases;
import nz.raceday.ingest.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A server with a hand-moved clock, and an SDK client on it; both are closed after each test. */
abstract class AppwriteServerTestBase {

    static final String DB = "db1";
    static final Instant T0 = Instant.parse("2025-10-01T09:00:00.123456Z");

    final MutableClock clock = new MutableClock(T0);
    AppwriteTestServer server;
    Client client;
    Databases databases;

    /** Builder options of the server under test; subclasses may change them. */
    AppwriteTestServer.Builder options() {
        return AppwriteTestServer.builder().clock(clock);
    }

    @BeforeEach
    void startServer() {
        server = options().start();
        client = SdkCalls.client(server);
        databases = SdkCalls.databases(client);
    }

    @AfterEach
    void stopServer() {
        SdkCalls.shutdown(client);
        server.close(); // fails the test on unacknowledged spec violations
    }

    /** A fresh client on the same server (its own connection pool). */
    Client newClient() {
        return SdkCalls.client(server);
    }

    void createDatabase() {
        await(c -> databases.create(DB, "Test DB", c));
    }

    void createCollection(String collectionId) {
        await(c -> databases.createCollection(DB, collectionId, collectionId, List.of(), false, true, c));
    }

    AppwriteException error(SdkCalls.SuspendCall<?> call) {
        return SdkCalls.appwriteError(call);
    }

    Document<Map<String, Object>> create(String collectionId, String id, Map<String, Object> data) {
        return await(c -> databases.createDocument(DB, collectionId, id, data, c));
    }

    Document<Map<String, Object>> get(String collectionId, String id) {
        return await(c -> databases.getDocument(DB, collectionId, id, c));
    }

    /** A GET with the project and key, bypassing the SDK (which drops JSON nulls from document data). */
    JsonNode rawGet(String pathBelowV1) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(server.endpoint() + pathBelowV1)).header("x-appwrite-project", server.projectId())
                    .header("x-appwrite-key", server.apiKey()).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return Json.parseOrNull(response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        assert value instanceof Map : value;
        return (Map<String, Object>) value;
    }

    static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
