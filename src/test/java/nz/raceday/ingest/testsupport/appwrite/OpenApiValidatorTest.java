package nz.raceday.ingest.testsupport.appwrite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link OpenApiValidator} against requests exactly as sdk-for-kotlin 6.1.0 sends them (appwrite-notes §2) and
 * responses as Appwrite 1.6.2 answers them (§3), plus deliberately broken variants.
 */
class OpenApiValidatorTest {

    private static final OpenApiValidator VALIDATOR = OpenApiValidator.appwrite16();
    private static final String DB = "/v1/databases/db1";
    private static final String COL = DB + "/collections/col1";
    private static final String JSON_UTF8 = "application/json; charset=UTF-8";
    private static final String NOW = "2024-09-01T10:11:12.345+00:00";

    /** The headers SDK 6.1.0 sends (§2.1); GET carries content-type twice. */
    private static Map<String, List<String>> sdkHeaders(String method) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("user-agent", List.of("AppwriteKotlinSDK/6.1.0 null"));
        headers.put("x-sdk-name", List.of("Kotlin"));
        headers.put("x-sdk-platform", List.of("server"));
        headers.put("x-sdk-language", List.of("kotlin"));
        headers.put("x-sdk-version", List.of("6.1.0"));
        headers.put("x-appwrite-response-format", List.of("1.6.0"));
        headers.put("x-appwrite-project", List.of("raceday"));
        headers.put("x-appwrite-key", List.of("standard_secret"));
        headers.put("content-type", method.equals("GET")
                ? List.of("application/json", "application/json")
                : List.of("application/json; charset=utf-8"));
        headers.put("host", List.of("127.0.0.1:39123"));
        headers.put("connection", List.of("Keep-Alive"));
        headers.put("accept-encoding", List.of("gzip"));
        return headers;
    }

    private static List<String> request(String method, String path, String body) {
        return VALIDATOR.validateRequest(method, path, Map.of(), sdkHeaders(method), body);
    }

    private static List<String> get(String path, Map<String, List<String>> query) {
        return VALIDATOR.validateRequest("GET", path, query, sdkHeaders("GET"), null);
    }

    private static List<String> response(String method, String path, int status, String body) {
        return VALIDATOR.validateResponse(method, path, status, JSON_UTF8, body);
    }

    /** Asserts there is exactly one problem and returns it for content checks. */
    private static String onlyProblem(List<String> problems) {
        assertThat(problems).hasSize(1);
        return problems.get(0);
    }

    @Test
    void specIsParsedOnceAndShared() {
        assertThat(OpenApiValidator.appwrite16()).isSameAs(VALIDATOR);
    }

    @Nested
    class SdkRequests {

        @Test
        void createDocumentWithObjectData() {
            assertThat(request("POST", COL + "/documents",
                    "{\"documentId\":\"doc1\",\"data\":{\"title\":\"a\\u0026b\",\"n\":42,\"f\":0.1,\"b\":true,"
                            + "\"ts\":\"2024-01-01T00:00:00.000+00:00\",\"arr\":[\"x\"]}}")).isEmpty();
        }

        @Test
        void createDocumentWithUniqueIdAndPermissions() {
            assertThat(request("POST", COL + "/documents",
                    "{\"documentId\":\"unique()\",\"data\":{\"title\":\"x\"},"
                            + "\"permissions\":[\"read(\\\"any\\\")\",\"update(\\\"users\\\")\"]}")).isEmpty();
        }

        @Test
        void createDocumentWithStringDataCarryingNulls() {
            assertThat(request("POST", COL + "/documents",
                    "{\"documentId\":\"doc1\",\"data\":\"{\\\"title\\\":null,\\\"n\\\":1}\"}")).isEmpty();
        }

        @Test
        void updateDocumentVariants() {
            String doc = COL + "/documents/doc1";
            assertThat(request("PATCH", doc, "{\"data\":{\"n\":43}}")).isEmpty();
            assertThat(request("PATCH", doc, "{\"data\":{\"n\":44},\"permissions\":[]}")).isEmpty();
            assertThat(request("PATCH", doc, "{\"data\":\"{\\\"title\\\":null}\"}")).isEmpty();
            // allowed by the spec (nothing is required); the server then answers 400 document_missing_payload
            assertThat(request("PATCH", doc, "{}")).isEmpty();
        }

        @Test
        void getAndListDocumentsWithQueries() {
            assertThat(get(COL + "/documents", Map.of())).isEmpty();
            assertThat(get(COL + "/documents", Map.of("queries[]", List.of(
                    "{\"method\":\"equal\",\"attribute\":\"title\",\"values\":[\"a\\u0026b\\u003dc d/é\"]}",
                    "{\"method\":\"equal\",\"attribute\":\"n\",\"values\":[1,2]}",
                    "{\"method\":\"orderDesc\",\"attribute\":\"$createdAt\"}",
                    "{\"method\":\"limit\",\"values\":[100]}",
                    "{\"method\":\"cursorAfter\",\"values\":[\"d2\"]}",
                    "{\"method\":\"or\",\"values\":[{\"method\":\"equal\",\"attribute\":\"b\",\"values\":[true]},"
                            + "{\"method\":\"lessThan\",\"attribute\":\"n\",\"values\":[3]}]}"))))
                    .isEmpty();
            assertThat(get(COL + "/documents/doc1", Map.of("queries[]",
                    List.of("{\"method\":\"select\",\"values\":[\"title\",\"n\"]}")))).isEmpty();
        }

        @Test
        void databaseAndCollectionSetup() {
            assertThat(request("POST", "/v1/databases", "{\"databaseId\":\"db1\",\"name\":\"DB\"}")).isEmpty();
            assertThat(request("GET", DB, null)).isEmpty();
            assertThat(request("POST", DB + "/collections",
                    "{\"collectionId\":\"col1\",\"name\":\"C\",\"permissions\":[\"read(\\\"any\\\")\"],"
                            + "\"documentSecurity\":false,\"enabled\":true}")).isEmpty();
        }

        @Test
        void attributeCreation() {
            assertThat(request("POST", COL + "/attributes/string",
                    "{\"key\":\"title\",\"size\":255,\"required\":true}")).isEmpty();
            assertThat(request("POST", COL + "/attributes/string",
                    "{\"key\":\"note\",\"size\":1000,\"required\":false,\"default\":\"dflt\",\"array\":false,"
                            + "\"encrypt\":false}")).isEmpty();
            assertThat(request("POST", COL + "/attributes/integer",
                    "{\"key\":\"n\",\"required\":false,\"min\":0,\"max\":100,\"default\":5,\"array\":false}")).isEmpty();
            assertThat(request("POST", COL + "/attributes/float",
                    "{\"key\":\"f\",\"required\":false,\"min\":-1.5,\"max\":1.5,\"default\":0.25,\"array\":false}"))
                    .isEmpty();
            assertThat(request("POST", COL + "/attributes/boolean",
                    "{\"key\":\"b\",\"required\":false,\"default\":true,\"array\":false}")).isEmpty();
            assertThat(request("POST", COL + "/attributes/datetime",
                    "{\"key\":\"ts\",\"required\":false,\"default\":\"2024-01-01T00:00:00.000+00:00\",\"array\":false}"))
                    .isEmpty();
        }

        @Test
        void relationshipAttributeAndIndex() {
            assertThat(request("POST", COL + "/attributes/relationship",
                    "{\"relatedCollectionId\":\"meetings\",\"type\":\"manyToOne\",\"twoWay\":false,\"key\":\"meeting\","
                            + "\"onDelete\":\"setNull\"}")).isEmpty();
            assertThat(request("POST", COL + "/indexes",
                    "{\"key\":\"idx_n\",\"type\":\"key\",\"attributes\":[\"n\",\"ts\"],\"orders\":[\"ASC\",\"DESC\"]}"))
                    .isEmpty();
        }

        @Test
        void deleteCarriesAnEmptyObject() {
            assertThat(request("DELETE", COL + "/documents/doc1", "{}")).isEmpty();
            assertThat(request("DELETE", COL + "/indexes/idx_n", "{}")).isEmpty();
            assertThat(request("DELETE", COL, null)).isEmpty();
        }

        @Test
        void nullForOptionalPropertyAndForXNullableRequiredProperty() {
            // optional and not x-nullable: the server treats null like absent (the SDK omits it anyway)
            assertThat(request("POST", COL + "/attributes/string",
                    "{\"key\":\"note\",\"size\":10,\"required\":false,\"default\":null}")).isEmpty();
            // required but x-nullable
            assertThat(request("PATCH", COL + "/attributes/string/note",
                    "{\"required\":false,\"default\":null}")).isEmpty();
        }
    }

    @Nested
    class BadRequests {

        @Test
        void unknownRoute() {
            assertThat(onlyProblem(request("GET", DB + "/tables", null)))
                    .contains("GET /v1/databases/db1/tables", "no operation");
        }

        @Test
        void pathWithoutV1Prefix() {
            assertThat(onlyProblem(request("GET", "/databases/db1", null))).contains("does not start with /v1");
        }

        @Test
        void wrongMethodNamesTheMethodsThatExist() {
            assertThat(onlyProblem(request("PUT", COL + "/documents/doc1", "{\"data\":{}}")))
                    .contains("no operation", "wrong method", "PATCH (databases.updateDocument)",
                            "GET (databases.getDocument)", "DELETE (databases.deleteDocument)");
        }

        @Test
        void literalSegmentWinsOverParameter() {
            // also matches PATCH .../attributes/{key}/relationship; the literal "string" decides
            assertThat(onlyProblem(request("PATCH", COL + "/attributes/string/relationship",
                    "{\"required\":false,\"default\":null,\"onDelete\":\"cascade\"}")))
                    .contains("databases.updateStringAttribute", "unexpected property 'onDelete'");
        }

        @Test
        void emptyPathParameter() {
            assertThat(onlyProblem(request("GET", COL + "/documents/", null)))
                    .contains("databases.getDocument", "path parameter 'documentId' is empty");
        }

        @Test
        void missingRequiredBodyProperty() {
            assertThat(onlyProblem(request("POST", COL + "/attributes/string", "{\"key\":\"title\",\"required\":true}")))
                    .contains("databases.createStringAttribute", "POST /v1/databases/{databaseId}",
                            "missing required property 'size' (integer)");
        }

        @Test
        void unknownBodyProperty() {
            assertThat(onlyProblem(request("POST", COL + "/documents",
                    "{\"documentId\":\"d1\",\"data\":{\"n\":1},\"permission\":[]}")))
                    .contains("databases.createDocument", "unexpected property 'permission'",
                            "declared: [documentId, data, permissions]");
        }

        @Test
        void stringWhereIntegerRequired() {
            assertThat(onlyProblem(request("POST", COL + "/attributes/string",
                    "{\"key\":\"title\",\"size\":\"255\",\"required\":true}")))
                    .contains("body.size", "expected integer", "found string \"255\"");
        }

        @Test
        void stringWhereBooleanRequired() {
            assertThat(onlyProblem(request("POST", COL + "/attributes/string",
                    "{\"key\":\"title\",\"size\":255,\"required\":\"true\"}")))
                    .contains("body.required", "expected boolean", "found string \"true\"");
        }

        @Test
        void fractionalNumberWhereIntegerRequired() {
            assertThat(onlyProblem(request("POST", COL + "/attributes/integer",
                    "{\"key\":\"n\",\"required\":false,\"default\":42.0}")))
                    .contains("databases.createIntegerAttribute", "body.default", "expected integer", "found number 42.0");
        }

        @Test
        void integerBeyond64BitsIsRejected() {
            assertThat(onlyProblem(request("POST", COL + "/attributes/integer",
                    "{\"key\":\"n\",\"required\":false,\"max\":12345678901234567890}")))
                    .contains("body.max", "expected integer");
        }

        @Test
        void badEnumValue() {
            assertThat(onlyProblem(request("POST", COL + "/indexes",
                    "{\"key\":\"idx\",\"type\":\"btree\",\"attributes\":[\"n\"]}")))
                    .contains("databases.createIndex", "body.type", "\"btree\"", "not one of [\"key\",\"fulltext\",\"unique\"]");
            assertThat(onlyProblem(request("POST", COL + "/attributes/relationship",
                    "{\"relatedCollectionId\":\"m\",\"type\":\"oneToFew\"}")))
                    .contains("body.type", "oneToFew", "manyToMany");
        }

        @Test
        void wrongArrayItemType() {
            assertThat(onlyProblem(request("POST", COL + "/documents",
                    "{\"documentId\":\"d1\",\"data\":{},\"permissions\":[\"read(\\\"any\\\")\",7]}")))
                    .contains("body.permissions[1]", "expected string", "found integer 7");
        }

        @Test
        void dataMustBeAnObjectOrAStringHoldingOne() {
            assertThat(onlyProblem(request("POST", COL + "/documents", "{\"documentId\":\"d1\",\"data\":\"[1,2]\"}")))
                    .contains("body.data", "string holding a JSON object", "found string \"[1,2]\"");
            assertThat(onlyProblem(request("PATCH", COL + "/documents/d1", "{\"data\":\"title=x\"}")))
                    .contains("databases.updateDocument", "body.data");
            assertThat(onlyProblem(request("POST", COL + "/documents", "{\"documentId\":\"d1\",\"data\":5}")))
                    .contains("body.data", "found integer 5");
        }

        @Test
        void nullForRequiredNonNullableProperty() {
            assertThat(onlyProblem(request("PATCH", COL + "/attributes/string/note", "{\"required\":null,\"default\":null}")))
                    .contains("body.required", "is null", "not mark it nullable");
        }

        @Test
        void bodyThatIsNotAJsonObject() {
            assertThat(onlyProblem(request("POST", COL + "/documents", "{\"documentId\":\"d1\",")))
                    .contains("databases.createDocument", "not valid JSON");
            assertThat(onlyProblem(request("POST", COL + "/documents", "[]")))
                    .contains("body: expected object", "found array");
            assertThat(onlyProblem(request("POST", COL + "/documents", null)))
                    .contains("request body is missing", "documentId", "data");
        }

        @Test
        void bodyWhereTheOperationHasNone() {
            assertThat(onlyProblem(request("GET", COL + "/documents/doc1", "{}")))
                    .contains("databases.getDocument", "declares no request body");
            assertThat(onlyProblem(request("DELETE", COL + "/documents/doc1", "{\"documentId\":\"doc1\"}")))
                    .contains("databases.deleteDocument", "declares no request body");
        }

        @Test
        void undeclaredQueryParameter() {
            assertThat(onlyProblem(get(COL + "/documents", Map.of("limit", List.of("25")))))
                    .contains("databases.listDocuments", "query parameter 'limit' is not declared", "[queries]");
            assertThat(onlyProblem(get(COL + "/documents/doc1", Map.of("search", List.of("x")))))
                    .contains("databases.getDocument", "'search' is not declared");
        }

        @Test
        void arrayQueryParameterWithoutBrackets() {
            assertThat(onlyProblem(get(COL + "/documents", Map.of("queries", List.of("{\"method\":\"limit\",\"values\":[1]}")))))
                    .contains("'queries' is an array", "queries[]");
        }

        @Test
        void queryValueThatIsNotJson() {
            assertThat(onlyProblem(get(COL + "/documents", Map.of("queries[]",
                    List.of("{\"method\":\"limit\",\"values\":[1]}", "equal(\"title\", \"x\")")))))
                    .contains("databases.listDocuments", "'queries[]' value #2", "non-JSON", "equal(\"title\"");
        }

        @Test
        void queryWithoutMethodOrWithUnknownMethod() {
            assertThat(onlyProblem(get(COL + "/documents", Map.of("queries[]", List.of("{\"attribute\":\"n\",\"values\":[1]}")))))
                    .contains("no string \"method\"");
            assertThat(onlyProblem(get(COL + "/documents", Map.of("queries[]", List.of("{\"method\":\"equals\",\"values\":[1]}")))))
                    .contains("unknown query method \"equals\"");
            assertThat(onlyProblem(get(COL + "/documents", Map.of("queries[]", List.of("[\"limit\",1]")))))
                    .contains("expected a JSON query object", "found array");
            assertThat(onlyProblem(get(COL + "/documents", Map.of("queries[]",
                    List.of("{\"method\":\"or\",\"values\":[{\"method\":\"equal\"},{\"attribute\":\"x\"}]}")))))
                    .contains("or.values[1]", "no string \"method\"");
        }

        @Test
        void typedQueryParameters() {
            // GET /avatars/qr: size is an integer, download a boolean
            assertThat(onlyProblem(get("/v1/avatars/qr", Map.of("text", List.of("hi"), "size", List.of("4.5")))))
                    .contains("avatars.getQR", "'size'", "expected integer", "\"4.5\"");
            assertThat(get("/v1/avatars/qr", Map.of("text", List.of("hi"), "size", List.of("400"), "download", List.of("1"))))
                    .isEmpty();
            assertThat(onlyProblem(get("/v1/avatars/qr", Map.of("size", List.of("400")))))
                    .contains("required query parameter 'text' is missing");
        }

        @Test
        void missingProjectHeader() {
            Map<String, List<String>> headers = sdkHeaders("POST");
            headers.remove("x-appwrite-project");
            assertThat(onlyProblem(VALIDATOR.validateRequest("POST", COL + "/documents", Map.of(), headers,
                    "{\"documentId\":\"d1\",\"data\":{\"n\":1}}")))
                    .contains("databases.createDocument", "header 'x-appwrite-project' is missing");
        }

        @Test
        void jsonBodyWithAnotherContentType() {
            Map<String, List<String>> headers = sdkHeaders("POST");
            headers.put("content-type", List.of("text/plain"));
            assertThat(onlyProblem(VALIDATOR.validateRequest("POST", "/v1/databases", Map.of(), headers,
                    "{\"databaseId\":\"db1\",\"name\":\"DB\"}")))
                    .contains("content-type", "application/json", "'text/plain'");
        }

        @Test
        void everyProblemIsReported() {
            List<String> problems = request("POST", COL + "/attributes/string",
                    "{\"key\":7,\"size\":255.5,\"required\":\"no\",\"colour\":\"red\"}");
            assertThat(problems).hasSize(4);
            assertThat(String.join("\n", problems))
                    .contains("body.key: expected string", "body.size: expected integer", "body.required: expected boolean",
                            "unexpected property 'colour'");
        }
    }

    @Nested
    class Responses {

        private static final String DOCUMENT = "{\"title\":\"t\",\"n\":42,\"f\":0.1,\"b\":true,\"ts\":\"" + NOW + "\","
                + "\"note\":null,\"arr\":[],\"meeting\":{\"$id\":\"m1\",\"name\":\"Awapuni\",\"$collectionId\":\"meetings\","
                + "\"$databaseId\":\"db1\",\"$createdAt\":\"" + NOW + "\",\"$updatedAt\":\"" + NOW + "\",\"$permissions\":[]},"
                + "\"$id\":\"doc1\",\"$permissions\":[\"read(\\\"any\\\")\"],\"$createdAt\":\"" + NOW + "\","
                + "\"$updatedAt\":\"" + NOW + "\",\"$databaseId\":\"db1\",\"$collectionId\":\"col1\"}";

        private static String attribute(String key, String type, String extra) {
            return "{\"key\":\"" + key + "\",\"type\":\"" + type + "\",\"status\":\"available\",\"error\":\"\","
                    + "\"required\":false,\"array\":false,\"$createdAt\":\"" + NOW + "\",\"$updatedAt\":\"" + NOW + "\""
                    + extra + "}";
        }

        private static final String STRING_ATTRIBUTE = attribute("title", "string", ",\"size\":255,\"default\":null");
        private static final String INTEGER_ATTRIBUTE =
                attribute("n", "integer", ",\"min\":-9223372036854775808,\"max\":9223372036854775807,\"default\":5");
        private static final String FLOAT_ATTRIBUTE = attribute("f", "double", ",\"min\":-1.5,\"max\":1.5,\"default\":2.0");
        private static final String DATETIME_ATTRIBUTE = attribute("ts", "datetime", ",\"format\":\"datetime\",\"default\":null");
        private static final String RELATIONSHIP_ATTRIBUTE = attribute("meeting", "relationship",
                ",\"relatedCollection\":\"meetings\",\"relationType\":\"manyToOne\",\"twoWay\":false,"
                        + "\"twoWayKey\":\"races\",\"onDelete\":\"setNull\",\"side\":\"parent\"");

        private static String index(String status) {
            return "{\"key\":\"idx_n\",\"type\":\"key\"," + (status == null ? "" : "\"status\":\"" + status + "\",")
                    + "\"error\":\"\",\"attributes\":[\"n\"],\"orders\":[\"ASC\"],\"$createdAt\":\"" + NOW + "\","
                    + "\"$updatedAt\":\"" + NOW + "\"}";
        }

        private static String collection(String attributes, String indexes) {
            return "{\"$id\":\"col1\",\"$createdAt\":\"" + NOW + "\",\"$updatedAt\":\"" + NOW + "\",\"$permissions\":[],"
                    + "\"databaseId\":\"db1\",\"name\":\"C\",\"enabled\":true,\"documentSecurity\":false,"
                    + "\"attributes\":[" + attributes + "],\"indexes\":[" + indexes + "]}";
        }

        @Test
        void completeDocumentWithUserAttributesAndNestedRelationship() {
            assertThat(response("POST", COL + "/documents", 201, DOCUMENT)).isEmpty();
            assertThat(response("GET", COL + "/documents/doc1", 200, DOCUMENT)).isEmpty();
            assertThat(response("GET", COL + "/documents", 200, "{\"total\":2,\"documents\":[" + DOCUMENT + "," + DOCUMENT + "]}"))
                    .isEmpty();
        }

        @Test
        void documentMissingUpdatedAt() {
            String broken = DOCUMENT.replace(",\"$updatedAt\":\"" + NOW + "\",\"$databaseId\"", ",\"$databaseId\"");
            assertThat(broken).isNotEqualTo(DOCUMENT);
            assertThat(onlyProblem(response("PATCH", COL + "/documents/doc1", 200, broken)))
                    .contains("databases.updateDocument", "response 200", "body: missing required property '$updatedAt'",
                            "of document");
            assertThat(onlyProblem(response("GET", COL + "/documents", 200, "{\"total\":2,\"documents\":[" + DOCUMENT + ","
                    + broken + "]}")))
                    .contains("body.documents[1]", "'$updatedAt'");
        }

        @Test
        void documentWithWronglyTypedSystemField() {
            assertThat(onlyProblem(response("GET", COL + "/documents/doc1", 200,
                    DOCUMENT.replace("\"$permissions\":[\"read(\\\"any\\\")\"]", "\"$permissions\":\"read(any)\""))))
                    .contains("body.$permissions", "expected array of string", "found string");
        }

        @Test
        void completeCollectionWithMixedAttributesAndIndexes() {
            assertThat(response("POST", DB + "/collections", 201, collection(
                    String.join(",", STRING_ATTRIBUTE, INTEGER_ATTRIBUTE, FLOAT_ATTRIBUTE, DATETIME_ATTRIBUTE,
                            RELATIONSHIP_ATTRIBUTE),
                    index("available")))).isEmpty();
        }

        @Test
        void collectionWhoseIndexLacksStatus() {
            assertThat(onlyProblem(response("GET", COL, 200, collection(STRING_ATTRIBUTE, index("available") + "," + index(null)))))
                    .contains("databases.getCollection", "body.indexes[1]", "missing required property 'status'", "of index");
        }

        @Test
        void attributeListMixingStringAndIntegerModels() {
            assertThat(response("GET", COL + "/attributes", 200,
                    "{\"total\":2,\"attributes\":[" + STRING_ATTRIBUTE + "," + INTEGER_ATTRIBUTE + "]}")).isEmpty();
        }

        @Test
        void attributeListItemMatchingNoModel() {
            String noError = INTEGER_ATTRIBUTE.replace("\"error\":\"\",", "");
            assertThat(onlyProblem(response("GET", COL + "/attributes", 200,
                    "{\"total\":2,\"attributes\":[" + STRING_ATTRIBUTE + "," + noError + "]}")))
                    .contains("body.attributes[1]", "matches none of attributeBoolean|attributeInteger",
                            "closest is attributeInteger", "missing required property 'error'");
        }

        @Test
        void attributeErrorMustBeAStringNotNull() {
            // the spec declares "error" a non-nullable string, and SDK 6.1.0 reads it as a String (notes §5): send ""
            String nullError = STRING_ATTRIBUTE.replace("\"error\":\"\"", "\"error\":null");
            assertThat(onlyProblem(response("POST", COL + "/attributes/string", 202, nullError)))
                    .contains("databases.createStringAttribute", "response 202", "body.error", "is null", "expected string");
            assertThat(response("POST", COL + "/attributes/string", 202, STRING_ATTRIBUTE)).isEmpty();
        }

        @Test
        void attributeDefaultMayBeNullButMustHaveTheRightType() {
            assertThat(response("POST", COL + "/attributes/integer", 202, INTEGER_ATTRIBUTE.replace("\"default\":5", "\"default\":null")))
                    .isEmpty();
            assertThat(onlyProblem(response("POST", COL + "/attributes/integer", 202,
                    INTEGER_ATTRIBUTE.replace("\"default\":5", "\"default\":5.0"))))
                    .contains("body.default", "expected integer", "found number 5.0");
            assertThat(response("POST", COL + "/attributes/float", 202, FLOAT_ATTRIBUTE)).isEmpty();
        }

        @Test
        void stringAttributeWithoutSize() {
            assertThat(onlyProblem(response("POST", COL + "/attributes/string", 202,
                    STRING_ATTRIBUTE.replace(",\"size\":255", ""))))
                    .contains("missing required property 'size' (integer) of attributeString");
        }

        @Test
        void getAttributeOneOf() {
            assertThat(response("GET", COL + "/attributes/meeting", 200, RELATIONSHIP_ATTRIBUTE)).isEmpty();
            assertThat(response("GET", COL + "/attributes/ts", 200, DATETIME_ATTRIBUTE)).isEmpty();
            assertThat(onlyProblem(response("GET", COL + "/attributes/meeting", 200,
                    RELATIONSHIP_ATTRIBUTE.replace(",\"side\":\"parent\"", ""))))
                    .contains("closest is attributeRelationship", "missing required property 'side'");
        }

        @Test
        void indexWithNullOrders() {
            assertThat(response("POST", COL + "/indexes", 202, index("processing").replace("[\"ASC\"]", "null"))).isEmpty();
        }

        @Test
        void undeclaredPropertyInAClosedModel() {
            assertThat(onlyProblem(response("GET", DB, 200, "{\"$id\":\"db1\",\"name\":\"DB\",\"$createdAt\":\"" + NOW
                    + "\",\"$updatedAt\":\"" + NOW + "\",\"enabled\":true,\"description\":\"x\"}")))
                    .contains("databases.get", "unexpected property 'description' of database");
        }

        @Test
        void errorWithIntegerCode() {
            assertThat(response("GET", COL + "/documents/nope", 404,
                    "{\"message\":\"Document with the requested ID could not be found.\",\"code\":404,"
                            + "\"type\":\"document_not_found\",\"version\":\"1.6.2\"}")).isEmpty();
            // also for an operation whose spec lists no error responses at all, and for unknown routes
            assertThat(response("POST", COL + "/documents", 409,
                    "{\"message\":\"Document with the requested ID already exists.\",\"code\":409,"
                            + "\"type\":\"document_already_exists\",\"version\":\"1.6.2\"}")).isEmpty();
            assertThat(response("GET", "/v1/nowhere", 404,
                    "{\"message\":\"The requested route was not found.\",\"code\":404,"
                            + "\"type\":\"general_route_not_found\",\"version\":\"1.6.2\"}")).isEmpty();
        }

        @Test
        void errorWithStringCode() {
            // the spec says string, but the SDK needs a number (a string code hangs it): follow the server
            assertThat(onlyProblem(response("GET", COL + "/documents/nope", 404,
                    "{\"message\":\"Not found\",\"code\":\"404\",\"type\":\"document_not_found\",\"version\":\"1.6.2\"}")))
                    .contains("error response 404", "body.code", "expected integer", "found string \"404\"");
        }

        @Test
        void errorMissingType() {
            assertThat(onlyProblem(response("POST", COL + "/documents", 400,
                    "{\"message\":\"Invalid document structure\",\"code\":400,\"version\":\"1.6.2\"}")))
                    .contains("databases.createDocument", "response 400", "missing required property 'type'", "of error");
        }

        @Test
        void errorWithHtmlBodyOrEmptyBody() {
            assertThat(onlyProblem(VALIDATOR.validateResponse("GET", COL + "/documents", 502, "text/html", "<html>Bad gateway</html>")))
                    .contains("content type must be application/json", "'text/html'");
            assertThat(onlyProblem(response("GET", COL + "/documents", 500, "")))
                    .contains("body is empty", "error");
        }

        @Test
        void noContentResponses() {
            assertThat(VALIDATOR.validateResponse("DELETE", COL + "/documents/doc1", 204, null, null)).isEmpty();
            assertThat(VALIDATOR.validateResponse("DELETE", COL + "/documents/doc1", 204, JSON_UTF8, "")).isEmpty();
            assertThat(onlyProblem(VALIDATOR.validateResponse("DELETE", COL + "/documents/doc1", 204, JSON_UTF8, "{}")))
                    .contains("databases.deleteDocument", "204 response must have an empty body", "{}");
        }

        @Test
        void statusTheOperationDoesNotDeclare() {
            assertThat(onlyProblem(response("POST", COL + "/documents", 200, DOCUMENT)))
                    .contains("databases.createDocument", "status 200", "[201]");
            assertThat(onlyProblem(VALIDATOR.validateResponse("GET", COL + "/documents/doc1", 204, null, null)))
                    .contains("databases.getDocument", "status 204", "[200]");
        }

        @Test
        void successfulResponseForUnknownRoute() {
            assertThat(onlyProblem(response("GET", DB + "/tables", 200, "{}")))
                    .contains("GET /v1/databases/db1/tables", "no operation");
        }

        @Test
        void successBodyThatIsNotJson() {
            assertThat(onlyProblem(VALIDATOR.validateResponse("GET", COL + "/documents/doc1", 200, "text/plain", DOCUMENT)))
                    .contains("content type must be application/json", "document");
            assertThat(onlyProblem(response("GET", COL + "/documents/doc1", 200, "{\"$id\":")))
                    .contains("not valid JSON");
            assertThat(onlyProblem(response("GET", COL + "/documents/doc1", 200, "[" + DOCUMENT + "]")))
                    .contains("body: expected object (document)", "found array");
        }

        @Test
        void listTotalMustBeAnInteger() {
            assertThat(onlyProblem(response("GET", COL + "/documents", 200, "{\"total\":\"1\",\"documents\":[" + DOCUMENT + "]}")))
                    .contains("body.total", "expected integer");
        }
    }
}
