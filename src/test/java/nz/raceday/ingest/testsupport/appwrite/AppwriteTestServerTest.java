package nz.raceday.ingest.testsupport.appwrite;

import static nz.raceday.ingest.testsupport.appwrite.SdkCalls.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.appwrite.Client;
import io.appwrite.enums.IndexType;
import io.appwrite.enums.RelationshipType;
import io.appwrite.exceptions.AppwriteException;
import io.appwrite.models.AttributeFloat;
import io.appwrite.models.AttributeInteger;
import io.appwrite.models.AttributeString;
import io.appwrite.models.Collection;
import io.appwrite.models.Database;
import io.appwrite.models.DatabaseList;
import io.appwrite.models.AttributeList;
import io.appwrite.models.CollectionList;
import io.appwrite.models.Document;
import io.appwrite.models.IndexList;
import io.appwrite.models.Index;
import io.appwrite.services.Databases;
import org.junit.jupiter.api.Test;

/** Databases, collections, attributes, indexes, auth, errors and spec checks, through the real SDK 6.1.0. */
class AppwriteTestServerTest extends AppwriteServerTestBase {

    /** Appwrite 1.6.2 on MariaDB: 1017 columns less 7 internal, 64 indexes less 6 internal (notes §3.7). */
    private static final int USER_ATTRIBUTES = 1010;
    private static final int INDEXES = 58;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void databasesAndCollectionsComeBackAsCompleteModels() {
        Database created = await(c -> databases.create(DB, "Test DB", c));
        assertThat(created.getId()).isEqualTo(DB);
        assertThat(created.getCreatedAt()).isEqualTo("2025-10-01T09:00:00.123+00:00");
        assertThat(created.getEnabled()).isTrue();
        assertThat(SdkCalls.<Database>await(c -> databases.get(DB, c)).getName()).isEqualTo("Test DB");
        DatabaseList list = await(c -> databases.list(c));
        assertThat(list.getTotal()).isEqualTo(1);

        Collection collection = await(c -> databases.createCollection(DB, "col1", "Col One",
                List.of("read(\"any\")"), true, true, c));
        assertThat(collection.getDatabaseId()).isEqualTo(DB);
        assertThat(collection.getPermissions()).containsExactly("read(\"any\")");
        assertThat(collection.getDocumentSecurity()).isTrue();
        assertThat(collection.getAttributes()).isEmpty();

        await(c -> databases.createStringAttribute(DB, "col1", "title", 20L, true, c));
        await(c -> databases.createIndex(DB, "col1", "idx_title", IndexType.KEY, List.of("title"), List.of("ASC"), c));
        Collection fetched = await(c -> databases.getCollection(DB, "col1", c));
        assertThat(fetched.getAttributes()).hasSize(1);
        assertThat(AppwriteServerTestBase.map(fetched.getAttributes().get(0))).containsEntry("key", "title")
                .containsEntry("status", "available").containsEntry("error", "");
        assertThat(fetched.getIndexes()).extracting(Index::getKey).containsExactly("idx_title");

        clock.advance(Duration.ofMinutes(1));
        Collection updated = await(c -> databases.updateCollection(DB, "col1", "Renamed", c));
        assertThat(updated.getName()).isEqualTo("Renamed");
        assertThat(updated.getPermissions()).containsExactly("read(\"any\")");
        assertThat(updated.getUpdatedAt()).isEqualTo("2025-10-01T09:01:00.123+00:00");
        assertThat(SdkCalls.<CollectionList>await(c -> databases.listCollections(DB, c)).getTotal()).isEqualTo(1);
    }

