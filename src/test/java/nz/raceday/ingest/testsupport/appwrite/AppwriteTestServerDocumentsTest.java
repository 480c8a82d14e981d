package nz.raceday.ingest.testsupport.appwrite;

import static nz.raceday.ingest.testsupport.appwrite.SdkCalls.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.appwrite.Permission;
import io.appwrite.Query;
import io.appwrite.Role;
import io.appwrite.enums.IndexType;
import io.appwrite.enums.RelationMutate;
import io.appwrite.enums.RelationshipType;
import io.appwrite.exceptions.AppwriteException;
import io.appwrite.models.AttributeRelationship;
import io.appwrite.models.Document;
import io.appwrite.models.DocumentList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Document writes, validation, reads and relationships through the real SDK 6.1.0. */
class AppwriteTestServerDocumentsTest extends AppwriteServerTestBase {

    private static final String COL = "col1";

    @BeforeEach
    void schema() {
        createDatabase();
        createCollection(COL);
        await(c -> databases.createStringAttribute(DB, COL, "title", 5L, true, c));
        await(c -> databases.createIntegerAttribute(DB, COL, "n", false, 0L, 100L, c));
        await(c -> databases.createFloatAttribute(DB, COL, "f", false, c));
        await(c -> databases.createBooleanAttribute(DB, COL, "b", false, c));
        await(c -> databases.createDatetimeAttribute(DB, COL, "ts", false, c));
        await(c -> databases.createStringAttribute(DB, COL, "note", 100L, false, "none", false, false, c));
        await(c -> databases.createStringAttribute(DB, COL, "tags", 10L, false, null, true, false, c));
    }

    @Test
    void aCreatedDocumentCarriesEveryAvailableAttributeAndTheDollarFields() {
        Document<Map<String, Object>> doc = create(COL, "doc1", Map.of("title", "t", "n", 42, "f", 2,
                "ts", "2024-09-01T12:00:00.98765+02:00"));
        assertThat(doc.getId()).isEqualTo("doc1");
        assertThat(doc.getCollectionId()).isEqualTo(COL);
        assertThat(doc.getDatabaseId()).isEqualTo(DB);
        assertThat(doc.getCreatedAt()).isEqualTo("2025-10-01T09:00:00.123+00:00");
        assertThat(doc.getUpdatedAt()).isEqualTo(doc.getCreatedAt());
        assertThat(doc.getPermissions()).isEmpty();
        Map<String, Object> data = doc.getData();
        assertThat(data).containsEntry("title", "t").containsEntry("n", 42L).containsEntry("f", 2.0)
                .containsEntry("ts", "2024-09-01T10:00:00.987+00:00").containsEntry("note", "none")
                .containsEntry("tags", List.of())
                .doesNotContainKey("b"); // the server sends "b":null; the SDK's Gson round trip drops nulls
        assertThat(get(COL, "doc1").getData()).isEqualTo(data);
        JsonNode raw = rawGet("/databases/" + DB + "/collections/" + COL + "/documents/doc1");
        assertThat(raw.has("b")).isTrue();
        assertThat(raw.get("b").isNull()).isTrue();
        assertThat(raw.get("tags").isArray()).isTrue();
        assertThat(raw.get("f").isDouble()).isTrue();
        assertThat(raw.get("n").isIntegralNumber()).isTrue();
        assertThat(server.documents(DB, COL)).singleElement()
                .satisfies(stored -> assertThat(stored).containsEntry("n", 42L).containsEntry("$id", "doc1"));
    }

