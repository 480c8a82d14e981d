package nz.raceday.ingest.polling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nz.raceday.ingest.store.Document;
import nz.raceday.ingest.store.DocumentQuery;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import nz.raceday.ingest.testsupport.RacedayRouteTestSupport;
import nz.raceday.ingest.testsupport.TabFixtures;
import nz.raceday.ingest.testsupport.TabTestServer.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Polling the recorded real event (Awapuni R1, Final) through direct:race-poll, on an empty store. */
class RecordedEventPollRouteTest extends RacedayRouteTestSupport {

    private static final String RACE = TabFixtures.RECORDED_EVENT_ID;
    private static final Instant POLL_TIME = Instant.parse("2025-07-17T00:40:00Z");

    private final JsonNode event = TabFixtures.readTree("event-0f57e087-awapuni-r1-final-2025-07-17.json").path("data");
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void tenMinutesBeforeTheStart() {
        clock.set(POLL_TIME);
    }

    @Test
    void shouldCreateTheRaceAndAReferenceToItsMeetingFromTheEvent() {
        RacePolling.PollOutcome outcome = poll();

        assertThat(outcome.failure()).isNull();
        Document race = store().get(RaceDaySchema.RACES, RACE).orElseThrow();
        assertThat(race.getString("status")).isEqualTo("Final");
        assertThat(race.getString("name")).isEqualTo("PRYDA HANDICAP 1700");
        assertThat(race.getString("startTime")).isEqualTo("2025-07-17T00:50:00.000+00:00");
        assertThat(race.getString("actualStart")).isEqualTo("2025-07-17T00:52:46.000+00:00");
        assertThat(race.getString("finalizedAt")).isEqualTo("2025-07-17T00:40:00.000+00:00");
        assertThat(race.getString("last_poll_time")).isEqualTo("2025-07-17T00:40:00.000+00:00");
        assertThat(race.getLong("fieldSize")).isEqualTo(8L);
        assertThat(race.getLong("pollsMade")).isEqualTo(1L);
        assertThat(race.getString("meeting")).isEqualTo(TabFixtures.RECORDED_MEETING_ID);
        Document meeting = store().get(RaceDaySchema.MEETINGS, TabFixtures.RECORDED_MEETING_ID).orElseThrow();
        assertThat(meeting.getString("meetingName")).isEqualTo("Awapuni Synthetic");
        assertThat(meeting.getString("country")).isEqualTo("NZ");
        assertThat(meeting.getString("category")).isEqualTo("T");
        assertThat(meeting.getString("raceType")).isEqualTo("Thoroughbred Horse Racing");
        assertThat(meeting.getString("date")).isEqualTo("2025-07-17T00:00:00.000+00:00");
        // what the poll asked for
        assertThat(tab.requests()).singleElement().satisfies(r -> assertThat(r.query())
                .containsEntry("with_money_tracker", "true").containsEntry("with_tote_trends_data", "true"));
    }

    @Test
    void shouldStorePoolsInCentsWithARaceTotalWithoutMultiRacePools() {
        poll();

        Document pools = store().get(RaceDaySchema.RACE_POOLS, RACE).orElseThrow();
        Map<String, Long> cents = new HashMap<>();
        long singleRaceTotal = 0;
        for (JsonNode pool : event.path("tote_pools")) {
            long value = Math.round(pool.path("total").asDouble() * 100);
            cents.put(pool.path("product_type").asText(), value);
            if (!pool.path("product_type").asText().equals("EarlyQuadrella")) {
                singleRaceTotal += value;
            }
        }
        assertThat(pools.getLong("winPoolTotal")).isEqualTo(915138L).isEqualTo(cents.get("Win"));
        assertThat(pools.getLong("placePoolTotal")).isEqualTo(392351L).isEqualTo(cents.get("Place"));
        assertThat(pools.getLong("quinellaPoolTotal")).isEqualTo(cents.get("Quinella"));
        assertThat(pools.getLong("trifectaPoolTotal")).isEqualTo(cents.get("Trifecta"));
        assertThat(pools.getLong("first4PoolTotal")).isEqualTo(cents.get("FirstFour"));
        assertThat(pools.getLong("totalRacePool")).isEqualTo(singleRaceTotal).isEqualTo(3101011L);
        assertThat(pools.getString("currency")).isEqualTo("$");
    }

    @Test
    void shouldStoreResultsAndTheFinalDividendsOnceEach() throws Exception {
        poll();

        Document results = store().get(RaceDaySchema.RACE_RESULTS, RACE).orElseThrow();
        assertThat(results.getString("raceId")).isEqualTo(RACE);
        assertThat(results.getBoolean("resultsAvailable")).isTrue();
        assertThat(results.getString("resultStatus")).isEqualTo("final");
        assertThat(json.readTree(results.getString("resultsData"))).isEqualTo(event.path("results"));
        JsonNode dividends = json.readTree(results.getString("dividendsData"));
        List<String> expected = java.util.stream.StreamSupport.stream(event.path("dividends").spliterator(), false)
                .filter(d -> d.path("status").asText().equals("Final"))
                .map(d -> d.path("product_name").asText() + " " + d.path("description").asText()).sorted().toList();
        assertThat(java.util.stream.StreamSupport.stream(dividends.spliterator(), false)
                .map(d -> d.path("product_name").asText() + " " + d.path("description").asText()).sorted().toList())
                .isEqualTo(expected).hasSize(7);
        assertThat(dividends).allSatisfy(d -> assertThat(d.path("dividend").isNumber()).isTrue());
        JsonNode fixedOdds = json.readTree(results.getString("fixedOddsData"));
        assertThat(fixedOdds.size()).isEqualTo(8);
        assertThat(fixedOdds.path("1").path("fixed_win").asDouble()).isEqualTo(5.0);
        assertThat(fixedOdds.path("1").path("runner_name").asText()).isEqualTo("Tickford");
    }

