package nz.raceday.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nz.raceday.ingest.store.Document;
import nz.raceday.ingest.store.DocumentQuery;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import nz.raceday.ingest.store.sqlite.SqliteRaceStore;
import nz.raceday.ingest.testsupport.JarRunner;
import nz.raceday.ingest.testsupport.JarRunner.Run;
import nz.raceday.ingest.testsupport.TabFixtures;
import nz.raceday.ingest.testsupport.TabTestServer;
import nz.raceday.ingest.testsupport.TabTestServer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 10 "done when": {@code poll --race} of the recorded event with one fractional hold, one money-tracker row
 * without {@code entrant_id} and one runner with a malformed odds field exits 0, stores entrants, odds, pools and the
 * runners' money flow, and counts the problems.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PollCommandOddItemsIT {

    private static final String RACE = TabFixtures.RECORDED_EVENT_ID;
    private static final String TICKFORD = "61181b8c-a540-43a8-900c-83ebe680e218";
    private static final String FROSBIE = "a8cc87d4-5a53-47b2-bb26-58d555aac7c0";
    private static final String DEALERS_CHOICE = "677c1727-e256-48a4-9016-a07e10d65edc";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TabTestServer tab = new TabTestServer(new TabFixtures());
    private final JarRunner jar = new JarRunner().env("TAB_BASE_URL", tab.baseUrl())
            .jvmOption("-Dtab.retry.initial-delay=10ms").jvmOption("-Dtab.retry.max-delay=20ms");

    @AfterEach
    void cleanUp() throws IOException {
        tab.close();
        jar.close();
    }

    @Test
    void shouldStoreTheRestOfAPollWithThreeOddItemsAndCountThem() throws Exception {
        tab.fault(r -> r.resource().equals("events/" + RACE), Response.json(eventWithOddItems()), -1);

        Run run = jar.run("poll", "--race", RACE);

        assertThat(run.exitCode()).as(run.output()).isZero();
        JsonNode summary = run.summary();
        assertThat(summary.path("failure").isNull()).isTrue();
        assertThat(summary.path("stored").path("entrants").asInt()).isEqualTo(8);
        // 8 runners × 4 prices, less Dealers Choice's malformed fixed win
        assertThat(summary.path("stored").path("odds-history").asInt()).isEqualTo(31);
        assertThat(summary.path("stored").path("money-flow-history").asInt()).isEqualTo(8);
        assertThat(summary.path("stored").path("race-pools").asInt()).isEqualTo(1);
        // the runners now hold 93 + 0.5 - 8 = 85.5 %: outside 100 ± 5
        assertThat(JSON.convertValue(summary.path("problems"), Map.class)).isEqualTo(Map.of(
                "runner_odds", 1, "money_tracker_row", 1, "hold_sum", 1));
        assertThat(run.output()).contains("Payload problem (runner_odds)").contains("'fixed_win' should be a number")
                .contains("Payload problem (money_tracker_row)").contains("'entrant_id' is missing")
                .contains("Payload problem (hold_sum)").contains("sum to 85.5, outside 100 ± 5");

        try (SqliteRaceStore store = SqliteRaceStore.open(jar.database(), Clock.systemUTC())) {
            assertThat(store.get(RaceDaySchema.RACES, RACE)).isPresent();
            assertThat(store.get(RaceDaySchema.RACE_POOLS, RACE)).hasValueSatisfying(pools -> {
                assertThat(pools.getLong("winPoolTotal")).isEqualTo(915_138L);
                assertThat(pools.getLong("placePoolTotal")).isEqualTo(392_351L);
            });
            assertThat(store.get(RaceDaySchema.RACE_RESULTS, RACE)).isPresent();
            List<Document> entrants = store.list(RaceDaySchema.ENTRANTS, DocumentQuery.all());
            assertThat(entrants).hasSize(8);
            Document dealersChoice = store.get(RaceDaySchema.ENTRANTS, DEALERS_CHOICE).orElseThrow();
            assertThat(dealersChoice.getDouble("fixedWinOdds")).isNull();
            assertThat(dealersChoice.getDouble("fixedPlaceOdds")).isEqualTo(2.1);
            assertThat(dealersChoice.getDouble("poolWinOdds")).isEqualTo(9.9);
            Map<String, Document> flow = store.list(RaceDaySchema.MONEY_FLOW_HISTORY, DocumentQuery.all()).stream()
                    .collect(Collectors.toMap(d -> d.getString("entrantId"), d -> d));
            assertThat(flow).hasSize(8);
            // Tickford: 10 + 7 + 1.5 = 18.5 % of the Win pool's 915138 cents = 169300.53 → 169301
            assertThat(flow.get(TICKFORD).getDouble("holdPercentage")).isEqualTo(18.5);
            assertThat(flow.get(TICKFORD).getLong("winPoolAmount")).isEqualTo(169_301L);
            // Frosbie: 13 % less the 8 % row that lost its entrant_id
            assertThat(flow.get(FROSBIE).getDouble("holdPercentage")).isEqualTo(5.0);
        }
    }

    /** The recorded event with Tickford's row of 1 % made 1.5, Frosbie's row 5 without id, a fixed win that is a list. */
    private static byte[] eventWithOddItems() throws IOException {
        ObjectNode root = (ObjectNode) TabFixtures.readTree("event-0f57e087-awapuni-r1-final-2025-07-17.json");
        JsonNode rows = root.path("data").path("money_tracker").path("entrants");
        assertThat(rows.get(24).path("entrant_id").asText()).isEqualTo(TICKFORD);
        assertThat(rows.get(5).path("entrant_id").asText()).isEqualTo(FROSBIE);
        ((ObjectNode) rows.get(24)).put("hold_percentage", 1.5);
        ((ObjectNode) rows.get(5)).remove("entrant_id");
        JsonNode dealersChoice = root.path("data").path("runners").get(2);
        assertThat(dealersChoice.path("entrant_id").asText()).isEqualTo(DEALERS_CHOICE);
        ((ObjectNode) dealersChoice.path("odds")).putArray("fixed_win").add(6.5);
        return JSON.writeValueAsBytes(root);
    }
}