    @Test
    void createValidatesTheWholeDocumentInUtopiasOrder() {
        assertThat(invalid(Map.of("n", 1, "nope", 1)))
                .isEqualTo("Invalid document structure: Missing required attribute \"title\"");
        assertThat(invalid(Map.of("title", "t", "nope", 1)))
                .isEqualTo("Invalid document structure: Unknown attribute: \"nope\"");
        assertThat(invalid(Map.of("title", "t", "$databaseId", DB)))
                .isEqualTo("Invalid document structure: Unknown attribute: \"$databaseId\"");
        assertThat(invalid(Map.of("title", "toolong")))
                .isEqualTo("Invalid document structure: Attribute \"title\" has invalid type. Value must be a valid "
                        + "string and no longer than 5 chars");
        assertThat(create(COL, "emoji", Map.of("title", "😀😀😀😀😀")).getData()).containsEntry("title", "😀😀😀😀😀");
        assertThat(invalid(Map.of("title", "t", "n", 42.0)))
                .isEqualTo("Invalid document structure: Attribute \"n\" has invalid format. Value must be a valid "
                        + "integer");
        assertThat(invalid(Map.of("title", "t", "n", "42")))
                .isEqualTo("Invalid document structure: Attribute \"n\" has invalid format. Value must be a valid "
                        + "integer");
        assertThat(invalid(Map.of("title", "t", "n", 101)))
                .isEqualTo("Invalid document structure: Attribute \"n\" has invalid format. Value must be a valid "
                        + "range between 0 and 100");
        assertThat(invalid(Map.of("title", "t", "f", "1.5")))
                .isEqualTo("Invalid document structure: Attribute \"f\" has invalid format. Value must be a valid "
                        + "float");
        assertThat(invalid(Map.of("title", "t", "b", "true")))
                .isEqualTo("Invalid document structure: Attribute \"b\" has invalid type. Value must be a valid "
                        + "boolean");
        assertThat(invalid(Map.of("title", "t", "ts", "yesterday")))
                .isEqualTo("Invalid document structure: Attribute \"ts\" has invalid type. Value must be valid date "
                        + "between 1000-01-01 00:00:00 and 9999-12-31 23:59:59.");
        assertThat(invalid(Map.of("title", "t", "tags", "a")))
                .isEqualTo("Invalid document structure: Attribute \"tags\" must be an array");
        assertThat(invalid(Map.of("title", "t", "tags", List.of("ok", "far too long"))))
                .isEqualTo("Invalid document structure: Attribute \"tags['1']\" has invalid type. Value must be a "
                        + "valid string and no longer than 10 chars");
        AppwriteException id = error(c -> databases.createDocument(DB, COL, "x", Map.of("$id", "y", "title", "t"),
                c));
        assertThat(id.getType()).isEqualTo("document_invalid_structure");
        assertThat(id.getMessage()).isEqualTo("$id is not allowed for creating new documents, try update instead");
        AppwriteException empty = error(c -> databases.createDocument(DB, COL, "x", Map.of(), c));
        assertThat(empty.getType()).isEqualTo("document_missing_data");
        AppwriteException badId = error(c -> databases.createDocument(DB, COL, "-bad", Map.of("title", "t"), c));
        assertThat(badId.getType()).isEqualTo("general_argument_invalid");
        assertThat(badId.getMessage()).isEqualTo("Invalid `documentId` param: " + Ids.KEY_DESCRIPTION);
        assertThat(server.documents(DB, COL)).hasSize(1);
    }

    private String invalid(Map<String, Object> data) {
        AppwriteException e = error(c -> databases.createDocument(DB, COL, "unique()", data, c));
        assertThat(e.getCode()).isEqualTo(400);
        assertThat(e.getType()).isEqualTo("document_invalid_structure");
        return e.getMessage();
    }

    @Test
    void idsArePickedByTheServerForUniqueAndExistingIdsConflict() {
        Document<Map<String, Object>> generated = create(COL, "unique()", Map.of("title", "a"));
        assertThat(generated.getId()).matches("[0-9a-f]{20}");
        create(COL, "doc1", Map.of("title", "a"));
        AppwriteException again = error(c -> databases.createDocument(DB, COL, "doc1", Map.of("title", "b"), c));
        assertThat(again.getCode()).isEqualTo(409);
        assertThat(again.getType()).isEqualTo("document_already_exists");
        assertThat(again.getMessage()).isEqualTo("Document with the requested ID already exists. Try again with a "
                + "different ID or use ID.unique() to generate a unique ID.");
        AppwriteException missing = error(c -> databases.getDocument(DB, COL, "nope", c));
        assertThat(missing.getCode()).isEqualTo(404);
        assertThat(missing.getType()).isEqualTo("document_not_found");
        assertThat(missing.getMessage()).isEqualTo("Document with the requested ID could not be found.");
    }

    @Test
    void aUniqueIndexViolationIsA409OnCreateAndUpdate() {
        await(c -> databases.createIndex(DB, COL, "idx_title", IndexType.UNIQUE, List.of("title"), List.of(), c));
        create(COL, "a", Map.of("title", "Hello"));
        create(COL, "b", Map.of("title", "Other"));
        AppwriteException clash = error(c -> databases.createDocument(DB, COL, "c", Map.of("title", "hello"), c));
        assertThat(clash.getCode()).isEqualTo(409);
        assertThat(clash.getType()).isEqualTo("document_already_exists");
        AppwriteException update = error(c -> databases.updateDocument(DB, COL, "b", Map.of("title", "Hello"), c));
        assertThat(update.getType()).isEqualTo("document_already_exists");
        assertThat(get(COL, "b").getData()).containsEntry("title", "Other");
    }

