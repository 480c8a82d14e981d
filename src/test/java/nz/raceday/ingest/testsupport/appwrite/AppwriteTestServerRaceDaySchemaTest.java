package nz.raceday.ingest.testsupport.appwrite;

import static nz.raceday.ingest.testsupport.appwrite.SdkCalls.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.appwrite.Query;
import io.appwrite.enums.IndexType;
import io.appwrite.enums.RelationshipType;
import io.appwrite.exceptions.AppwriteException;
import io.appwrite.models.Collection;
import io.appwrite.models.Document;
import io.appwrite.models.DocumentList;
import nz.raceday.ingest.store.schema.Attribute;
import nz.raceday.ingest.store.schema.CollectionSchema;
import nz.raceday.ingest.store.schema.Index;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole {@link RaceDaySchema} provisioned through the SDK as a store adapter would (attributes and indexes
 * become available after a delay, so setup polls), then the read patterns of the frontend (frontend-contract §1).
 */
class AppwriteTestServerRaceDaySchemaTest extends AppwriteServerTestBase {

    private static final String RDB = RaceDaySchema.DATABASE_ID;

    @Override
    AppwriteTestServer.Builder options() {
        return super.options().availabilityDelay(Duration.ofMillis(50));
    }

    @BeforeEach
    void provision() {
        await(c -> databases.create(RDB, RaceDaySchema.DATABASE_NAME, c));
        for (CollectionSchema collection : RaceDaySchema.collections()) {
            await(c -> databases.createCollection(RDB, collection.id(), collection.name(), List.of(), false, true, c));
        }
        for (CollectionSchema collection : RaceDaySchema.collections()) {
            for (Attribute attribute : collection.attributes()) {
                createAttribute(collection.id(), attribute);
            }
        }
        for (CollectionSchema collection : RaceDaySchema.collections()) {
            awaitAvailable(collection.id(), "attributes");
        }
        for (CollectionSchema collection : RaceDaySchema.collections()) {
            for (Index index : collection.indexes()) {
                await(c -> databases.createIndex(RDB, collection.id(), index.key(),
                        index.unique() ? IndexType.UNIQUE : IndexType.KEY, index.attributes(), List.of(), c));
            }
            awaitAvailable(collection.id(), "indexes");
        }
    }

    private void createAttribute(String collectionId, Attribute a) {
        switch (a.type()) {
            case STRING -> await(c -> databases.createStringAttribute(RDB, collectionId, a.key(), (long) a.size(),
                    a.required(), c));
            case INTEGER -> await(c -> databases.createIntegerAttribute(RDB, collectionId, a.key(), a.required(), c));
            case FLOAT -> await(c -> databases.createFloatAttribute(RDB, collectionId, a.key(), a.required(), c));
            case BOOLEAN -> await(c -> databases.createBooleanAttribute(RDB, collectionId, a.key(), a.required(), c));
            case DATETIME -> await(c -> databases.createDatetimeAttribute(RDB, collectionId, a.key(), a.required(),
                    c));
            case RELATIONSHIP -> await(c -> databases.createRelationshipAttribute(RDB, collectionId,
                    a.relationship().relatedCollectionId(), RelationshipType.MANYTOONE, a.relationship().twoWay(),
                    a.key(), a.relationship().backKey(), c));
        }
    }

