package nz.raceday.ingest.store.appwrite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.appwrite.models.Collection;
import nz.raceday.ingest.store.Document;
import nz.raceday.ingest.store.RaceStore;
import nz.raceday.ingest.store.WriteBatch;
import nz.raceday.ingest.store.WriteOutcome;
import nz.raceday.ingest.store.schema.Attribute;
import nz.raceday.ingest.store.schema.AttributeType;
import nz.raceday.ingest.store.schema.CollectionSchema;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import nz.raceday.ingest.testsupport.appwrite.AppwriteTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Provisioning the RaceDay schema on Appwrite: complete, idempotent, additive only. */
class AppwriteSchemaProvisionerTest {

    private static final String DB = RaceDaySchema.DATABASE_ID;

    @TempDir
    Path dir;

    private final AppwriteTestServer server = AppwriteTestServer.start();
    private final AppwriteCalls calls = new AppwriteCalls(AppwriteTestStores.settings(server, Path.of("unused")));

    @AfterEach
    void stop() {
        calls.close();
        server.close();
    }

    private AppwriteSchemaProvisioner provisioner(String readRole) {
        return new AppwriteSchemaProvisioner(calls, DB, readRole, Duration.ofSeconds(20), Clock.systemUTC(),
                AppwriteCalls.Sleeper.THREAD);
    }

    private AppwriteSchemaProvisioner.Report provision() {
        return provisioner("any").provision(RaceDaySchema.DATABASE_NAME, RaceDaySchema.collections());
    }

