package nz.raceday.ingest.daily;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import nz.raceday.ingest.store.Document;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import nz.raceday.ingest.testsupport.RacedayRouteTestSupport;
import nz.raceday.ingest.testsupport.TabFixtures;
import nz.raceday.ingest.testsupport.TabTestServer;
import org.junit.jupiter.api.Test;

/** The whole daily import of the recorded 2025-07-17 racing day, through the real routes. */
class DailyImportRouteTest extends RacedayRouteTestSupport {

    @Override
    protected Map<String, String> testProperties() {
        Map<String, String> properties = super.testProperties();
        // 76 meetings in pages of 30: three pages
        properties.put("tab.meetings.page-size", "30");
        return properties;
    }

    @Test
    void shouldStoreExactlyTheAusNzThoroughbredAndHarnessMeetingsWithAllTheirRacesAndEntrants() {
        ImportSummary summary = importDay(TabFixtures.DAY);

        Set<String> expectedMeetings = fixtures.expectedMeetings().stream().map(m -> m.path("meeting").asText())
                .collect(Collectors.toSet());
        Map<String, JsonNode> expectedRaces = fixtures.expectedRaces();
        Set<String> expectedEntrants = expectedRaces.keySet().stream().flatMap(r -> fixtures.entrantIds(r).stream())
                .collect(Collectors.toSet());
        // the recorded day: 12 of 76 meetings are AUS/NZ thoroughbred or harness, with 96 races
        assertThat(expectedMeetings).hasSize(12);
        assertThat(expectedRaces).hasSize(96);

        assertThat(ids(RaceDaySchema.MEETINGS)).isEqualTo(expectedMeetings);
        assertThat(ids(RaceDaySchema.RACES)).isEqualTo(expectedRaces.keySet());
        assertThat(ids(RaceDaySchema.ENTRANTS)).isEqualTo(expectedEntrants);
        assertThat(summary.status()).isEqualTo("completed");
        assertThat(summary.meetings()).isEqualTo(expectedMeetings.size());
        assertThat(summary.races()).isEqualTo(expectedRaces.size());
        assertThat(summary.entrants()).isEqualTo(expectedEntrants.size());
        assertThat(summary.failedRaces()).isEmpty();
        assertThat(summary.failedMeetings()).isEmpty();
        assertThat(summary.requests()).isEqualTo(tab.requests().size());
    }

    @Test
    void shouldAskForTheNzRacingDayExplicitlyAndPageUntilTheListIsExhausted() {
        importDay(TabFixtures.DAY);

        List<TabTestServer.Request> pages = tab.requestsFor("meetings");
        assertThat(pages).extracting(r -> r.query().get("offset")).containsExactly("0", "30", "60");
        assertThat(pages).allSatisfy(r -> {
            assertThat(r.query()).containsEntry("date_from", "2025-07-17").containsEntry("date_to", "2025-07-17")
                    .containsEntry("limit", "30");
        });
    }

    @Test
    void shouldFetchEachEventOnceForBothTheRacesAndTheEntrantsStep() {
        importDay(TabFixtures.DAY);

        Map<String, Long> fetchesPerEvent = tab.requestsFor("events/").stream()
                .collect(Collectors.groupingBy(TabTestServer.Request::resource, Collectors.counting()));
        assertThat(fetchesPerEvent).hasSize(96);
        assertThat(fetchesPerEvent.values()).containsOnly(1L);
    }

