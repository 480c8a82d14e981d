package nz.raceday.ingest.polling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nz.raceday.ingest.mapping.RaceDayDocuments;
import nz.raceday.ingest.store.Document;
import nz.raceday.ingest.store.Write;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import nz.raceday.ingest.tab.TabPayloadParser;
import nz.raceday.ingest.tab.model.EventDetail;
import nz.raceday.ingest.testsupport.TabFixtures;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * One poll's batch of writes built from the recorded event (Awapuni R1, Final; advertised start 00:50 UTC), as is or
 * with its JSON edited, with expectations derived from the JSON or computed by hand.
 */
class PollDocumentsTest {

    private static final String FIXTURE = "event-0f57e087-awapuni-r1-final-2025-07-17.json";
    private static final String RACE = TabFixtures.RECORDED_EVENT_ID;
    private static final String TICKFORD = "61181b8c-a540-43a8-900c-83ebe680e218";
    /** Ten minutes before the advertised start. */
    private static final Instant POLL_TIME = Instant.parse("2025-07-17T00:40:00Z");
    private static final PollCounts COUNTS = new PollCounts(3, 2, 1);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TabPayloadParser parser = new TabPayloadParser();
    private final PollDocuments documents = new PollDocuments(new RaceDayDocuments());
    private final JsonNode data = TabFixtures.readTree(FIXTURE).path("data");

    private EventDetail recorded() {
        return parser.parseEvent(TabFixtures.read(FIXTURE), RACE);
    }