    @Test
    void updateMergesValidatesAndMovesUpdatedAtOnlyOnChange() {
        create(COL, "doc1", Map.of("title", "t", "n", 1));
        clock.advance(Duration.ofSeconds(30));
        Document<Map<String, Object>> same = await(c -> databases.updateDocument(DB, COL, "doc1", Map.of("n", 1), c));
        assertThat(same.getUpdatedAt()).isEqualTo("2025-10-01T09:00:00.123+00:00");
        Document<Map<String, Object>> changed = await(c -> databases.updateDocument(DB, COL, "doc1",
                Map.of("n", 2), List.of(Permission.Companion.read(Role.Companion.any())), c));
        assertThat(changed.getUpdatedAt()).isEqualTo("2025-10-01T09:00:30.123+00:00");
        assertThat(changed.getCreatedAt()).isEqualTo("2025-10-01T09:00:00.123+00:00");
        assertThat(changed.getData()).containsEntry("title", "t").containsEntry("n", 2L);
        assertThat(changed.getPermissions()).containsExactly("read(\"any\")");

        Document<Map<String, Object>> inherited = await(c -> databases.updateDocument(DB, COL, "doc1",
                Map.of("n", 3), c));
        assertThat(inherited.getPermissions()).containsExactly("read(\"any\")");
        Document<Map<String, Object>> cleared = await(c -> databases.updateDocument(DB, COL, "doc1",
                Map.of("n", 3), List.of(), c));
        assertThat(cleared.getPermissions()).isEmpty();

        AppwriteException bad = error(c -> databases.updateDocument(DB, COL, "doc1", Map.of("n", 3.5), c));
        assertThat(bad.getMessage()).contains("Attribute \"n\" has invalid format");
        AppwriteException nothing = error(c -> databases.updateDocument(DB, COL, "doc1", c));
        assertThat(nothing.getType()).isEqualTo("document_missing_payload");
        AppwriteException unknown = error(c -> databases.updateDocument(DB, COL, "doc1",
                Map.of("$collectionId", COL), c));
        assertThat(unknown.getMessage()).isEqualTo("Invalid document structure: Unknown attribute: \"$collectionId\"");
    }

    @Test
    void aJsonStringWithAnExplicitNullClearsAValueWhereAMapCannot() {
        create(COL, "doc1", Map.of("title", "t", "n", 5, "note", "hi"));
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("n", null);
        // Gson drops the null, the body is {"data":{}}: nothing to update
        AppwriteException viaMap = error(c -> databases.updateDocument(DB, COL, "doc1", withNull, c));
        assertThat(viaMap.getType()).isEqualTo("document_missing_payload");
        assertThat(server.document(DB, COL, "doc1")).containsEntry("n", 5L);
        Document<Map<String, Object>> viaString = await(c -> databases.updateDocument(DB, COL, "doc1",
                "{\"n\":null,\"note\":null}", c));
        assertThat(viaString.getData()).doesNotContainKey("n")
                .containsEntry("note", "none"); // a null takes the attribute default, as utopia's encode does
        assertThat(server.document(DB, COL, "doc1")).doesNotContainKey("n").containsEntry("note", "none");
        assertThat(rawGet("/databases/" + DB + "/collections/" + COL + "/documents/doc1").get("n").isNull())
                .isTrue();
        AppwriteException required = error(c -> databases.updateDocument(DB, COL, "doc1", "{\"title\":null}", c));
        assertThat(required.getMessage()).isEqualTo("Invalid document structure: Missing required attribute \"title\"");
    }

    @Test
    void deleteAnswers204AndTheDocumentIsGone() {
        create(COL, "doc1", Map.of("title", "t"));
        assertThat(SdkCalls.<Object>await(c -> databases.deleteDocument(DB, COL, "doc1", c))).isEqualTo(Boolean.TRUE);
        assertThat(server.requestLog().get(server.requestLog().size() - 1).status()).isEqualTo(204);
        assertThat(error(c -> databases.deleteDocument(DB, COL, "doc1", c)).getType()).isEqualTo("document_not_found");
        assertThat(server.documents(DB, COL)).isEmpty();
    }

    // ---------------------------------------------------------------- relationships

    private void raceSchema() {
        createCollection("meetings");
        createCollection("races");
        createCollection("race-results");
        await(c -> databases.createStringAttribute(DB, "meetings", "meetingName", 50L, true, c));
        await(c -> databases.createStringAttribute(DB, "races", "name", 50L, true, c));
        await(c -> databases.createStringAttribute(DB, "race-results", "resultStatus", 20L, false, c));
        await(c -> databases.createRelationshipAttribute(DB, "races", "meetings", RelationshipType.MANYTOONE, false,
                "meeting", "races", RelationMutate.RESTRICT, c));
        await(c -> databases.createRelationshipAttribute(DB, "race-results", "races", RelationshipType.MANYTOONE,
                true, "race", "raceResults", RelationMutate.CASCADE, c));
    }