    @Test
    void shouldMergeEventDetailIntoRacesAndStoreRunnersWithInitialOdds() {
        importDay(TabFixtures.DAY);

        Document race = store().get(RaceDaySchema.RACES, TabFixtures.RECORDED_EVENT_ID).orElseThrow();
        assertThat(race.getString("name")).isEqualTo("PRYDA HANDICAP 1700");
        assertThat(race.getString("startTime")).isEqualTo("2025-07-17T00:50:00.000+00:00");
        assertThat(race.getString("actualStart")).isEqualTo("2025-07-17T00:52:46.000+00:00");
        assertThat(race.getString("raceDateNz")).isEqualTo("2025-07-17");
        assertThat(race.getString("startTimeNz")).isEqualTo("12:50:00 NZST");
        assertThat(race.getString("status")).isEqualTo("Final");
        assertThat(race.getString("meeting")).isEqualTo(TabFixtures.RECORDED_MEETING_ID);
        assertThat(race.getLong("totalPrizeMoney")).isEqualTo(17000L);
        assertThat(race.getLong("fieldSize")).isEqualTo(8L);
        assertThat(race.getString("trackSurface")).isEqualTo("Synthetic");

        JsonNode recordedRunner = TabFixtures.readTree("event-0f57e087-awapuni-r1-final-2025-07-17.json")
                .path("data").path("runners").get(0);
        Document entrant = store().get(RaceDaySchema.ENTRANTS, recordedRunner.path("entrant_id").asText()).orElseThrow();
        assertThat(entrant.getString("raceId")).isEqualTo(TabFixtures.RECORDED_EVENT_ID);
        assertThat(entrant.getString("race")).isEqualTo(TabFixtures.RECORDED_EVENT_ID);
        assertThat(entrant.getDouble("fixedWinOdds")).isEqualTo(recordedRunner.path("odds").path("fixed_win").asDouble());
        assertThat(entrant.getDouble("fixedPlaceOdds")).isEqualTo(recordedRunner.path("odds").path("fixed_place").asDouble());
        assertThat(entrant.getDouble("poolWinOdds")).isEqualTo(recordedRunner.path("odds").path("pool_win").asDouble());
        assertThat(entrant.getDouble("poolPlaceOdds")).isEqualTo(recordedRunner.path("odds").path("pool_place").asDouble());
        assertThat(entrant.getString("barrier")).isEqualTo(recordedRunner.path("barrier").asText());
        assertThat(entrant.getBoolean("isScratched")).isFalse();
    }

    @Test
    void shouldStoreHarnessBarriersAsText() {
        importDay(TabFixtures.DAY);

        String harnessRace = fixtures.expectedRaces().entrySet().stream()
                .filter(e -> e.getValue().path("category").asText().equals("H")).map(Map.Entry::getKey)
                .findFirst().orElseThrow();
        List<Document> entrants = store().list(RaceDaySchema.ENTRANTS,
                nz.raceday.ingest.store.DocumentQuery.all().equal("raceId", harnessRace).orderAsc("runnerNumber"));
        assertThat(entrants).extracting(d -> d.getString("barrier")).startsWith("Fr1", "Fr2");
    }

    @Test
    void shouldLeaveIdenticalRowsWhenTheSameImportRunsTwice() {
        importDay(TabFixtures.DAY);
        Map<String, Map<String, Document>> first = snapshot();
        clock.advance(java.time.Duration.ofMinutes(5));

        ImportSummary second = importDay(TabFixtures.DAY);

        assertThat(differences(first, snapshot())).isEmpty();
        assertThat(second.writes().inserted()).isZero();
        assertThat(second.writes().updated()).isZero();
        assertThat(second.writes().unchanged()).isPositive();
        assertThat(second.meetings()).isEqualTo(12);
    }

    private Map<String, Map<String, Document>> snapshot() {
        return RaceDaySchema.collections().stream()
                .filter(c -> !c.id().equals(RaceDaySchema.IMPORT_FAILURES))
                .collect(Collectors.toMap(c -> c.id(),
                        c -> all(c.id()).stream().collect(Collectors.toMap(Document::id, Function.identity()))));
    }

    /** Documents that differ between two snapshots, as "collection/id: before -> after" lines. */
    private static List<String> differences(Map<String, Map<String, Document>> before,
            Map<String, Map<String, Document>> after) {
        List<String> differences = new java.util.ArrayList<>();
        before.forEach((collection, docs) -> {
            Map<String, Document> now = after.get(collection);
            docs.forEach((id, doc) -> {
                if (!doc.equals(now.get(id))) {
                    differences.add(collection + "/" + id + ": " + doc + " -> " + now.get(id));
                }
            });
            now.keySet().stream().filter(id -> !docs.containsKey(id)).forEach(id -> differences.add(collection + "/" + id
                    + " added"));
        });
        return differences;
    }

    private Set<String> ids(String collectionId) {
        return all(collectionId).stream().map(Document::id).collect(Collectors.toSet());
    }
}
