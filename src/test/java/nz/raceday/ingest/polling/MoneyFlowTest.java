package nz.raceday.ingest.polling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import nz.raceday.ingest.polling.MoneyFlow.Amounts;
import nz.raceday.ingest.polling.MoneyFlow.Share;
import nz.raceday.ingest.tab.model.MoneyTrackerRow;
import nz.raceday.ingest.testsupport.TabFixtures;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Money-flow maths (domain-spec §5 with its defects fixed) against hand-computed values and the recorded event. */
class MoneyFlowTest {

    private static final JsonNode EVENT = TabFixtures.readTree("event-0f57e087-awapuni-r1-final-2025-07-17.json")
            .path("data");
    private static final String TICKFORD = "61181b8c-a540-43a8-900c-83ebe680e218";
    private static final String KEEPITINYOURWALLET = "8f3f3ac0-5689-4ec6-a560-c8b451bb383d";
    private static final String FLOR_DE_CANA = "8536e165-37a6-4ee0-94be-21544b10217c";

    @Nested
    class TimeInterval {

        @ParameterizedTest(name = "{0} min -> bucket {1}")
        @CsvSource({
            "75, 60", "61, 60", "60, 60", "59, 55", "55, 55", "54, 50", "31, 30", "30, 30", "29, 25",
            "11, 10", "10, 10", "9, 5", "6, 5", "5, 5", "4, 4", "3, 3", "2, 2", "1, 1", "0, 0",
            "-1, -1", "-2, -2", "-5, -5", "-6, -6", "-30, -30", "-64, -64",
        })
        void shouldPutMinutesToStartIntoTheTimelineColumn(int minutes, int bucket) {
            assertThat(MoneyFlow.timeInterval(minutes)).isEqualTo(bucket);
        }

        @Test
        void shouldTakeTheWholeMinutesOfAFractionalTime() {
            // the attribute is integer: 4.9 minutes is passed as (int) 4.9 = 4, a column of its own
            assertThat(MoneyFlow.timeInterval((int) 4.9)).isEqualTo(4);
            assertThat(MoneyFlow.timeInterval((int) 59.9)).isEqualTo(55);
        }
    }

    @Nested
    class IntervalType {

        @ParameterizedTest(name = "{0} min -> {1}")
        @CsvSource({
            "61, 5m", "31, 5m", "30, 2m", "6, 2m", "5, 30s", "1, 30s", "0, live", "-1, live", "-30, live",
        })
        void shouldNameTheCadenceOfTheBucket(int minutes, String type) {
            assertThat(MoneyFlow.intervalType(minutes)).isEqualTo(type);
        }
    }

    @Nested
    class TimeToStart {

        private final Instant start = Instant.parse("2025-07-17T00:50:00Z");

        @ParameterizedTest(name = "{0} s before the start -> {1} min")
        @CsvSource({
            "3600, 60",
            "869, 14",    // 14 min 29 s
            "870, 15",    // 14 min 30 s: half up
            "871, 15",
            "600, 10",
            "29, 0",
            "0, 0",
            "-29, 0",     // 29 s after the start
            "-30, 0",     // half up: -0.5 rounds towards +infinity
            "-31, -1",
            "-89, -1",
            "-90, -1",    // -1.5 rounds half up to -1
            "-91, -2",
        })
        void shouldRoundMinutesToTheAdvertisedStartHalfUp(long secondsBefore, int minutes) {
            assertThat(MoneyFlow.timeToStart(start, start.minusSeconds(secondsBefore))).isEqualTo(minutes);
        }

        @Test
        void shouldRoundAtMillisecondPrecision() {
            assertThat(MoneyFlow.timeToStart(start, start.minus(Duration.ofSeconds(869, 999_000_000)))).isEqualTo(14);
            assertThat(MoneyFlow.timeToStart(start, start.minus(Duration.ofSeconds(870)))).isEqualTo(15);
        }
    }

    @Nested
    class Shares {

        private final List<MoneyTrackerRow> rows = new ArrayList<>();
        private final List<String> runnerIds = new ArrayList<>();