    @Test
    void shouldStoreEveryRunnerWithItsFourOddsAndWriteOddsHistoryOnlyOnChange() {
        poll();

        assertThat(store().list(RaceDaySchema.ENTRANTS, DocumentQuery.all().equal("raceId", RACE))).hasSize(8);
        List<Document> history = store().list(RaceDaySchema.ODDS_HISTORY, DocumentQuery.all().equal("raceId", RACE));
        // first sight: every runner's four prices
        assertThat(history).hasSize(8 * 4);
        assertThat(history).allSatisfy(row -> assertThat(row.getString("eventTimestamp"))
                .isEqualTo("2025-07-17T00:40:00.000+00:00"));
        Document tickford = history.stream().filter(r -> r.getString("entrantId")
                .equals("61181b8c-a540-43a8-900c-83ebe680e218") && r.getString("type").equals("fixed_place"))
                .findFirst().orElseThrow();
        assertThat(tickford.getDouble("odds")).isEqualTo(1.8);

        clock.advance(Duration.ofSeconds(15));
        poll();

        // same prices: nothing new
        assertThat(store().list(RaceDaySchema.ODDS_HISTORY, DocumentQuery.all().equal("raceId", RACE))).hasSize(32);
    }

    @Test
    void shouldAppendOneMoneyFlowRowPerRunnerFromTheSummedMoneyTracker() {
        poll();

        List<Document> rows = store().list(RaceDaySchema.MONEY_FLOW_HISTORY, DocumentQuery.all().equal("raceId", RACE));
        Set<String> runners = java.util.stream.StreamSupport.stream(event.path("runners").spliterator(), false)
                .map(r -> r.path("entrant_id").asText()).collect(Collectors.toSet());
        assertThat(rows).hasSize(8).extracting(d -> d.getString("entrantId")).containsExactlyInAnyOrderElementsOf(runners);
        Map<String, Integer> holds = new HashMap<>();
        event.path("money_tracker").path("entrants").forEach(r -> holds.merge(r.path("entrant_id").asText(),
                r.path("hold_percentage").asInt(), Integer::sum));
        for (Document row : rows) {
            assertThat(row.getString("type")).isEqualTo("bucketed_aggregation");
            assertThat(row.getDouble("holdPercentage")).isEqualTo(holds.get(row.getString("entrantId")).doubleValue());
            // 10 minutes to the start: the 10 bucket, and no earlier bucket so no increment
            assertThat(row.getLong("timeToStart")).isEqualTo(10L);
            assertThat(row.getLong("timeInterval")).isEqualTo(10L);
            assertThat(row.getString("intervalType")).isEqualTo("2m");
            assertThat(row.getLong("incrementalWinAmount")).isZero();
        }
        // Tickford: 18 % of the 9151.38 win pool and of the 3923.51 place pool, in cents
        Document tickford = rows.stream().filter(r -> r.getString("entrantId")
                .equals("61181b8c-a540-43a8-900c-83ebe680e218")).findFirst().orElseThrow();
        assertThat(tickford.getDouble("holdPercentage")).isEqualTo(18.0);
        assertThat(tickford.getLong("winPoolAmount")).isEqualTo(164725L);
        assertThat(tickford.getLong("placePoolAmount")).isEqualTo(70623L);
        assertThat(tickford.getDouble("fixedWinOdds")).isEqualTo(5.0);
        // the rows of the three entrant ids that are not runners are dropped
        assertThat(holds.keySet()).hasSize(11);
    }

    @Test
    void shouldRecordAPollThatFailsAfterItsRetriesAsMissed() {
        tab.failEvent(RACE, Response.status(503));

        RacePolling.PollOutcome outcome = poll();

        assertThat(outcome.failure()).isEqualTo("TAB answered HTTP 503 for events/" + RACE);
        assertThat(store().list(RaceDaySchema.IMPORT_FAILURES, DocumentQuery.all().equal("raceId", RACE)))
                .singleElement().satisfies(f -> {
                    assertThat(f.getString("step")).isEqualTo("poll");
                    assertThat(f.getString("reason")).contains("HTTP 503");
                });
        assertThat(store().get(RaceDaySchema.RACES, RACE)).isEmpty();
    }

    private RacePolling.PollOutcome poll() {
        RacePolling polling = context.getRegistry().lookupByNameAndType("racePolling", RacePolling.class);
        return template.requestBody("direct:race-poll", polling.adHocSlot(RACE), RacePolling.PollOutcome.class);
    }
}