    private void awaitAvailable(String collectionId, String what) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            Collection collection = await(c -> databases.getCollection(RDB, collectionId, c));
            List<?> items = what.equals("attributes") ? collection.getAttributes()
                    : collection.getIndexes().stream().map(i -> Map.of("status", i.getStatus())).toList();
            return items.stream().allMatch(item -> "available".equals(map(item).get("status")));
        });
    }

    @Test
    void everyCollectionAttributeAndIndexIsProvisioned() {
        for (CollectionSchema schema : RaceDaySchema.collections()) {
            Collection collection = await(c -> databases.getCollection(RDB, schema.id(), c));
            List<String> keys = collection.getAttributes().stream().map(a -> (String) map(a).get("key")).toList();
            assertThat(keys).as(schema.id()).containsAll(schema.attributes().stream().map(Attribute::key).toList());
            assertThat(collection.getIndexes()).as(schema.id()).hasSize(schema.indexes().size());
        }
        // two-way relationship: the back attribute exists on races; one-way: nothing on meetings
        Map<String, Object> back = map(await(c -> databases.getAttribute(RDB, RaceDaySchema.RACES, "raceResults",
                c)));
        assertThat(back).containsEntry("side", "child").containsEntry("relatedCollection", RaceDaySchema.RACE_RESULTS);
        AppwriteException none = error(c -> databases.getAttribute(RDB, RaceDaySchema.MEETINGS, "races", c));
        assertThat(none.getType()).isEqualTo("attribute_not_found");
    }

    private void seedRaceDay() {
        await(c -> databases.createDocument(RDB, RaceDaySchema.MEETINGS, "M1", Map.of("meetingId", "M1",
                "meetingName", "Ellerslie", "country", "NZ", "raceType", "Thoroughbred", "category", "T",
                "date", "2025-10-01T00:00:00.000+00:00", "status", "active"), c));
        await(c -> databases.createDocument(RDB, RaceDaySchema.MEETINGS, "M2", Map.of("meetingId", "M2",
                "meetingName", "Albion Park", "country", "AUS", "raceType", "Greyhound", "category", "G",
                "date", "2025-10-01T00:00:00.000+00:00", "status", "active"), c));
        for (int n = 2; n >= 1; n--) {
            int raceNumber = n;
            await(c -> databases.createDocument(RDB, RaceDaySchema.RACES, "R" + raceNumber, Map.of("raceId",
                    "R" + raceNumber, "name", "Race " + raceNumber, "raceNumber", raceNumber,
                    "startTime", "2025-10-01T0" + raceNumber + ":00:00.000+00:00", "status", "Open",
                    "meeting", "M1"), c));
        }
        await(c -> databases.createDocument(RDB, RaceDaySchema.ENTRANTS, "E1", Map.of("entrantId", "E1",
                "name", "Runner", "runnerNumber", 1, "raceId", "R1", "race", "R1", "fixedWinOdds", 3.4), c));
        await(c -> databases.createDocument(RDB, RaceDaySchema.ODDS_HISTORY, "unique()", Map.of("odds", 3.4,
                "eventTimestamp", "2025-10-01T00:30:00+13:00", "type", "fixed_win", "entrantId", "E1",
                "entrant", "E1"), c));
        await(c -> databases.createDocument(RDB, RaceDaySchema.RACE_RESULTS, "R1", Map.of("raceId", "R1",
                "race", "R1", "resultsAvailable", true), c));
    }

    @Test
    void theDashboardQueriesOfTheFrontendWork() {
        seedRaceDay();
        // D1: a plain date matches the meeting's midnight-UTC datetime
        DocumentList<Map<String, Object>> meetings = await(c -> databases.listDocuments(RDB, RaceDaySchema.MEETINGS,
                List.of(Query.Companion.equal("date", "2025-10-01"), Query.Companion.equal("country",
                        List.of("AUS", "NZ")), Query.Companion.equal("category", List.of("T", "H")),
                        Query.Companion.orderAsc("$createdAt")), c));
        assertThat(meetings.getDocuments()).extracting(Document::getId).containsExactly("M1");
        // D3: races of a meeting by the relationship, ordered, with the meeting expanded
        DocumentList<Map<String, Object>> races = await(c -> databases.listDocuments(RDB, RaceDaySchema.RACES,
                List.of(Query.Companion.equal("meeting", "M1"), Query.Companion.orderAsc("raceNumber"),
                        Query.Companion.limit(20)), c));
        assertThat(races.getDocuments()).extracting(Document::getId).containsExactly("R1", "R2");
        Map<String, Object> r1 = races.getDocuments().get(0).getData();
        assertThat(map(r1.get("meeting"))).containsEntry("meetingName", "Ellerslie").containsEntry("$id", "M1");
        assertThat((List<?>) r1.get("raceResults")).singleElement()
                .satisfies(result -> assertThat(map(result)).containsEntry("resultsAvailable", true)
                        .doesNotContainKey("race"));
        // D5: next race after a time, status filter, earliest first
        DocumentList<Map<String, Object>> next = await(c -> databases.listDocuments(RDB, RaceDaySchema.RACES,
                List.of(Query.Companion.greaterThan("startTime", "2025-10-01T14:30:00+13:00"),
                        Query.Companion.notEqual("status", "Abandoned"), Query.Companion.orderAsc("startTime"),
                        Query.Companion.limit(1)), c));
        assertThat(next.getDocuments()).extracting(Document::getId).containsExactly("R2");
        // unique index on raceId
        AppwriteException duplicate = error(c -> databases.createDocument(RDB, RaceDaySchema.RACES, "R9",
                Map.of("raceId", "R1", "name", "x", "raceNumber", 9, "startTime", "2025-10-01T09:00:00Z",
                        "status", "Open"), c));
        assertThat(duplicate.getType()).isEqualTo("document_already_exists");
    }

    @Test
    void relationshipsExpandToUtopiasDepthLimit() {
        seedRaceDay();
        Map<String, Object> entrant = SdkCalls.<Document<Map<String, Object>>>await(c -> databases.getDocument(RDB,
                RaceDaySchema.ENTRANTS, "E1", c)).getData();
        Map<String, Object> race = map(entrant.get("race"));
        assertThat(map(race.get("meeting"))).containsEntry("meetingName", "Ellerslie"); // depth 3 is fetched
        DocumentList<Map<String, Object>> odds = await(c -> databases.listDocuments(RDB, RaceDaySchema.ODDS_HISTORY,
                c));
        Map<String, Object> oddsEntrant = map(odds.getDocuments().get(0).getData().get("entrant"));
        Map<String, Object> oddsRace = map(oddsEntrant.get("race"));
        assertThat(oddsRace).containsEntry("raceId", "R1").doesNotContainKey("meeting"); // past depth 3: dropped
        assertThat(odds.getDocuments().get(0).getData()).containsEntry("eventTimestamp",
                "2025-09-30T11:30:00.000+00:00");
    }

    /** P1: node-appwrite's select with dotted names; the relationship is expanded with the nested selection. */
    @Test
    void theRacePageSelectExpandsTheMeetingWithItsNestedSelection() throws Exception {
        seedRaceDay();
        String select = Query.Companion.select(List.of("$id", "$createdAt", "$updatedAt", "raceId", "name",
                "startTime", "status", "meeting", "meeting.$id", "meeting.meetingName", "meeting.country"));
        String url = server.endpoint() + "/databases/" + RDB + "/collections/races/documents?"
                + List.of(select, Query.Companion.equal("raceId", "R1"), Query.Companion.limit(1)).stream()
                        .map(q -> "queries%5B%5D=" + URLEncoder.encode(q, StandardCharsets.UTF_8).replace("+", "%20"))
                        .collect(Collectors.joining("&"));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("x-appwrite-project", server.projectId()).header("x-appwrite-key", server.apiKey()).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode race = Json.parseOrNull(response.body()).get("documents").get(0);
        assertThat(race.get("$id").textValue()).isEqualTo("R1");
        assertThat(race.has("$databaseId")).isFalse();
        assertThat(race.has("raceNumber")).isFalse();
        JsonNode meeting = race.get("meeting");
        assertThat(meeting.get("meetingName").textValue()).isEqualTo("Ellerslie");
        assertThat(meeting.get("$id").textValue()).isEqualTo("M1");
        assertThat(meeting.has("status")).isFalse();
        assertThat(meeting.has("$createdAt")).isFalse();

        // without dotted names the relationship is not populated: the raw id comes back
        Document<Map<String, Object>> plain = await(c -> databases.getDocument(RDB, RaceDaySchema.RACES, "R1",
                List.of(Query.Companion.select(List.of("$id", "$createdAt", "$updatedAt", "$permissions",
                        "meeting"))), c));
        assertThat(plain.getData()).containsEntry("meeting", "M1");
        server.clearSpecViolations(); // the list answer lacks required $ fields, as real 1.6 does (notes §3.9)
    }
}