        Shares() {
            EVENT.path("money_tracker").path("entrants").forEach(r -> rows.add(new MoneyTrackerRow(
                    r.path("entrant_id").asText(), r.path("hold_percentage").asInt(), r.path("bet_percentage").asInt())));
            EVENT.path("runners").forEach(r -> runnerIds.add(r.path("entrant_id").asText()));
        }

        @Test
        void shouldReadTheRecordedTrackerAsTheSpecDescribesIt() {
            Set<String> trackerIds = new HashSet<>();
            rows.forEach(r -> trackerIds.add(r.entrantId()));

            assertThat(rows).hasSize(76);
            assertThat(trackerIds).hasSize(11);
            assertThat(runnerIds).hasSize(8);
            assertThat(trackerIds).containsAll(runnerIds);
        }

        @Test
        void shouldSumEveryRowOfEachRunner() {
            Map<String, Share> expected = new LinkedHashMap<>();
            for (String id : runnerIds) {
                int hold = 0;
                int bet = 0;
                for (JsonNode r : EVENT.path("money_tracker").path("entrants")) {
                    if (r.path("entrant_id").asText().equals(id)) {
                        hold += r.path("hold_percentage").asInt();
                        bet += r.path("bet_percentage").asInt();
                    }
                }
                expected.put(id, new Share(hold, bet));
            }

            Map<String, Share> shares = MoneyFlow.shares(rows, runnerIds);

            assertThat(shares).containsExactlyEntriesOf(expected);
            // summed by hand from the fixture: Tickford 9 rows, Keepitinyourwallet 10 rows
            assertThat(shares.get(TICKFORD)).isEqualTo(new Share(18, 14));
            assertThat(shares.get(KEEPITINYOURWALLET)).isEqualTo(new Share(19, 19));
            assertThat(shares.get(FLOR_DE_CANA)).isEqualTo(new Share(2, 3));
        }

        @Test
        void shouldDropRowsOfEntrantsThatAreNotRunners() {
            Map<String, Share> shares = MoneyFlow.shares(rows, runnerIds);

            assertThat(shares.keySet()).containsExactlyElementsOf(runnerIds);
            // 101 % over all 11 ids; the three ids that are not runners hold 8 % (one row of 8, two of 0)
            assertThat(shares.values().stream().mapToDouble(Share::hold).sum()).isEqualTo(93.0);
            assertThat(rows.stream().mapToDouble(MoneyTrackerRow::holdPercentage).sum()).isEqualTo(101.0);
        }

        @Test
        void shouldGiveARunnerWithoutRowsAZeroShare() {
            Map<String, Share> shares = MoneyFlow.shares(
                    List.of(new MoneyTrackerRow("a", 3, 4), new MoneyTrackerRow("x", 50, 50), new MoneyTrackerRow("a", 2, 1)),
                    List.of("b", "a"));

            assertThat(shares).containsExactly(Map.entry("b", new Share(0, 0)), Map.entry("a", new Share(5, 5)));
        }
    }

    @Nested
    class AmountsInCents {

        @Test
        void shouldConvertTheRecordedPoolsToCents() {
            assertThat(MoneyFlow.cents(9151.38)).isEqualTo(915_138L);
            assertThat(MoneyFlow.cents(3923.51)).isEqualTo(392_351L);
            assertThat(MoneyFlow.cents(0.29)).isEqualTo(29L);
            assertThat(MoneyFlow.cents(0)).isZero();
        }

        @Test
        void shouldApplyTheHoldShareToBothPools() {
            // Tickford 18 %: 915138 × 0.18 = 164724.84 → 164725; 392351 × 0.18 = 70623.18 → 70623
            assertThat(MoneyFlow.amounts(915_138L, 392_351L, 18)).isEqualTo(new Amounts(164_725L, 70_623L));
            // Keepitinyourwallet 19 %: 173876.22 → 173876; 74546.69 → 74547
            assertThat(MoneyFlow.amounts(915_138L, 392_351L, 19)).isEqualTo(new Amounts(173_876L, 74_547L));
        }

        @Test
        void shouldGiveNothingForNoShareOrNoPool() {
            assertThat(MoneyFlow.amounts(915_138L, 392_351L, 0)).isEqualTo(new Amounts(0, 0));
            assertThat(MoneyFlow.amounts(0, 0, 18)).isEqualTo(new Amounts(0, 0));
        }
    }