    @Test
    void attributesAreCreatedProcessingThenAvailableWithSdkReadableModels() {
        createDatabase();
        createCollection("col1");
        AttributeString title = await(c -> databases.createStringAttribute(DB, "col1", "title", 255L, false, "x",
                false, false, c));
        assertThat(title.getStatus()).isEqualTo("processing");
        assertThat(title.getError()).isEmpty();
        assertThat(title.getSize()).isEqualTo(255);
        assertThat(title.getDefault()).isEqualTo("x");
        AttributeInteger n = await(c -> databases.createIntegerAttribute(DB, "col1", "n", false, c));
        assertThat(n.getMin()).isEqualTo(Long.MIN_VALUE);
        assertThat(n.getMax()).isEqualTo(Long.MAX_VALUE);
        AttributeFloat f = await(c -> databases.createFloatAttribute(DB, "col1", "f", false, -1.5, 1.5, 0.25, false,
                c));
        assertThat(f.getType()).isEqualTo("double");
        assertThat(f.getDefault()).isEqualTo(0.25);
        await(c -> databases.createBooleanAttribute(DB, "col1", "b", false, true, false, c));
        await(c -> databases.createDatetimeAttribute(DB, "col1", "ts", false, "2024-01-01T13:00:00+13:00", false, c));

        @SuppressWarnings("unchecked")
        Map<String, Object> ts = (Map<String, Object>) (Object) await(c -> databases.getAttribute(DB, "col1", "ts", c));
        assertThat(ts).containsEntry("status", "available").containsEntry("format", "datetime")
                .containsEntry("default", "2024-01-01T00:00:00.000+00:00");
        assertThat(SdkCalls.<AttributeList>await(c -> databases.listAttributes(DB, "col1", c)).getTotal()).isEqualTo(5);
        assertThat(server.attributeStatus(DB, "col1", "f")).isEqualTo("available");
    }

    @Test
    void duplicatesAreConflictsWithAppwriteTypesAndTexts() {
        createDatabase();
        createCollection("col1");
        await(c -> databases.createStringAttribute(DB, "col1", "title", 20L, false, c));
        await(c -> databases.createIndex(DB, "col1", "idx", IndexType.KEY, List.of("title"), List.of(), c));

        AppwriteException db = error(c -> databases.create(DB, "again", c));
        assertThat(db.getCode()).isEqualTo(409);
        assertThat(db.getType()).isEqualTo("database_already_exists");
        assertThat(db.getMessage()).isEqualTo("Database already exists");
        AppwriteException col = error(c -> databases.createCollection(DB, "col1", "again", c));
        assertThat(col.getType()).isEqualTo("collection_already_exists");
        AppwriteException attribute = error(c -> databases.createIntegerAttribute(DB, "col1", "TITLE", false, c));
        assertThat(attribute.getCode()).isEqualTo(409);
        assertThat(attribute.getType()).isEqualTo("attribute_already_exists");
        AppwriteException index = error(c -> databases.createIndex(DB, "col1", "idx", IndexType.KEY,
                List.of("title"), List.of(), c));
        assertThat(index.getType()).isEqualTo("index_already_exists");
        assertThat(index.getMessage())
                .isEqualTo("Index with the requested key already exists. Try again with a different key.");
    }

    @Test
    void attributeArgumentsAreCheckedAsAppwriteDoes() {
        createDatabase();
        createCollection("col1");
        AppwriteException required = error(c -> databases.createStringAttribute(DB, "col1", "a", 10L, true, "d",
                false, false, c));
        assertThat(required.getCode()).isEqualTo(400);
        assertThat(required.getType()).isEqualTo("attribute_default_unsupported");
        assertThat(required.getMessage()).isEqualTo("Cannot set default value for required attribute");
        AppwriteException array = error(c -> databases.createStringAttribute(DB, "col1", "a", 10L, false, "d",
                true, false, c));
        assertThat(array.getMessage()).isEqualTo("Cannot set default value for array attributes");
        AppwriteException range = error(c -> databases.createIntegerAttribute(DB, "col1", "n", false, 5L, 1L, c));
        assertThat(range.getType()).isEqualTo("attribute_value_invalid");
        assertThat(range.getMessage()).isEqualTo("Minimum value must be lesser than maximum value");
        AppwriteException key = error(c -> databases.createBooleanAttribute(DB, "col1", "_bad", false, c));
        assertThat(key.getType()).isEqualTo("general_argument_invalid");
        assertThat(key.getMessage()).isEqualTo("Invalid `key` param: " + Ids.KEY_DESCRIPTION);
        AppwriteException missing = error(c -> databases.getCollection(DB, "nope", c));
        assertThat(missing.getCode()).isEqualTo(404);
        assertThat(missing.getType()).isEqualTo("collection_not_found");
        AppwriteException noDb = error(c -> databases.get("nope", c));
        assertThat(noDb.getType()).isEqualTo("database_not_found");
        assertThat(noDb.getMessage()).isEqualTo("Database not found");
    }