    /** The recorded event with its {@code data} object edited. */
    private EventDetail edited(Consumer<ObjectNode> edit) {
        ObjectNode root = (ObjectNode) TabFixtures.readTree(FIXTURE);
        edit.accept((ObjectNode) root.path("data"));
        try {
            return parser.parseEvent(JSON.writeValueAsBytes(root), RACE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode runner(ObjectNode data, String entrantId) {
        for (JsonNode runner : data.path("runners")) {
            if (runner.path("entrant_id").asText().equals(entrantId)) {
                return (ObjectNode) runner;
            }
        }
        throw new IllegalArgumentException(entrantId);
    }

    private PollDocuments.PollWrites build(EventDetail event) {
        return documents.build(event, POLL_TIME, Optional.empty(), new RaceMemory(), COUNTS);
    }

    private static List<Write> writesOf(PollDocuments.PollWrites writes, String collection) {
        return writes.batch().writes().stream().filter(w -> w.collectionId().equals(collection)).toList();
    }

    private static Map<String, Object> only(PollDocuments.PollWrites writes, String collection) {
        List<Write> of = writesOf(writes, collection);
        assertThat(of).as(collection).hasSize(1);
        return of.get(0).attributes();
    }

    private List<String> runnerIds() {
        List<String> ids = new ArrayList<>();
        data.path("runners").forEach(r -> ids.add(r.path("entrant_id").asText()));
        return ids;
    }

    @Nested
    class Batch {

        @Test
        void shouldWriteTheMeetingReferenceFirstAndTheRaceLast() {
            List<Write> writes = build(recorded()).batch().writes();

            // collections in order, consecutive repeats collapsed, and how many of each
            List<String> runs = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            for (Write w : writes) {
                if (!runs.isEmpty() && runs.get(runs.size() - 1).equals(w.collectionId())) {
                    sizes.set(sizes.size() - 1, sizes.get(sizes.size() - 1) + 1);
                } else {
                    runs.add(w.collectionId());
                    sizes.add(1);
                }
            }
            assertThat(runs).containsExactly(RaceDaySchema.MEETINGS, RaceDaySchema.ENTRANTS, RaceDaySchema.ODDS_HISTORY,
                    RaceDaySchema.MONEY_FLOW_HISTORY, RaceDaySchema.RACE_POOLS, RaceDaySchema.RACE_RESULTS,
                    RaceDaySchema.RACES);
            assertThat(sizes).containsExactly(1, 8, 32, 8, 1, 1, 1);
            assertThat(writes.get(0).documentId()).isEqualTo(TabFixtures.RECORDED_MEETING_ID);
            assertThat(writes.get(writes.size() - 1)).isInstanceOf(Write.Upsert.class)
                    .extracting(Write::documentId).isEqualTo(RACE);
        }

        @Test
        void shouldWriteResultsBeforeTheRaceTurnsFinal() {
            List<String> collections = build(recorded()).batch().writes().stream().map(Write::collectionId).toList();

            assertThat(collections.indexOf(RaceDaySchema.RACE_RESULTS)).isNotNegative()
                    .isLessThan(collections.indexOf(RaceDaySchema.RACES));
            assertThat(collections.indexOf(RaceDaySchema.RACE_POOLS)).isLessThan(collections.indexOf(RaceDaySchema.RACES));
        }

        @Test
        void shouldGiveTheSameInputsTheSameIdsOfAtMost36Characters() {
            List<String> first = build(recorded()).batch().writes().stream().map(Write::documentId).toList();
            List<String> second = build(recorded()).batch().writes().stream().map(Write::documentId).toList();

            assertThat(second).isEqualTo(first);
            assertThat(first).allSatisfy(id -> assertThat(id).hasSizeLessThanOrEqualTo(36));
            // unique within each collection (race, race-pools and race-results all use the race id)
            List<String> keys = build(recorded()).batch().writes().stream()
                    .map(w -> w.collectionId() + "/" + w.documentId()).toList();
            assertThat(new HashSet<>(keys)).hasSameSizeAs(keys);
        }

        @Test
        void shouldGiveHistoryRowsOfAnotherPollOtherIds() {
            PollDocuments.PollWrites first = build(recorded());
            PollDocuments.PollWrites later = documents.build(recorded(), POLL_TIME.plusSeconds(15), Optional.empty(),
                    new RaceMemory(), COUNTS);

            Set<String> ids = new HashSet<>();
            for (String collection : List.of(RaceDaySchema.ODDS_HISTORY, RaceDaySchema.MONEY_FLOW_HISTORY)) {
                writesOf(first, collection).forEach(w -> ids.add(w.documentId()));
                writesOf(later, collection).forEach(w -> ids.add(w.documentId()));
            }
            assertThat(ids).hasSize(2 * (32 + 8));
            assertThat(writesOf(later, RaceDaySchema.ODDS_HISTORY)).allSatisfy(w -> assertThat(w).isInstanceOf(Write.Create.class));
            assertThat(writesOf(later, RaceDaySchema.MONEY_FLOW_HISTORY)).allSatisfy(w -> assertThat(w).isInstanceOf(Write.Create.class));
        }
    }

    @Nested
    class OddsHistory {

        @Test
        void shouldWriteEveryRunnersFourPricesOnFirstSight() {
            PollDocuments.PollWrites writes = build(recorded());

            List<Object[]> expected = new ArrayList<>();
            for (JsonNode runner : data.path("runners")) {
                for (String type : List.of("fixed_win", "fixed_place", "pool_win", "pool_place")) {
                    expected.add(new Object[] {runner.path("entrant_id").asText(), type,
                            runner.path("odds").path(type).asDouble()});
                }
            }
            assertThat(writes.oddsRows()).hasSize(32);
            assertThat(writes.oddsRows()).extracting(w -> w.attributes().get("entrantId"), w -> w.attributes().get("type"),
                    w -> w.attributes().get("odds"))
                    .containsExactlyInAnyOrderElementsOf(expected.stream().map(e -> tuple(e)).toList());
            assertThat(writes.oddsRows()).allSatisfy(w -> {
                assertThat(w.collectionId()).isEqualTo(RaceDaySchema.ODDS_HISTORY);
                assertThat(w.attributes()).containsEntry("eventTimestamp", POLL_TIME).containsEntry("raceId", RACE)
                        .containsEntry("entrant", w.attributes().get("entrantId"));
            });
        }

        @Test
        void shouldWriteNothingWhenNoPriceChanged() {
            PollDocuments.PollWrites first = build(recorded());
            RaceMemory memory = new RaceMemory();
            first.oddsRows().forEach(row -> memory.rememberOdds((String) row.attributes().get("entrantId"),
                    (String) row.attributes().get("type"), (Double) row.attributes().get("odds")));

            PollDocuments.PollWrites second = documents.build(recorded(), POLL_TIME.plusSeconds(15), Optional.empty(),
                    memory, COUNTS);

            assertThat(second.oddsRows()).isEmpty();
            assertThat(writesOf(second, RaceDaySchema.ODDS_HISTORY)).isEmpty();
        }

        @Test
        void shouldWriteOneRowForOneChangedPrice() {
            RaceMemory memory = new RaceMemory();
            build(recorded()).oddsRows().forEach(row -> memory.rememberOdds((String) row.attributes().get("entrantId"),
                    (String) row.attributes().get("type"), (Double) row.attributes().get("odds")));
            EventDetail drifted = edited(d -> ((ObjectNode) runner(d, TICKFORD).path("odds")).put("fixed_win", 5.5));

            PollDocuments.PollWrites second = documents.build(drifted, POLL_TIME.plusSeconds(15), Optional.empty(),
                    memory, COUNTS);

            assertThat(second.oddsRows()).singleElement().satisfies(row -> assertThat(row.attributes())
                    .containsEntry("entrantId", TICKFORD).containsEntry("type", "fixed_win").containsEntry("odds", 5.5)
                    .containsEntry("eventTimestamp", POLL_TIME.plusSeconds(15)));
        }

        @Test
        void shouldWriteNoRowForAPriceTabNoLongerSends() {
            RaceMemory memory = new RaceMemory();
            build(recorded()).oddsRows().forEach(row -> memory.rememberOdds((String) row.attributes().get("entrantId"),
                    (String) row.attributes().get("type"), (Double) row.attributes().get("odds")));
            EventDetail withoutPrice = edited(d -> ((ObjectNode) runner(d, TICKFORD).path("odds")).remove("pool_win"));

            assertThat(documents.build(withoutPrice, POLL_TIME.plusSeconds(15), Optional.empty(), memory, COUNTS)
                    .oddsRows()).isEmpty();
        }
    }

    @Nested
    class MoneyFlowRows {

        @Test
        void shouldWriteOneBucketedRowPerRunnerAndNoneForUnknownEntrants() {
            PollDocuments.PollWrites writes = build(recorded());
            Set<String> trackerIds = new HashSet<>();
            data.path("money_tracker").path("entrants").forEach(r -> trackerIds.add(r.path("entrant_id").asText()));
            Set<String> unknown = new HashSet<>(trackerIds);
            unknown.removeAll(runnerIds());

            List<Write> rows = writesOf(writes, RaceDaySchema.MONEY_FLOW_HISTORY);

            assertThat(unknown).hasSize(3);
            assertThat(rows).extracting(w -> w.attributes().get("entrantId")).containsExactlyElementsOf(runnerIds())
                    .doesNotContainAnyElementsOf(unknown);
            assertThat(rows).allSatisfy(w -> assertThat(w.attributes()).containsEntry("type", "bucketed_aggregation")
                    .containsEntry("raceId", RACE).containsEntry("timeToStart", 10L).containsEntry("timeInterval", 10L)
                    .containsEntry("intervalType", "2m").containsEntry("pollingTimestamp", POLL_TIME)
                    .containsEntry("totalPoolAmount", 915_138L + 392_351L));
            assertThat(writes.moneyFlowRows()).hasSize(8);
        }

        @Test
        void shouldMeasureIncrementsAgainstAnEarlierBucketInMemory() {
            RaceMemory memory = new RaceMemory();
            memory.rememberAmounts(TICKFORD, 15, new MoneyFlow.Amounts(100_000L, 50_000L));

            PollDocuments.PollWrites writes = documents.build(recorded(), POLL_TIME, Optional.empty(), memory, COUNTS);

            Map<String, Object> tickford = writesOf(writes, RaceDaySchema.MONEY_FLOW_HISTORY).stream()
                    .filter(w -> w.attributes().get("entrantId").equals(TICKFORD)).findFirst().orElseThrow().attributes();
            // 18 % of 9151.38 and 3923.51: 164725 and 70623 cents, minus what bucket 15 had
            assertThat(tickford).containsEntry("winPoolAmount", 164_725L).containsEntry("placePoolAmount", 70_623L)
                    .containsEntry("incrementalWinAmount", 64_725L).containsEntry("incrementalPlaceAmount", 20_623L)
                    .containsEntry("incrementalAmount", 64_725L).containsEntry("holdPercentage", 18.0)
                    .containsEntry("betPercentage", 14.0).containsEntry("fixedWinOdds", 5.0)
                    .containsEntry("fixedPlaceOdds", 1.8).containsEntry("poolWinOdds", 4.4)
                    .containsEntry("poolPlaceOdds", 1.5);
            // the others have nothing earlier and are below the baseline bucket
            assertThat(writesOf(writes, RaceDaySchema.MONEY_FLOW_HISTORY)).filteredOn(w -> !w.attributes()
                    .get("entrantId").equals(TICKFORD)).allSatisfy(w -> assertThat(w.attributes())
                    .containsEntry("incrementalWinAmount", 0L).containsEntry("incrementalPlaceAmount", 0L));
            assertThat(writes.moneyFlowRows()).contains(new PollDocuments.MoneyFlowRow(TICKFORD, 10,
                    new MoneyFlow.Amounts(164_725L, 70_623L)));
        }

        @Test
        void shouldCarryTheFullAmountsInTheSixtyBucketOfAFirstPoll() {
            Instant sixtyOut = Instant.parse("2025-07-16T23:50:00Z");

            PollDocuments.PollWrites writes = documents.build(recorded(), sixtyOut, Optional.empty(), new RaceMemory(),
                    COUNTS);

            Map<String, Object> tickford = writesOf(writes, RaceDaySchema.MONEY_FLOW_HISTORY).stream()
                    .filter(w -> w.attributes().get("entrantId").equals(TICKFORD)).findFirst().orElseThrow().attributes();
            assertThat(tickford).containsEntry("timeInterval", 60L).containsEntry("intervalType", "5m")
                    .containsEntry("incrementalWinAmount", 164_725L).containsEntry("incrementalPlaceAmount", 70_623L);
        }

        @Test
        void shouldWriteNoMoneyFlowWithoutAMoneyTracker() {
            PollDocuments.PollWrites writes = build(edited(d -> d.remove("money_tracker")));

            assertThat(writesOf(writes, RaceDaySchema.MONEY_FLOW_HISTORY)).isEmpty();
            assertThat(writes.moneyFlowRows()).isEmpty();
            // the rest of the poll is still written
            assertThat(writesOf(writes, RaceDaySchema.ENTRANTS)).hasSize(8);
            assertThat(writesOf(writes, RaceDaySchema.RACES)).hasSize(1);
        }
    }

    @Nested
    class Pools {

        @Test
        void shouldStoreCentsAndARaceTotalWithoutTheEarlyQuadrella() {
            Map<String, Object> pools = only(build(recorded()), RaceDaySchema.RACE_POOLS);

            // 7976.24 + 3923.51 + 4617.92 + 5341.06 + 9151.38 = 31010.11 (EarlyQuadrella 8126.61 left out)
            assertThat(pools).containsEntry("totalRacePool", 3_101_011L).containsEntry("winPoolTotal", 915_138L)
                    .containsEntry("placePoolTotal", 392_351L).containsEntry("quinellaPoolTotal", 534_106L)
                    .containsEntry("trifectaPoolTotal", 797_624L).containsEntry("first4PoolTotal", 461_792L)
                    .containsEntry("currency", "$").containsEntry("raceId", RACE)
                    .doesNotContainKey("exactaPoolTotal");
            assertThat(pools.values()).doesNotContain(812_661L);
        }

        @Test
        void shouldWriteNoPoolsDocumentWithoutPools() {
            assertThat(writesOf(build(edited(d -> d.putArray("tote_pools"))), RaceDaySchema.RACE_POOLS)).isEmpty();
        }
    }

    @Nested
    class Results {

        private List<JsonNode> dividends(PollDocuments.PollWrites writes) {
            try {
                List<JsonNode> list = new ArrayList<>();
                JSON.readTree((String) only(writes, RaceDaySchema.RACE_RESULTS).get("dividendsData")).forEach(list::add);
                return list;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static List<String> keys(List<JsonNode> dividends) {
            return dividends.stream().map(d -> d.path("product_name").asText() + " " + d.path("status").asText() + " "
                    + d.path("description").asText()).sorted().toList();
        }

        @Test
        void shouldWriteNoResultsWhileOpenOrClosed() {
            for (String status : List.of("Open", "Closed")) {
                PollDocuments.PollWrites writes = build(edited(d -> ((ObjectNode) d.path("race")).put("status", status)));

                assertThat(writesOf(writes, RaceDaySchema.RACE_RESULTS)).as(status).isEmpty();
            }
        }

        @Test
        void shouldWriteTheInterimDividendsOnlyAtInterim() {
            PollDocuments.PollWrites writes = build(edited(d -> ((ObjectNode) d.path("race")).put("status", "Interim")));

            assertThat(only(writes, RaceDaySchema.RACE_RESULTS)).containsEntry("resultStatus", "interim")
                    .containsEntry("resultsAvailable", true).containsEntry("raceId", RACE);
            assertThat(keys(dividends(writes))).containsExactly(
                    "Pool First4 Interim 2:4:7:6", "Pool Place Interim 2", "Pool Place Interim 4",
                    "Pool Place Interim 7", "Pool Quinella Interim 2:4", "Pool Trifecta Interim 2:4:7",
                    "Pool Win Interim 2");
        }

        @Test
        void shouldWriteTheFinalDividendsOnceEachAtFinal() {
            // TAB repeats the Final win dividend with another id: stored once; the Place rows differ by selection
            EventDetail repeated = edited(d -> {
                ArrayNode dividends = (ArrayNode) d.path("dividends");
                for (JsonNode dividend : dividends) {
                    if (dividend.path("product_name").asText().equals("Pool Win")
                            && dividend.path("status").asText().equals("Final")) {
                        dividends.add(((ObjectNode) dividend.deepCopy()).put("id", "repeated-win-dividend"));
                        break;
                    }
                }
            });

            PollDocuments.PollWrites writes = build(repeated);

            assertThat(only(writes, RaceDaySchema.RACE_RESULTS)).containsEntry("resultStatus", "final");
            assertThat(keys(dividends(writes))).containsExactly(
                    "Pool First4 Final 2:4:7:6", "Pool Place Final 2", "Pool Place Final 4", "Pool Place Final 7",
                    "Pool Quinella Final 2:4", "Pool Trifecta Final 2:4:7", "Pool Win Final 2");
        }

        @Test
        void shouldWriteTheFinalDividendsForAFinalizedRace() {
            PollDocuments.PollWrites writes = build(edited(d -> ((ObjectNode) d.path("race")).put("status", "Finalized")));

            assertThat(only(writes, RaceDaySchema.RACE_RESULTS)).containsEntry("resultStatus", "final");
            assertThat(keys(dividends(writes))).hasSize(7).allSatisfy(k -> assertThat(k).contains(" Final "));
        }

        @Test
        void shouldWriteNoResultsWithoutResults() {
            assertThat(writesOf(build(edited(d -> d.putArray("results"))), RaceDaySchema.RACE_RESULTS)).isEmpty();
        }
    }

    @Nested
    class RaceDocument {

        private static Document stored(Map<String, Object> attributes) {
            return new Document(RaceDaySchema.RACES, RACE, "2025-07-16T19:00:00.000+00:00",
                    "2025-07-17T00:39:00.000+00:00", attributes);
        }

        private Map<String, Object> race(Optional<Document> stored) {
            PollDocuments.PollWrites writes = documents.build(recorded(), POLL_TIME, stored, new RaceMemory(), COUNTS);
            return only(writes, RaceDaySchema.RACES);
        }

        @Test
        void shouldCarryStatusPollTimeAndCounts() {
            assertThat(race(Optional.empty())).containsEntry("status", "Final").containsEntry("last_poll_time", POLL_TIME)
                    .containsEntry("pollsPlanned", 3L).containsEntry("pollsMade", 2L).containsEntry("pollsMissed", 1L);
        }

        @Test
        void shouldSetLastStatusChangeOnlyWhenTheStoredStatusDiffers() {
            assertThat(race(Optional.of(stored(Map.of("status", "Interim")))))
                    .containsEntry("lastStatusChange", POLL_TIME);
            assertThat(race(Optional.of(stored(Map.of("status", "Final"))))).doesNotContainKey("lastStatusChange");
            assertThat(race(Optional.empty())).doesNotContainKey("lastStatusChange");
            assertThat(documents.build(recorded(), POLL_TIME, Optional.of(stored(Map.of("status", "Interim"))),
                    new RaceMemory(), COUNTS).previousStatus()).isEqualTo("Interim");
        }

        @Test
        void shouldSetFinalizedAtOnce() {
            assertThat(race(Optional.of(stored(Map.of("status", "Interim"))))).containsEntry("finalizedAt", POLL_TIME);
            assertThat(race(Optional.of(stored(Map.of("status", "Final", "finalizedAt",
                    "2025-07-17T00:58:00.000+00:00"))))).doesNotContainKey("finalizedAt");
        }

        @Test
        void shouldNotSetFinalizedAtBeforeFinal() {
            PollDocuments.PollWrites writes = documents.build(
                    edited(d -> ((ObjectNode) d.path("race")).put("status", "Interim")), POLL_TIME,
                    Optional.of(stored(Map.of("status", "Closed"))), new RaceMemory(), COUNTS);

            assertThat(only(writes, RaceDaySchema.RACES)).containsEntry("status", "Interim")
                    .containsEntry("lastStatusChange", POLL_TIME).doesNotContainKey("finalizedAt")
                    .doesNotContainKey("abandonedAt");
        }
    }
}
