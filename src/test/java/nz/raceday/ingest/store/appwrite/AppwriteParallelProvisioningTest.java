package nz.raceday.ingest.store.appwrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import nz.raceday.ingest.store.schema.Attribute;
import nz.raceday.ingest.store.schema.AttributeType;
import nz.raceday.ingest.store.schema.CollectionSchema;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import nz.raceday.ingest.testsupport.appwrite.AppwriteTestServer;
import nz.raceday.ingest.testsupport.appwrite.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Provisioning sends its requests in parallel (issue 13 item 4) and stays idempotent: against the Appwrite test
 * server answering each request after 20 ms, the server sees several requests at once; a second run creates nothing;
 * a first run cut short leaves nothing a second run would get wrong.
 */
@Timeout(120)
class AppwriteParallelProvisioningTest {

    private static final String DB = RaceDaySchema.DATABASE_ID;
    private static final Duration LATENCY = Duration.ofMillis(20);

    private final AppwriteTestServer server = AppwriteTestServer.start();
    private final AppwriteCalls calls = new AppwriteCalls(AppwriteTestStores.settings(server, Path.of("unused")));

    @AfterEach
    void stop() {
        calls.close();
        server.close();
    }

    private AppwriteSchemaProvisioner.Report provision() {
        return new AppwriteSchemaProvisioner(calls, DB, "any", Duration.ofSeconds(20), Clock.systemUTC(),
                AppwriteCalls.Sleeper.THREAD).provision(RaceDaySchema.DATABASE_NAME, RaceDaySchema.collections());
    }

    /**
     * The most requests the server had at once: each is in the server from its arrival until its answer leaves
     * (handling plus the latency). A client sending one request after the other never overlaps two.
     */
    private int maxInFlight() {
        List<long[]> events = new ArrayList<>();
        // on the monotonic clock: intervals from wall-clock instants would overlap two requests if the machine's
        // clock stepped back between them (CI once saw 9 in flight with 8 permits)
        for (AppwriteTestServer.LoggedRequest request : server.requestLog()) {
            long start = request.arrivedNanos();
            long end = start + request.took().toNanos() + LATENCY.toNanos();
            events.add(new long[] {start, 1});
            events.add(new long[] {end, -1});
        }
        // an answer leaving at the instant another request arrives does not overlap it
        events.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int current = 0;
        int max = 0;
        for (long[] event : events) {
            current += (int) event[1];
            max = Math.max(max, current);
        }
        return max;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> attribute(String collectionId, String key) {
        io.appwrite.models.Collection collection = calls.call("getCollection", collectionId,
                (db, c) -> db.getCollection(DB, collectionId, c));
        return collection.getAttributes().stream().map(a -> (Map<String, Object>) a).filter(a -> key.equals(a.get("key")))
                .findFirst().orElse(null);
    }

    @Test
    void shouldProvisionAFreshDatabaseWithRequestsInParallelAndCreateNothingOnASecondRun() {
        server.setLatency(LATENCY);

        long started = System.nanoTime();
        AppwriteSchemaProvisioner.Report first = provision();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        int requests = server.requestLog().size();
        int inFlight = maxInFlight();
        System.out.printf("fresh database at %d ms per request: %d ms, %d requests, at most %d in flight%n",
                LATENCY.toMillis(), took.toMillis(), requests, inFlight);

        assertThat(inFlight).as("requests the server had at once").isGreaterThan(1)
                .isLessThanOrEqualTo(calls.concurrency());
        // every create was accepted (an index sent before its attributes were available would get a 400); the only
        // answers that are no success are the 404s of the first reads of a database that does not exist yet
        assertThat(server.requestLog()).allSatisfy(r -> assertThat(r.status()).as(r.method() + " " + r.path())
                .isIn(r.method().equals("GET") ? List.of(200, 404) : List.of(201, 202)));
        int total = 0;
        for (CollectionSchema collection : RaceDaySchema.collections()) {
            total += 1 + collection.attributes().size() + collection.indexes().size();
            for (Attribute attribute : collection.attributes()) {
                assertThat(server.attributeStatus(DB, collection.id(), attribute.key()))
                        .as(collection.id() + "." + attribute.key()).isEqualTo("available");
            }
            collection.indexes().forEach(index -> assertThat(server.indexStatus(DB, collection.id(), index.key()))
                    .as(collection.id() + "#" + index.key()).isEqualTo("available"));
        }
        assertThat(first.created()).hasSize(total + 1).doesNotHaveDuplicates(); // + the database

        server.resetRequestLog();
        started = System.nanoTime();
        AppwriteSchemaProvisioner.Report second = provision();
        took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("second run: %d ms, %d requests%n", took.toMillis(), server.requestLog().size());

        assertThat(second.created()).isEmpty();
        assertThat(second.incompatible()).isEmpty();
        assertThat(server.requestLog()).allSatisfy(r -> assertThat(r.method()).isEqualTo("GET"));
        // the database and each collection read once: a complete, available collection needs no second look
        assertThat(server.requestLog()).hasSize(1 + RaceDaySchema.collections().size());
    }

    @Test
    void shouldCreateTheRestAsTheSchemaSaysAfterAFirstRunWasCutShort() {
        // the first run creates the collections and some attributes, then Appwrite fails every attribute of races
        server.failNext(Fault.htmlError(502), 10_000, "POST", "/collections/races/attributes/");
        assertThatThrownBy(this::provision).isInstanceOf(AppwriteFailure.class);
        assertThat(server.attributeStatus(DB, RaceDaySchema.RACES, "name")).isNull();
        server.recover();

        AppwriteSchemaProvisioner.Report second = provision();

        // races exists and has no documents: its missing attributes are created as the schema says, required ones
        // required (not optional as on a collection whose documents lack them)
        assertThat(second.created()).contains("races.name", "races.meeting", "races#idx_race_id")
                .doesNotContain("races", "meetings.meetingId");
        for (CollectionSchema collection : RaceDaySchema.collections()) {
            for (Attribute attribute : collection.attributes()) {
                Map<String, Object> created = attribute(collection.id(), attribute.key());
                assertThat(created).as(collection.id() + "." + attribute.key()).isNotNull()
                        .containsEntry("status", "available").containsEntry("required", attribute.required());
                if (attribute.type() == AttributeType.RELATIONSHIP) {
                    assertThat(created).containsEntry("relatedCollection",
                            attribute.relationship().relatedCollectionId());
                }
            }
            collection.indexes().forEach(index -> assertThat(server.indexStatus(DB, collection.id(), index.key()))
                    .as(collection.id() + "#" + index.key()).isEqualTo("available"));
        }
        assertThat(RaceDaySchema.collections().stream().filter(c -> c.id().equals(RaceDaySchema.RACES))
                .flatMap(c -> c.attributes().stream()).anyMatch(Attribute::required)).isTrue();
    }

    @Test
    void shouldLeaveNothingRunningWhenOneCallFailsForGood() {
        // the attributes of entrants fail for good; the other attributes in flight finish before provision() throws
        server.failNext(Fault.htmlError(502), 10_000, "POST", "/collections/entrants/attributes/");

        assertThatThrownBy(this::provision).isInstanceOf(AppwriteFailure.class);

        assertThat(calls.inFlight()).isZero();
        // no index was attempted: indexes wait for every attribute step to end
        assertThat(server.requestLog()).noneMatch(r -> r.path().endsWith("/indexes"));
    }
}