    @Test
    void theRowWidthLimitRefusesASecondTenThousandCharString() {
        createDatabase();
        createCollection("col1");
        await(c -> databases.createStringAttribute(DB, "col1", "a", 10_000L, false, c));
        AppwriteException e = error(c -> databases.createStringAttribute(DB, "col1", "b", 10_000L, false, c));
        assertThat(e.getCode()).isEqualTo(400);
        assertThat(e.getType()).isEqualTo("attribute_limit_exceeded");
        assertThat(e.getMessage())
                .isEqualTo("The maximum number or size of attributes for this collection has been reached.");
    }

    @Test
    void columnAndIndexLimitsAndRangeTextsFollowUtopia() throws Exception {
        createDatabase();
        createCollection("wide");
        client.getHttp().dispatcher().setMaxRequestsPerHost(16);
        List<java.util.concurrent.CompletableFuture<?>> creates = new java.util.ArrayList<>();
        for (int i = 0; i < USER_ATTRIBUTES; i++) {
            String key = "b" + i;
            creates.add(SdkCalls.future(c -> databases.createBooleanAttribute(DB, "wide", key, false, c)));
        }
        java.util.concurrent.CompletableFuture.allOf(creates.toArray(java.util.concurrent.CompletableFuture[]::new))
                .get(60, java.util.concurrent.TimeUnit.SECONDS);
        AppwriteException columns = error(c -> databases.createBooleanAttribute(DB, "wide", "oneTooMany", false, c));
        assertThat(columns.getType()).isEqualTo("attribute_limit_exceeded");

        for (int i = 0; i < INDEXES; i++) {
            String key = "i" + i;
            await(c -> databases.createIndex(DB, "wide", key, IndexType.KEY, List.of("b" + key.substring(1)),
                    List.of(), c));
        }
        AppwriteException indexes = error(c -> databases.createIndex(DB, "wide", "oneTooMany", IndexType.KEY,
                List.of("b0"), List.of(), c));
        assertThat(indexes.getType()).isEqualTo("index_limit_exceeded");
        assertThat(indexes.getMessage()).isEqualTo("Index limit exceeded");

        // PHP number_format rounds float bounds to whole numbers
        createCollection("floats");
        await(c -> databases.createFloatAttribute(DB, "floats", "f", true, 0.5, 1.5, c));
        AppwriteException range = error(c -> databases.createDocument(DB, "floats", "d", Map.of("f", 1.6), c));
        assertThat(range.getMessage()).isEqualTo("Invalid document structure: Attribute \"f\" has invalid format. "
                + "Value must be a valid range between 1 and 2");
        // a missing required body parameter
        HttpResponse<String> missing = raw("POST", "/v1/databases", "{\"databaseId\":\"x\"}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(Json.parseOrNull(missing.body()).get("message").textValue()).isEqualTo("Param \"name\" is not optional.");
        server.clearSpecViolations(); // a spec-aware validator flags the missing name too
    }