    @Nested
    class Increments {

        private final Amounts current = new Amounts(164_725L, 70_623L);

        @Test
        void shouldCarryTheFullAmountsInABaselineBucketWithNothingEarlier() {
            assertThat(MoneyFlow.increments(new TreeMap<>(), null, 60, current)).isEqualTo(current);
            assertThat(MoneyFlow.increments(new TreeMap<>(), null, 55, current)).isEqualTo(current);
        }

        @Test
        void shouldBeZeroBelowTheBaselineWithNothingEarlier() {
            assertThat(MoneyFlow.increments(new TreeMap<>(), null, 50, current)).isEqualTo(new Amounts(0, 0));
            assertThat(MoneyFlow.increments(new TreeMap<>(), null, 10, current)).isEqualTo(new Amounts(0, 0));
            assertThat(MoneyFlow.increments(new TreeMap<>(), null, -3, current)).isEqualTo(new Amounts(0, 0));
        }

        @Test
        void shouldMeasureAgainstTheNearestEarlierBucketOnly() {
            TreeMap<Integer, Amounts> earlier = new TreeMap<>();
            earlier.put(60, new Amounts(100_000L, 40_000L));
            earlier.put(55, new Amounts(150_000L, 60_000L));
            earlier.put(20, new Amounts(1L, 1L));

            // bucket 50: nearest earlier (higher) bucket is 55, not 60; the later bucket 20 plays no part
            assertThat(MoneyFlow.increments(earlier, null, 50, current)).isEqualTo(new Amounts(14_725L, 10_623L));
        }

        @Test
        void shouldNotMeasureAgainstAnEarlierRowOfTheSameBucket() {
            TreeMap<Integer, Amounts> earlier = new TreeMap<>();
            earlier.put(15, new Amounts(120_000L, 50_000L));
            earlier.put(10, new Amounts(160_000L, 70_000L));

            // a second poll in bucket 10 still measures against bucket 15
            assertThat(MoneyFlow.increments(earlier, null, 10, current)).isEqualTo(new Amounts(44_725L, 20_623L));
        }

        @Test
        void shouldMeasureABaselineBucketAgainstAnEarlierOne() {
            TreeMap<Integer, Amounts> earlier = new TreeMap<>();
            earlier.put(60, new Amounts(160_000L, 70_000L));

            assertThat(MoneyFlow.increments(earlier, null, 55, current)).isEqualTo(new Amounts(4_725L, 623L));
        }

        @Test
        void shouldNotWriteASecondBaselineWhenAMovedStartPutsAPollAboveTheEarlierBuckets() {
            // issue 10 item 4a: first poll at T-57 (bucket 55, the full amounts); the start moves later and the next
            // poll lands in bucket 60, above every stored bucket: measured against bucket 55's row, not a baseline
            TreeMap<Integer, Amounts> earlier = new TreeMap<>();
            earlier.put(55, new Amounts(164_725L, 70_623L));
            Amounts later = new Amounts(182_725L, 71_623L);

            assertThat(MoneyFlow.increments(earlier, new Amounts(164_725L, 70_623L), 60, later))
                    .isEqualTo(new Amounts(18_000L, 1_000L));
        }

        @Test
        void shouldMeasureAcrossTheStart() {
            TreeMap<Integer, Amounts> earlier = new TreeMap<>();
            earlier.put(1, new Amounts(160_000L, 70_000L));
            earlier.put(0, new Amounts(164_000L, 70_500L));

            assertThat(MoneyFlow.increments(earlier, null, -1, current)).isEqualTo(new Amounts(725L, 123L));
        }

        @Test
        void shouldAllowNegativeIncrementsWhenMoneyLeaves() {
            TreeMap<Integer, Amounts> earlier = new TreeMap<>();
            earlier.put(10, new Amounts(200_000L, 80_000L));

            assertThat(MoneyFlow.increments(earlier, null, 5, current)).isEqualTo(new Amounts(-35_275L, -9_377L));
        }
    }
}