    @Test
    void relationshipAttributesDescribeBothSidesOfATwoWayRelationship() {
        raceSchema();
        AttributeRelationship parent = await(c -> databases.createRelationshipAttribute(DB, COL, "meetings",
                RelationshipType.MANYTOONE, false, "meetingRef", null, c));
        assertThat(parent.getRelatedCollection()).isEqualTo("meetings");
        assertThat(parent.getSide()).isEqualTo("parent");
        assertThat(parent.getTwoWayKey()).isEqualTo(COL);
        assertThat(parent.getOnDelete()).isEqualTo("restrict");
        @SuppressWarnings("unchecked")
        Map<String, Object> back = (Map<String, Object>) await(c -> databases.getAttribute(DB, "races",
                "raceResults", c));
        assertThat(back).containsEntry("side", "child").containsEntry("twoWay", true)
                .containsEntry("relatedCollection", "race-results").containsEntry("twoWayKey", "race");
    }

    @Test
    void relationshipsComeBackExpandedAndEqualComparesTheRelatedId() {
        raceSchema();
        create("meetings", "M1", Map.of("meetingName", "Ellerslie"));
        create("races", "R1", Map.of("name", "Race 1", "meeting", "M1"));
        create("races", "R2", Map.of("name", "Race 2", "meeting", "M9")); // dangling: kept, reads as null
        create("race-results", "RR1", Map.of("resultStatus", "final", "race", "R1"));

        Map<String, Object> race = get("races", "R1").getData();
        assertThat(race.get("meeting")).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> meeting = (Map<String, Object>) race.get("meeting");
        assertThat(meeting).containsEntry("$id", "M1").containsEntry("meetingName", "Ellerslie")
                .containsEntry("$collectionId", "meetings").doesNotContainKey("races");
        assertThat((List<?>) race.get("raceResults")).singleElement().satisfies(result ->
                assertThat(AppwriteServerTestBase.map(result)).containsEntry("$id", "RR1").doesNotContainKey("race"));

        @SuppressWarnings("unchecked")
        Map<String, Object> resultRace = (Map<String, Object>) get("race-results", "RR1").getData().get("race");
        assertThat(resultRace).containsEntry("$id", "R1");
        assertThat(AppwriteServerTestBase.map(resultRace.get("meeting"))).containsEntry("meetingName", "Ellerslie");

        assertThat(get("races", "R2").getData()).doesNotContainKey("meeting"); // null on the wire, dropped by Gson
        assertThat(rawGet("/databases/" + DB + "/collections/races/documents/R2").get("meeting").isNull()).isTrue();
        create("meetings", "M9", Map.of("meetingName", "Riccarton"));
        assertThat(AppwriteServerTestBase.map(get("races", "R2").getData().get("meeting"))).containsEntry("meetingName", "Riccarton");

        DocumentList<Map<String, Object>> byMeeting = await(c -> databases.listDocuments(DB, "races",
                List.of(Query.Companion.equal("meeting", "M1")), c));
        assertThat(byMeeting.getTotal()).isEqualTo(1);
        assertThat(byMeeting.getDocuments()).extracting(Document::getId).containsExactly("R1");
        AppwriteException virtual = error(c -> databases.listDocuments(DB, "races",
                List.of(Query.Companion.equal("raceResults", "RR1")), c));
        assertThat(virtual.getMessage()).isEqualTo("Invalid query: Cannot query on virtual relationship attribute");
        AppwriteException wrongType = error(c -> databases.createDocument(DB, "races", "R3",
                Map.of("name", "x", "meeting", 5), c));
        assertThat(wrongType.getType()).isEqualTo("relationship_value_invalid");
    }

    @Test
    void onDeleteRestrictRefusesAndCascadeDeletes() {
        raceSchema();
        create("meetings", "M1", Map.of("meetingName", "Ellerslie"));
        create("races", "R1", Map.of("name", "Race 1", "meeting", "M1"));
        create("race-results", "RR1", Map.of("race", "R1"));
        AppwriteException restricted = error(c -> databases.deleteDocument(DB, "meetings", "M1", c));
        assertThat(restricted.getCode()).isEqualTo(403);
        assertThat(restricted.getType()).isEqualTo("document_delete_restricted");
        assertThat(server.documents(DB, "meetings")).hasSize(1);
        await(c -> databases.deleteDocument(DB, "races", "R1", c));
        assertThat(server.documents(DB, "race-results")).isEmpty(); // cascade
        await(c -> databases.deleteDocument(DB, "meetings", "M1", c));
        assertThat(server.documents(DB, "meetings")).isEmpty();
    }
}