    @Test
    void indexesCheckTheirAttributes() {
        createDatabase();
        createCollection("meetings");
        createCollection("races");
        await(c -> databases.createRelationshipAttribute(DB, "races", "meetings", RelationshipType.MANYTOONE, false,
                "meeting", "races", c));
        AppwriteException unknown = error(c -> databases.createIndex(DB, "races", "i", IndexType.KEY,
                List.of("nope"), List.of(), c));
        assertThat(unknown.getType()).isEqualTo("attribute_unknown");
        assertThat(unknown.getMessage())
                .isEqualTo("Unknown attribute: nope. Verify the attribute name or create the attribute.");
        AppwriteException relationship = error(c -> databases.createIndex(DB, "races", "i", IndexType.KEY,
                List.of("meeting"), List.of(), c));
        assertThat(relationship.getType()).isEqualTo("attribute_type_invalid");
        Index system = await(c -> databases.createIndex(DB, "races", "by_created", IndexType.KEY,
                List.of("$createdAt"), List.of("DESC"), c));
        assertThat(system.getStatus()).isEqualTo("processing");
        assertThat(SdkCalls.<Index>await(c -> databases.getIndex(DB, "races", "by_created", c)).getStatus()).isEqualTo("available");
        assertThat(SdkCalls.<IndexList>await(c -> databases.listIndexes(DB, "races", c)).getTotal()).isEqualTo(1);
    }

    @Test
    void attributesAndIndexesBecomeAvailableOnlyAfterTheConfiguredDelay() {
        Duration delay = Duration.ofMillis(1500);
        try (AppwriteTestServer slow = AppwriteTestServer.builder().clock(clock).availabilityDelay(delay).start()) {
            Client slowClient = SdkCalls.client(slow);
            Databases db = SdkCalls.databases(slowClient);
            try {
                await(c -> db.create(DB, "DB", c));
                await(c -> db.createCollection(DB, "col1", "col1", c));
                await(c -> db.createIntegerAttribute(DB, "col1", "other", false, c));
                await().atMost(Duration.ofSeconds(10)).until(() -> "available".equals(
                        slow.attributeStatus(DB, "col1", "other")));
                AttributeString title = await(c -> db.createStringAttribute(DB, "col1", "title", 20L, true, c));
                assertThat(title.getStatus()).isEqualTo("processing");

                // not yet available: the required attribute is not enforced, and writing it is unknown
                assertThat(SdkCalls.<Document<Map<String, Object>>>await(c -> db.createDocument(DB, "col1", "d0", Map.of("other", 1), c)).getId())
                        .isEqualTo("d0");
                AppwriteException unknown = SdkCalls.appwriteError(c -> db.createDocument(DB, "col1", "d1",
                        Map.of("title", "x"), c));
                assertThat(unknown.getType()).isEqualTo("document_invalid_structure");
                assertThat(unknown.getMessage()).isEqualTo("Invalid document structure: Unknown attribute: \"title\"");
                AppwriteException query = SdkCalls.appwriteError(c -> db.listDocuments(DB, "col1",
                        List.of(io.appwrite.Query.Companion.equal("title", "x")), c));
                assertThat(query.getType()).isEqualTo("general_query_invalid");
                assertThat(query.getMessage()).isEqualTo("Invalid query: Attribute not found in schema: title");
                AppwriteException index = SdkCalls.appwriteError(c -> db.createIndex(DB, "col1", "i", IndexType.KEY,
                        List.of("title"), List.of(), c));
                assertThat(index.getType()).isEqualTo("attribute_not_available");
                assertThat(index.getMessage()).isEqualTo("Attribute not available: title");
                assertThat(slow.attributeStatus(DB, "col1", "title")).isEqualTo("processing");

                await().atMost(Duration.ofSeconds(10)).until(() -> await(c -> db.getAttribute(DB, "col1", "title", c))
                        instanceof Map<?, ?> m && "available".equals(m.get("status")));
                AppwriteException missing = SdkCalls.appwriteError(c -> db.createDocument(DB, "col1", "d2",
                        Map.of("other", 1), c));
                assertThat(missing.getMessage())
                        .isEqualTo("Invalid document structure: Missing required attribute \"title\"");
                assertThat(SdkCalls.<Document<Map<String, Object>>>await(c -> db.createDocument(DB, "col1", "d3", Map.of("title", "x"), c)).getId())
                        .isEqualTo("d3");
                assertThat(SdkCalls.<Index>await(c -> db.createIndex(DB, "col1", "i", IndexType.UNIQUE, List.of("title"), List.of(),
                        c)).getStatus()).isEqualTo("processing");
                await().atMost(Duration.ofSeconds(10)).until(() -> "available".equals(slow.indexStatus(DB, "col1", "i")));
            } finally {
                SdkCalls.shutdown(slowClient);
            }
        }
    }