    private Collection collection(String id) {
        return calls.call("getCollection", id, (db, c) -> db.getCollection(DB, id, c));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> attributes(String collectionId) {
        Map<String, Map<String, Object>> byKey = new LinkedHashMap<>();
        for (Object attribute : collection(collectionId).getAttributes()) {
            Map<String, Object> map = (Map<String, Object>) attribute;
            byKey.put((String) map.get("key"), map);
        }
        return byKey;
    }

    @Test
    void shouldCreateEveryCollectionWithItsAttributesTypesSizesAndRequiredFlags() {
        provision();

        for (CollectionSchema schema : RaceDaySchema.collections()) {
            Map<String, Map<String, Object>> attributes = attributes(schema.id());
            for (Attribute attribute : schema.attributes()) {
                Map<String, Object> created = attributes.get(attribute.key());
                assertThat(created).as(schema.id() + "." + attribute.key()).isNotNull();
                assertThat(created.get("type")).as(schema.id() + "." + attribute.key())
                        .isEqualTo(AppwriteSchemaProvisioner.appwriteType(attribute.type()));
                assertThat(created.get("status")).isEqualTo("available");
                assertThat(created.get("required")).as(schema.id() + "." + attribute.key())
                        .isEqualTo(attribute.required());
                if (attribute.type() == AttributeType.STRING) {
                    assertThat(((Number) created.get("size")).intValue()).isEqualTo(attribute.size());
                }
            }
        }
        assertThat(attributes(RaceDaySchema.ENTRANTS).get("barrier").get("type")).isEqualTo("string");
    }

    @Test
    void shouldCreateTheRelationshipsTheFrontendReadsExpanded() {
        provision();

        Map<String, Object> meeting = attributes(RaceDaySchema.RACES).get("meeting");
        assertThat(meeting).containsEntry("type", "relationship").containsEntry("relatedCollection", "meetings")
                .containsEntry("relationType", "manyToOne").containsEntry("twoWay", false);
        Map<String, Object> race = attributes(RaceDaySchema.RACE_RESULTS).get("race");
        assertThat(race).containsEntry("relatedCollection", "races").containsEntry("twoWay", true)
                .containsEntry("twoWayKey", "raceResults");
        assertThat(attributes(RaceDaySchema.RACES)).containsKey("raceResults");
        assertThat(attributes(RaceDaySchema.ENTRANTS).get("race")).containsEntry("relatedCollection", "races");
    }

    @Test
    void shouldLetClientsOnlyReadWithTheConfiguredRole() {
        provisioner("team:analysts").provision(RaceDaySchema.DATABASE_NAME, RaceDaySchema.collections());

        for (CollectionSchema schema : RaceDaySchema.collections()) {
            Collection collection = collection(schema.id());
            assertThat(collection.getPermissions()).as(schema.id()).containsExactly("read(\"team:analysts\")");
            assertThat(collection.getDocumentSecurity()).isFalse();
        }
    }

    @Test
    void shouldCreateTheIndexesOnceTheirAttributesAreAvailable() {
        provision();

        for (CollectionSchema schema : RaceDaySchema.collections()) {
            List<io.appwrite.models.Index> indexes = collection(schema.id()).getIndexes();
            assertThat(indexes).extracting(io.appwrite.models.Index::getKey).as(schema.id())
                    .containsExactlyInAnyOrderElementsOf(schema.indexes().stream().map(i -> i.key()).toList());
            assertThat(indexes).allSatisfy(i -> assertThat(i.getStatus()).isEqualTo("available"));
        }
        io.appwrite.models.Index raceEntrant = collection(RaceDaySchema.MONEY_FLOW_HISTORY).getIndexes().stream()
                .filter(i -> i.getKey().equals("idx_race_entrant_time")).findFirst().orElseThrow();
        assertThat(raceEntrant.getAttributes()).containsExactly("raceId", "entrantId", "timeInterval");
        assertThat(collection(RaceDaySchema.RACES).getIndexes().stream()
                .filter(i -> i.getKey().equals("idx_race_id")).findFirst().orElseThrow().getType()).isEqualTo("unique");
    }

    @Test
    void shouldChangeNothingWhenRunAgain() {
        provision();
        server.resetRequestLog();

        AppwriteSchemaProvisioner.Report again = provision();

        assertThat(again.created()).isEmpty();
        assertThat(again.incompatible()).isEmpty();
        assertThat(server.requestLog()).allSatisfy(r -> assertThat(r.method()).isEqualTo("GET"));
    }

    @Test
    void shouldAddWhatIsMissingToAnExistingDatabaseAndKeepEverythingElse() {
        // an older RaceDay database: races without runnerCount and idx_status, an attribute we do not know, a document
        calls.call("createDatabase", DB, (db, c) -> db.create(DB, "RaceDay Database", true, c));
        calls.call("createCollection", "races", (db, c) -> db.createCollection(DB, "races", "Races",
                List.of("read(\"any\")"), false, true, c));
        calls.call("createStringAttribute", "races.raceId", (db, c) -> db.createStringAttribute(DB, "races", "raceId",
                50, true, null, false, false, c));
        calls.call("createStringAttribute", "races.legacy", (db, c) -> db.createStringAttribute(DB, "races", "legacy",
                20, false, null, false, false, c));
        calls.call("createDocument", "races/old", (db, c) -> db.createDocument(DB, "races", "old-race",
                Map.of("raceId", "old-race", "legacy", "keep me"), c));

        AppwriteSchemaProvisioner.Report report = provision();

        assertThat(report.created()).contains("races.runnerCount", "races.name", "races#idx_status")
                .doesNotContain("races", "races.raceId");
        Map<String, Map<String, Object>> attributes = attributes(RaceDaySchema.RACES);
        assertThat(attributes).containsKeys("legacy", "runnerCount");
        // required in the schema, but the collection already had documents without it
        assertThat(attributes.get("name").get("required")).isEqualTo(false);
        assertThat(server.document(DB, "races", "old-race")).containsEntry("legacy", "keep me")
                .containsEntry("raceId", "old-race");
    }

    @Test
    void shouldReportAnAttributeOfAnotherTypeAndLeaveItOutOfWrites() {
        // ORIG stored barriers as integers; harness barriers ("Fr1") cannot go there
        calls.call("createDatabase", DB, (db, c) -> db.create(DB, "RaceDay Database", true, c));
        calls.call("createCollection", "entrants", (db, c) -> db.createCollection(DB, "entrants", "Entrants",
                List.of("read(\"any\")"), false, true, c));
        calls.call("createIntegerAttribute", "entrants.barrier", (db, c) -> db.createIntegerAttribute(DB, "entrants",
                "barrier", false, null, null, null, false, c));

        try (RaceStore store = AppwriteTestStores.open(server, dir.resolve("outbox.db"), Clock.systemUTC())) {
            Map<String, Object> entrant = new LinkedHashMap<>();
            entrant.put("entrantId", "entrant-1");
            entrant.put("name", "Bird Of Prey");
            entrant.put("runnerNumber", 3L);
            entrant.put("raceId", "race-1");
            entrant.put("barrier", "Fr1");

            assertThat(store.apply(new WriteBatch().upsert(RaceDaySchema.ENTRANTS, "entrant-1", entrant)).outcomes())
                    .containsExactly(WriteOutcome.INSERTED);

            Document stored = store.get(RaceDaySchema.ENTRANTS, "entrant-1").orElseThrow();
            assertThat(stored.getString("name")).isEqualTo("Bird Of Prey");
            assertThat(server.document(DB, "entrants", "entrant-1")).doesNotContainKey("barrier")
                    .containsEntry("runnerNumber", 3L);
        }
        assertThat(attributes(RaceDaySchema.ENTRANTS).get("barrier").get("type")).isEqualTo("integer");
    }

    @Test
    void shouldWaitForAttributesThatTakeTimeToBuild() {
        try (AppwriteTestServer slow = AppwriteTestServer.builder().availabilityDelay(Duration.ofMillis(300)).start();
                AppwriteCalls slowCalls = new AppwriteCalls(AppwriteTestStores.settings(slow, Path.of("unused")))) {
            // the server builds attributes in the background, in real time as Appwrite does: the provisioner's own
            // polling of their states is what is under test
            new AppwriteSchemaProvisioner(slowCalls, DB, "any", Duration.ofSeconds(20), Clock.systemUTC(),
                    AppwriteCalls.Sleeper.THREAD)
                    .provision(RaceDaySchema.DATABASE_NAME, RaceDaySchema.collections());

            assertThat(slow.indexStatus(DB, "races", "idx_race_id")).isEqualTo("available");
            assertThat(slow.attributeStatus(DB, "races", "meeting")).isEqualTo("available");
            // no index was refused because its attribute was still processing
            // without waiting, the first index would have met 400 attribute_not_available
            assertThat(slow.requestLog()).noneMatch(r -> r.status() == 400);
        }
    }

    @Test
    void shouldTakeBackWriteAccessFromAnExistingCollection() {
        calls.call("createDatabase", DB, (db, c) -> db.create(DB, "RaceDay Database", true, c));
        calls.call("createCollection", "meetings", (db, c) -> db.createCollection(DB, "meetings", "Meetings",
                List.of("read(\"any\")", "create(\"any\")", "update(\"any\")", "delete(\"users\")"), false, true, c));

        provision();

        assertThat(collection("meetings").getPermissions()).containsExactly("read(\"any\")");
    }
}