    @Test
    void projectAndKeyAreChecked() throws Exception {
        createDatabase();
        Client wrongProject = new Client().setEndpoint(server.endpoint()).setProject("other").setKey(server.apiKey());
        Client wrongKey = new Client().setEndpoint(server.endpoint()).setProject(server.projectId())
                .setKey("standard_wrong");
        Client noKey = new Client().setEndpoint(server.endpoint()).setProject(server.projectId());
        try {
            AppwriteException project = error(c -> new Databases(wrongProject).get(DB, c));
            assertThat(project.getCode()).isEqualTo(404);
            assertThat(project.getType()).isEqualTo("project_not_found");
            AppwriteException key = error(c -> new Databases(wrongKey).get(DB, c));
            assertThat(key.getCode()).isEqualTo(401);
            assertThat(key.getType()).isEqualTo("user_unauthorized");
            assertThat(key.getMessage())
                    .isEqualTo("The current user is not authorized to perform the requested action.");
            AppwriteException guest = error(c -> new Databases(noKey).listDocuments(DB, "col", c));
            assertThat(guest.getType()).isEqualTo("general_unauthorized_scope");
            assertThat(guest.getMessage()).isEqualTo("User (role: guests) missing scope (documents.read)");
        } finally {
            SdkCalls.shutdown(wrongProject);
            SdkCalls.shutdown(wrongKey);
            SdkCalls.shutdown(noKey);
        }
        // header names are case-insensitive
        HttpResponse<String> upper = http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/databases/" + DB))
                .header("X-Appwrite-Project", server.projectId()).header("X-APPWRITE-KEY", server.apiKey())
                .header("Content-Type", "application/json").header("content-type", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(upper.statusCode()).isEqualTo(200);
        assertThat(upper.headers().firstValue("content-type")).hasValue("application/json; charset=UTF-8");
    }

    @Test
    void unknownRoutesAre404AndSpecRoutesNotEmulatedAre501() throws Exception {
        HttpResponse<String> unknown = raw("GET", "/v1/nothing/here", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        JsonNode body = Json.parseOrNull(unknown.body());
        assertThat(body.get("code").isInt()).isTrue();
        assertThat(body.get("code").intValue()).isEqualTo(404);
        assertThat(body.get("type").textValue()).isEqualTo("general_route_not_found");
        assertThat(body.get("message").textValue())
                .isEqualTo("The requested route was not found. Please refer to the API docs and try again.");
        assertThat(body.get("version").textValue()).isEqualTo("1.6.2");

        HttpResponse<String> users = raw("GET", "/v1/users", null);
        assertThat(users.statusCode()).isEqualTo(501);
        assertThat(Json.parseOrNull(users.body()).get("type").textValue()).isEqualTo("general_not_implemented");
        // a validator that knows the spec flags the unknown path; acknowledge whatever it found
        assertThat(server.specViolations()).allMatch(v -> v.startsWith("GET /v1/nothing/here")
                || v.startsWith("GET /v1/users"));
        server.clearSpecViolations();
    }

    /**
     * Every request goes through {@link OpenApiValidator}: whatever it reports for a request is recorded as a
     * violation (which fails a test at close unless acknowledged), and the request is answered as Appwrite would: a
     * string where the spec wants a boolean is a 400 from Appwrite's own parameter check too.
     */
    @Test
    void requestsTheValidatorRejectsAreRecordedAndAnswered400() throws Exception {
        String body = "{\"databaseId\":\"db2\",\"name\":\"DB\",\"enabled\":\"yes\"}";
        HttpResponse<String> response = raw("POST", "/v1/databases", body);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Json.parseOrNull(response.body()).get("type").textValue()).isEqualTo("general_argument_invalid");
        List<String> expected = OpenApiValidator.appwrite16().validateRequest("POST", "/v1/databases", Map.of(),
                Map.of("x-appwrite-project", List.of(server.projectId()), "x-appwrite-key", List.of(server.apiKey()),
                        "content-type", List.of("application/json")), body);
        assertThat(server.specViolations()).hasSize(expected.size())
                .allMatch(v -> v.startsWith("POST /v1/databases: request: "));
        server.clearSpecViolations();
        assertThat(server.requestLog()).extracting(AppwriteTestServer.LoggedRequest::status).containsExactly(400);
    }

    @Test
    void assertNoSpecViolationsAndCloseFailWhileViolationsAreUnacknowledged() {
        AppwriteTestServer own = AppwriteTestServer.start();
        own.assertNoSpecViolations();
        own.recordSpecViolation("GET", "/v1/databases", "response 200: example problem");
        assertThat(own.specViolations()).containsExactly("GET /v1/databases: response 200: example problem");
        assertThatThrownBy(own::assertNoSpecViolations).isInstanceOf(AssertionError.class)
                .hasMessageContaining("example problem");
        assertThatThrownBy(own::close).isInstanceOf(AssertionError.class).hasMessageContaining("example problem");

        AppwriteTestServer acknowledged = AppwriteTestServer.start();
        acknowledged.recordSpecViolation("GET", "/v1/databases", "provoked on purpose");
        acknowledged.clearSpecViolations();
        acknowledged.close(); // nothing left: closes quietly
    }

    @Test
    void theKeyNeverAppearsInAnythingTheServerRecordsOrPrints() throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream tee = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(tee);
        System.setErr(tee);
        try {
            createDatabase();
            error(c -> databases.get("missing", c));
            Client wrongKey = new Client().setEndpoint(server.endpoint()).setProject(server.projectId())
                    .setKey(server.apiKey() + "x");
            try {
                error(c -> new Databases(wrongKey).get(DB, c));
            } finally {
                SdkCalls.shutdown(wrongKey);
            }
            raw("GET", "/v1/nothing", null);
            server.clearSpecViolations();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertThat(server.requestLog()).hasSizeGreaterThanOrEqualTo(4);
        String everything = captured.toString(StandardCharsets.UTF_8) + server.requestLog() + server.requestCounts()
                + server.specViolationDetails() + server;
        assertThat(everything).doesNotContain(server.apiKey());
        assertThat(server.requestLog()).extracting(AppwriteTestServer.LoggedRequest::status)
                .contains(201, 404, 401);
    }

    @Test
    void theRequestLogCountsPerRouteTemplate() {
        createDatabase();
        createCollection("col1");
        await(c -> databases.getCollection(DB, "col1", c));
        assertThat(server.count("GET", "/v1/databases/{databaseId}/collections/{collectionId}")).isEqualTo(1);
        assertThat(server.requestCounts()).containsEntry("POST /v1/databases", 1L);
        server.resetRequestLog();
        assertThat(server.requestLog()).isEmpty();
    }

    private HttpResponse<String> raw(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("x-appwrite-project", server.projectId()).header("x-appwrite-key", server.apiKey())
                .header("content-type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
