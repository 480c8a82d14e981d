package nz.raceday.ingest.polling;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nz.raceday.ingest.mapping.RaceDayDocuments;
import nz.raceday.ingest.store.Document;
import nz.raceday.ingest.store.DocumentQuery;
import nz.raceday.ingest.store.WriteBatch;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import nz.raceday.ingest.store.sqlite.SqliteRaceStore;
import nz.raceday.ingest.tab.TabCall;
import nz.raceday.ingest.tab.TabPayloadParser;
import nz.raceday.ingest.testsupport.MutableClock;
import nz.raceday.ingest.testsupport.TabFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The poller facade on a real SQLite store and a hand-moved clock: planning from the store, cycles, failures. */
class RacePollingTest {

    private static final Instant NOW = Instant.parse("2025-07-17T01:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(NOW);
    private SqliteRaceStore store;
    private RacePolling polling;

    @BeforeEach
    void openStore() {
        store = SqliteRaceStore.open(dir.resolve("raceday.db"), clock);
        polling = newPolling();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private RacePolling newPolling() {
        return new RacePolling(store, new TabPayloadParser(), new PollDocuments(new RaceDayDocuments()),
                PollingCadence.defaults(), clock);
    }

    private void storeRace(String raceId, Instant start, String status) {
        storeRace(raceId, start, status, Map.of());
    }

    private void storeRace(String raceId, Instant start, String status, Map<String, Object> more) {
        Map<String, Object> race = new LinkedHashMap<>();
        race.put("raceId", raceId);
        race.put("name", "Race " + raceId);
        race.put("raceNumber", 1L);
        race.put("startTime", start);
        race.put("status", status);
        race.putAll(more);
        store.apply(new WriteBatch().upsert(RaceDaySchema.RACES, raceId, race));
    }

    private List<PollSlot> dueNow(RacePolling poller) {
        return poller.schedule().due(clock.instant()).polls();
    }

    private Document storedRace(String raceId) {
        return store.get(RaceDaySchema.RACES, raceId).orElseThrow();
    }

    @Nested
    class PlanningFromTheStore {

        @BeforeEach
        void seed() {
            storeRace("in-window", NOW.plus(Duration.ofMinutes(30)), "Open");
            storeRace("upper-edge", NOW.plus(Duration.ofMinutes(61)), "Open");
            storeRace("too-far", NOW.plus(Duration.ofMinutes(62)), "Open");
            storeRace("lower-edge", NOW.minus(Duration.ofMinutes(120)), "Closed");
            storeRace("too-old", NOW.minus(Duration.ofMinutes(121)), "Open");
            storeRace("interim", NOW.minus(Duration.ofMinutes(5)), "Interim");
            storeRace("final", NOW.minus(Duration.ofMinutes(10)), "Final");
            storeRace("finalized", NOW.minus(Duration.ofMinutes(10)), "Finalized");
            storeRace("abandoned", NOW.plus(Duration.ofMinutes(10)), "Abandoned");
        }

        @Test
        void shouldPlanUnfinishedRacesStartingWithinTheWindowAndTheGiveUpTime() {
            RacePolling.PlanSummary summary = polling.planFromStore();

            assertThat(summary).isEqualTo(new RacePolling.PlanSummary(4, 4, 0, 0));
            PollSchedule schedule = polling.schedule();
            assertThat(schedule.nextPollOf("in-window")).contains(NOW);
            assertThat(schedule.nextPollOf("upper-edge")).contains(NOW.plus(Duration.ofMinutes(1)));
            assertThat(schedule.nextPollOf("lower-edge")).contains(NOW);
            assertThat(schedule.nextPollOf("interim")).contains(NOW);
            for (String ignored : List.of("too-far", "too-old", "final", "finalized", "abandoned")) {
                assertThat(schedule.nextPollOf(ignored)).as(ignored).isEmpty();
                assertThat(schedule.counts(ignored)).as(ignored).isEmpty();
            }
        }

        @Test
        void shouldChangeNothingWhenTheStoreDidNotChange() {
            polling.planFromStore();

            assertThat(polling.planFromStore()).isEqualTo(new RacePolling.PlanSummary(4, 0, 0, 0));
        }

        @Test
        void shouldFollowTheStoreAsItChanges() {
            polling.planFromStore();
            storeRace("in-window", NOW.plus(Duration.ofMinutes(30)), "Final");
            storeRace("upper-edge", NOW.plus(Duration.ofMinutes(62)), "Open");
            clock.advance(Duration.ofMinutes(1));

            RacePolling.PlanSummary summary = polling.planFromStore();

            // in-window turned Final and lower-edge fell past the give-up time: dropped; too-far entered the window;
            // upper-edge's start moved a minute later: re-planned on its new window
            assertThat(summary).isEqualTo(new RacePolling.PlanSummary(3, 1, 1, 2));
            assertThat(polling.schedule().nextPollOf("in-window")).isEmpty();
            assertThat(polling.schedule().nextPollOf("lower-edge")).isEmpty();
            assertThat(polling.schedule().nextPollOf("too-far")).contains(NOW.plus(Duration.ofMinutes(2)));
            assertThat(polling.schedule().nextPollOf("upper-edge")).contains(NOW.plus(Duration.ofMinutes(2)));
        }
    }

    /** The polling cycles: one per planned race, each told how long to wait and which hops its turn takes. */
    @Nested
    class Cycles {

        private RaceCycle cycleOf(List<RaceCycle> cycles, String raceId) {
            return cycles.stream().filter(c -> c.raceId().equals(raceId)).findFirst().orElseThrow();
        }

        @Test
        void shouldPollOnlyTheRaceWhoseTurnCame() {
            polling.connectCycles(() -> { }, Duration.ofMinutes(5));
            storeRace("now", NOW.plus(Duration.ofMinutes(12)), "Open");
            storeRace("later", NOW.plus(Duration.ofMinutes(61)), "Open");
            polling.planFromStore();
            List<RaceCycle> cycles = polling.cyclesToStart();
            assertThat(cycles).extracting(RaceCycle::raceId).containsExactlyInAnyOrder("now", "later");
            clock.advance(Duration.ofSeconds(30));

            RaceCycle now = cycleOf(cycles, "now");
            assertThat(polling.cycleWaitMillis(now)).isZero();
            assertThat(polling.cycleHops(now)).containsExactly(RacePolling.POLL_HOP);
            assertThat(now.slot()).satisfies(slot -> {
                assertThat(slot.raceId()).isEqualTo("now");
                assertThat(slot.plannedAt()).isEqualTo(NOW);
                assertThat(slot.dispatchedAt()).isEqualTo(NOW.plusSeconds(30));
                assertThat(slot.status()).isEqualTo("Open");
            });
            RaceCycle later = cycleOf(cycles, "later");
            assertThat(polling.cycleWaitMillis(later)).isEqualTo(Duration.ofSeconds(30).toMillis());
            assertThat(polling.cycleHops(later)).containsExactly(RacePolling.CONTINUE_HOP);
            // one cycle per race: the planner starts no second one
            polling.planFromStore();
            assertThat(polling.cyclesToStart()).isEmpty();

            clock.set(NOW.plus(Duration.ofMinutes(1)));
            assertThat(polling.cycleHops(later)).containsExactly(RacePolling.POLL_HOP);
            assertThat(later.slot().plannedAt()).isEqualTo(NOW.plus(Duration.ofMinutes(1)));
        }

        @Test
        void shouldWaitNoLongerThanTheLongestWaitBeforeLookingAgain() {
            storeRace("later", NOW.plus(Duration.ofMinutes(61)), "Open");
            polling.connectCycles(() -> { }, Duration.ofSeconds(10));
            polling.planFromStore();
            RaceCycle cycle = polling.cyclesToStart().get(0);

            assertThat(polling.cycleWaitMillis(cycle)).isEqualTo(10_000L);
            clock.advance(Duration.ofSeconds(59));
            assertThat(polling.cycleWaitMillis(cycle)).isEqualTo(1_000L);
            assertThat(polling.cycleHops(cycle)).containsExactly(RacePolling.CONTINUE_HOP);
            clock.advance(Duration.ofSeconds(1));
            assertThat(polling.cycleWaitMillis(cycle)).isZero();
            assertThat(polling.cycleHops(cycle)).containsExactly(RacePolling.POLL_HOP);
        }

        @Test
        void shouldFinishTheCycleOfARaceThePlannerDroppedAndStartANewOneWhenItComesBack() {
            storeRace("race-1", NOW.plus(Duration.ofMinutes(30)), "Open");
            polling.planFromStore();
            RaceCycle cycle = polling.cyclesToStart().get(0);
            List<String> woken = new java.util.ArrayList<>();
            polling.connectCycles(() -> woken.add("woken"), Duration.ofSeconds(10));
            storeRace("race-1", NOW.plus(Duration.ofMinutes(30)), "Abandoned");

            polling.planFromStore();

            assertThat(woken).as("cycles woken to see the new plan").isNotEmpty();
            assertThat(polling.cycleWaitMillis(cycle)).isZero();
            assertThat(polling.cycleHops(cycle)).containsExactly(RacePolling.FINISH_HOP);
            storeRace("race-1", NOW.plus(Duration.ofMinutes(30)), "Open");
            polling.planFromStore();
            assertThat(polling.cyclesToStart()).extracting(RaceCycle::raceId).containsExactly("race-1");
        }

        @Test
        void shouldWakeTheCyclesWhenAStartMoves() {
            storeRace("race-1", NOW.plus(Duration.ofMinutes(30)), "Open");
            polling.planFromStore();
            RaceCycle cycle = polling.cyclesToStart().get(0);
            assertThat(polling.cycleHops(cycle)).containsExactly(RacePolling.POLL_HOP);
            polling.pollFailed(cycle.slot(), new IllegalStateException("TAB answered HTTP 503"));
            List<String> woken = new java.util.ArrayList<>();
            polling.connectCycles(() -> woken.add("woken"), Duration.ofMinutes(10));
            // T-25 is next, in 5 minutes; the start moves 20 minutes earlier: now is T-10, T-9 comes in a minute
            assertThat(polling.cycleWaitMillis(cycle)).isEqualTo(Duration.ofMinutes(5).toMillis());
            storeRace("race-1", NOW.plus(Duration.ofMinutes(10)), "Open");

            polling.planFromStore();

            assertThat(woken).isNotEmpty();
            assertThat(polling.cycleWaitMillis(cycle)).isEqualTo(Duration.ofMinutes(1).toMillis());
        }

        @Test
        void shouldStopPollingAndForgetThePlanWhenLeadershipIsLost() {
            java.util.concurrent.atomic.AtomicBoolean leader = new java.util.concurrent.atomic.AtomicBoolean(true);
            polling.followLeadership(leader::get);
            storeRace("race-1", NOW.plus(Duration.ofMinutes(30)), "Open");
            polling.planFromStore();
            RaceCycle cycle = polling.cyclesToStart().get(0);

            leader.set(false);

            assertThat(polling.cycleWaitMillis(cycle)).isZero();
            assertThat(polling.cycleHops(cycle)).containsExactly(RacePolling.FINISH_HOP);
            assertThat(polling.schedule().size()).isZero();
            assertThat(polling.cyclesToStart()).isEmpty();
        }

        @Test
        void shouldEndEveryCycleWhenStopping() {
            storeRace("race-1", NOW.plus(Duration.ofMinutes(30)), "Open");
            polling.planFromStore();
            RaceCycle cycle = polling.cyclesToStart().get(0);

            polling.stopCycles();

            assertThat(polling.cycleHops(cycle)).containsExactly(RacePolling.FINISH_HOP);
        }
    }

    /** Request flags of domain-spec §1.5 (enhanced-race-poller), under the spec's parameter names. */
    @Nested
    class EventCall {

        private Map<String, String> query(String status) {
            TabCall call = polling.eventCall(new PollSlot("race-9", NOW, NOW, NOW.plusSeconds(15), status,
                    NOW.plus(Duration.ofMinutes(5))));
            assertThat(call.path()).isEqualTo("events/race-9");
            Map<String, String> params = new LinkedHashMap<>();
            for (String pair : call.query().split("&")) {
                String[] kv = pair.split("=", 2);
                assertThat(params.put(kv[0], kv[1])).as("repeated parameter %s", kv[0]).isNull();
            }
            return params;
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"Open", "open", "Interim"})
        void shouldAskForBetsAndWillPaysWhileBettingMatters(String status) {
            assertThat(query(status)).containsOnly(
                    Map.entry("with_money_tracker", "true"), Map.entry("with_tote_trends_data", "true"),
                    Map.entry("with_big_bets", "true"), Map.entry("with_live_bets", "true"),
                    Map.entry("with_will_pays", "true"));
        }

        @Test
        void shouldTreatAMissingStatusAsOpen() {
            assertThat(query(null)).containsOnlyKeys("with_money_tracker", "with_tote_trends_data", "with_big_bets",
                    "with_live_bets", "with_will_pays");
        }

        @Test
        void shouldNotAskForBigOrLiveBetsOfAClosedRace() {
            assertThat(query("Closed")).containsOnly(
                    Map.entry("with_money_tracker", "true"), Map.entry("with_tote_trends_data", "true"),
                    Map.entry("with_will_pays", "true"));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"Final", "final", "Finalized", "Abandoned"})
        void shouldAskOnlyForTheTrackerAndTrendsOfAFinishedRace(String status) {
            assertThat(query(status)).containsOnly(
                    Map.entry("with_money_tracker", "true"), Map.entry("with_tote_trends_data", "true"));
        }

        @Test
        void shouldNeverUseTheNonSpecWillPaysName() {
            assertThat(query("Open")).doesNotContainKeys("will_pays", "with_results", "with_dividends");
        }
    }

    @Nested
    class FailedPolls {

        @Test
        void shouldRecordTheFailureAndTheRacesCounts() {
            Instant start = NOW.plus(Duration.ofMinutes(10));
            storeRace("race-1", start, "Open");
            polling.planFromStore();
            PollSlot slot = dueNow(polling).get(0);
            clock.advance(Duration.ofSeconds(5));

            RacePolling.PollOutcome outcome = polling.pollFailed(slot, new SocketTimeoutException("Read timed out"));

            assertThat(outcome.failure()).isEqualTo("SocketTimeoutException: Read timed out");
            assertThat(outcome.finished()).isFalse();
            // T-10 failed: the next slot is T-9
            assertThat(outcome.nextPoll()).isEqualTo(start.minus(Duration.ofMinutes(9)));
            assertThat(outcome.stored()).isEmpty();
            List<Document> failures = store.list(RaceDaySchema.IMPORT_FAILURES,
                    DocumentQuery.all().equal("raceId", "race-1"));
            assertThat(failures).singleElement().satisfies(f -> {
                assertThat(f.getString("step")).isEqualTo("poll");
                assertThat(f.getString("runId")).isEqualTo("poll-2025-07-17");
                assertThat(f.getString("reason"))
                        .isEqualTo("poll planned for 2025-07-17T01:00:00.000+00:00: SocketTimeoutException: Read timed out");
                assertThat(f.getString("failedAt")).isEqualTo("2025-07-17T01:00:05.000+00:00");
            });
            Document race = storedRace("race-1");
            assertThat(race.getLong("pollsPlanned")).isEqualTo(1L);
            assertThat(race.getLong("pollsMade")).isEqualTo(0L);
            assertThat(race.getLong("pollsMissed")).isEqualTo(1L);
            assertThat(polling.metrics().summary().missed()).isEqualTo(1);
        }

        @Test
        void shouldContinueTheStoredCountsAfterARestart() {
            storeRace("race-1", NOW.plus(Duration.ofMinutes(10)), "Open",
                    Map.of("pollsPlanned", 7L, "pollsMade", 6L, "pollsMissed", 1L));
            polling.planFromStore();

            polling.pollFailed(dueNow(polling).get(0), new IllegalStateException("TAB answered HTTP 503"));

            Document race = storedRace("race-1");
            assertThat(race.getLong("pollsPlanned")).isEqualTo(8L);
            assertThat(race.getLong("pollsMade")).isEqualTo(6L);
            assertThat(race.getLong("pollsMissed")).isEqualTo(2L);
        }

        @Test
        void shouldNotCreateARaceThatIsNotStored() {
            PollSlot slot = polling.adHocSlot("unknown-race");

            RacePolling.PollOutcome outcome = polling.pollFailed(slot, new IllegalArgumentException("bad payload"));

            assertThat(outcome.failure()).isEqualTo("bad payload");
            assertThat(store.get(RaceDaySchema.RACES, "unknown-race")).isEmpty();
            assertThat(store.list(RaceDaySchema.IMPORT_FAILURES, DocumentQuery.all().equal("raceId", "unknown-race")))
                    .singleElement().satisfies(f -> assertThat(f.getString("step")).isEqualTo("poll"));
        }
    }

    /** Polls of the recorded event (made Open), across a restart of the poller on the same store. */
    @Nested
    class PollsAcrossARestart {

        private static final String RACE = TabFixtures.RECORDED_EVENT_ID;
        private static final String TICKFORD = "61181b8c-a540-43a8-900c-83ebe680e218";
        private final Instant start = Instant.parse("2025-07-17T00:50:00Z");

        private byte[] openEvent(Consumer<ObjectNode> edit) {
            ObjectNode root = (ObjectNode) TabFixtures.readTree("event-0f57e087-awapuni-r1-final-2025-07-17.json");
            ((ObjectNode) root.path("data").path("race")).put("status", "Open");
            edit.accept((ObjectNode) root.path("data"));
            try {
                return JSON.writeValueAsBytes(root);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Test
        void shouldContinueOddsAndMoneyFlowHistoryFromTheStore() {
            storeRace(RACE, start, "Open");
            clock.set(start.minus(Duration.ofMinutes(16)));
            polling.planFromStore();
            RacePolling.PollOutcome first = polling.acceptPoll(dueNow(polling).get(0), openEvent(d -> { }));
            assertThat(first.nextPoll()).isEqualTo(start.minus(Duration.ofMinutes(14)));

            // restart: a new poller on the same store, six minutes later; the win pool grew by $1000
            clock.set(start.minus(Duration.ofMinutes(10)));
            RacePolling restarted = newPolling();
            assertThat(restarted.planFromStore().added()).isEqualTo(1);
            PollSlot slot = dueNow(restarted).get(0);
            assertThat(slot.plannedAt()).isEqualTo(start.minus(Duration.ofMinutes(10)));
            restarted.acceptPoll(slot, openEvent(d -> d.path("tote_pools").forEach(p -> {
                if (p.path("product_type").asText().equals("Win")) {
                    ((ObjectNode) p).put("total", 10151.38);
                }
            })));

            // odds unchanged since the first poll: no new odds rows
            assertThat(store.list(RaceDaySchema.ODDS_HISTORY, DocumentQuery.all().equal("raceId", RACE))).hasSize(32);
            List<Document> tickford = store.list(RaceDaySchema.MONEY_FLOW_HISTORY,
                    DocumentQuery.all().equal("raceId", RACE).equal("entrantId", TICKFORD).orderAsc("pollingTimestamp"));
            assertThat(tickford).extracting(d -> d.getLong("timeInterval")).containsExactly(15L, 10L);
            // 18 % of 1015138 cents = 182724.84 → 182725; bucket 15 held 164725: 18000 cents more
            assertThat(tickford.get(1).getLong("winPoolAmount")).isEqualTo(182_725L);
            assertThat(tickford.get(1).getLong("incrementalWinAmount")).isEqualTo(18_000L);
            assertThat(tickford.get(1).getLong("incrementalPlaceAmount")).isEqualTo(0L);
            Document race = storedRace(RACE);
            assertThat(race.getLong("pollsPlanned")).isEqualTo(2L);
            assertThat(race.getLong("pollsMade")).isEqualTo(2L);
            assertThat(race.getLong("pollsMissed")).isEqualTo(0L);
        }
    }

    /**
     * Issue 10 item 2: instance A polls at T-20, B at T-15 and T-10, A takes over again at T-5, with Win pools of
     * $9000, $10000, $11000 and $12000 and Tickford holding 18 %. A's own memory of the race stops at its T-20 poll;
     * the store holds B's polls.
     */
    @Nested
    class FailBack {

        private static final String RACE = TabFixtures.RECORDED_EVENT_ID;
        private static final String TICKFORD = "61181b8c-a540-43a8-900c-83ebe680e218";
        private final Instant start = Instant.parse("2025-07-17T00:50:00Z");

        private byte[] openEvent(double winPool, double tickfordFixedWin) {
            ObjectNode root = (ObjectNode) TabFixtures.readTree("event-0f57e087-awapuni-r1-final-2025-07-17.json");
            ObjectNode data = (ObjectNode) root.path("data");
            ((ObjectNode) data.path("race")).put("status", "Open");
            data.path("tote_pools").forEach(p -> {
                if (p.path("product_type").asText().equals("Win")) {
                    ((ObjectNode) p).put("total", winPool);
                }
            });
            data.path("runners").forEach(r -> {
                if (r.path("entrant_id").asText().equals(TICKFORD)) {
                    ((ObjectNode) r.path("odds")).put("fixed_win", tickfordFixedWin);
                }
            });
            try {
                return JSON.writeValueAsBytes(root);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** A poll the instance planned (its memory of the race lives on between planned polls). */
        private void pollAt(RacePolling instance, Duration beforeStart, double winPool, double tickfordFixedWin) {
            clock.set(start.minus(beforeStart));
            instance.planFromStore();
            PollSchedule.Turn turn = instance.schedule().turn(RACE, clock.instant());
            assertThat(turn.step()).isEqualTo(PollSchedule.Step.POLL);
            RacePolling.PollOutcome outcome = instance.acceptPoll(turn.slot(), openEvent(winPool, tickfordFixedWin));
            assertThat(outcome.finished()).isFalse();
        }

        private List<Document> tickford(String collection) {
            return store.list(collection, DocumentQuery.all().equal("raceId", RACE).equal("entrantId", TICKFORD)
                    .orderAsc(collection.equals(RaceDaySchema.ODDS_HISTORY) ? "eventTimestamp" : "pollingTimestamp"));
        }

        @Test
        void shouldMeasureTheIncrementAgainstWhatTheOtherInstanceStoredNotAgainstItsOwnStaleMemory() {
            storeRace(RACE, start, "Open");
            RacePolling a = polling;
            RacePolling b = newPolling();

            pollAt(a, Duration.ofMinutes(20), 9000, 5.0);
            pollAt(b, Duration.ofMinutes(15), 10000, 4.5);
            pollAt(b, Duration.ofMinutes(10), 11000, 4.5);
            pollAt(a, Duration.ofMinutes(5), 12000, 4.5);

            List<Document> flow = tickford(RaceDaySchema.MONEY_FLOW_HISTORY);
            assertThat(flow).extracting(d -> d.getLong("timeInterval")).containsExactly(20L, 15L, 10L, 5L);
            // 18 % of $9000, $10000, $11000, $12000 in cents
            assertThat(flow).extracting(d -> d.getLong("winPoolAmount"))
                    .containsExactly(162_000L, 180_000L, 198_000L, 216_000L);
            // against bucket 10 (B's T-10 poll): 216000 - 198000, not 216000 - 162000 = 54000 against A's bucket 20
            assertThat(flow.get(3).getLong("incrementalWinAmount")).isEqualTo(18_000L);
            // B's change of Tickford's price is what A compares with: 4.5 at T-5 is no change, no new row
            assertThat(tickford(RaceDaySchema.ODDS_HISTORY).stream().filter(d -> d.getString("type")
                    .equals("fixed_win"))).extracting(d -> d.getDouble("odds")).containsExactly(5.0, 4.5);
        }

        @Test
        void shouldForgetTheRaceWhenLeadershipIsLostAndReadItAgainWhenRegained() {
            storeRace(RACE, start, "Open");
            java.util.concurrent.atomic.AtomicBoolean aLeads = new java.util.concurrent.atomic.AtomicBoolean(true);
            RacePolling a = polling;
            a.followLeadership(aLeads::get);
            RacePolling b = newPolling();

            pollAt(a, Duration.ofMinutes(20), 9000, 5.0);
            aLeads.set(false);
            a.planFromStore();
            pollAt(b, Duration.ofMinutes(15), 10000, 4.5);
            pollAt(b, Duration.ofMinutes(10), 11000, 4.5);
            aLeads.set(true);
            pollAt(a, Duration.ofMinutes(5), 12000, 4.5);

            assertThat(tickford(RaceDaySchema.MONEY_FLOW_HISTORY).get(3).getLong("incrementalWinAmount"))
                    .isEqualTo(18_000L);
        }
    }

    /** Issue 10 item 4a: a start moved later must not give a race a second full-amount baseline. */
    @Nested
    class StartMovedLater {

        private static final String RACE = TabFixtures.RECORDED_EVENT_ID;
        private static final String TICKFORD = "61181b8c-a540-43a8-900c-83ebe680e218";

        @Test
        void shouldMeasureAPollLandingInBucket60AfterBucket55AgainstTheLatestRow() throws IOException {
            Instant advertised = Instant.parse("2025-07-17T00:50:00Z");
            storeRace(RACE, advertised, "Open");
            // first poll at T-57: bucket 55, the race's first row carries the full amounts
            clock.set(advertised.minus(Duration.ofMinutes(57)));
            polling.acceptPoll(polling.adHocSlot(RACE), event(advertised, 9151.38));
            // the start moves 10 minutes later; the next poll, 3 minutes on, is at T-64 of the new start: bucket 60
            Instant moved = advertised.plus(Duration.ofMinutes(10));
            clock.set(advertised.minus(Duration.ofMinutes(54)));
            polling.acceptPoll(polling.adHocSlot(RACE), event(moved, 10151.38));

            // a third poll, 15 s on, still in bucket 60: measured against bucket 55 too, not against the other 60 row
            clock.set(advertised.minus(Duration.ofMinutes(54)).plusSeconds(15));
            polling.acceptPoll(polling.adHocSlot(RACE), event(moved, 10651.38));

            List<Document> flow = store.list(RaceDaySchema.MONEY_FLOW_HISTORY, DocumentQuery.all()
                    .equal("raceId", RACE).equal("entrantId", TICKFORD).orderAsc("pollingTimestamp"));
            assertThat(flow).extracting(d -> d.getLong("timeInterval")).containsExactly(55L, 60L, 60L);
            // 18 % of 915138 cents = 164725 (the baseline), then 18 % of 1015138 = 182725: 18000 more, not 182725;
            // then 18 % of 1065138 = 191725: 27000 more than bucket 55
            assertThat(flow).extracting(d -> d.getLong("incrementalWinAmount"))
                    .containsExactly(164_725L, 18_000L, 27_000L);
            assertThat(flow.get(1).getLong("incrementalPlaceAmount")).isZero();
        }

        private byte[] event(Instant advertisedStart, double winPool) throws IOException {
            ObjectNode root = (ObjectNode) TabFixtures.readTree("event-0f57e087-awapuni-r1-final-2025-07-17.json");
            ObjectNode race = (ObjectNode) root.path("data").path("race");
            race.put("status", "Open");
            race.put("advertised_start", advertisedStart.getEpochSecond());
            root.path("data").path("tote_pools").forEach(p -> {
                if (p.path("product_type").asText().equals("Win")) {
                    ((ObjectNode) p).put("total", winPool);
                }
            });
            return JSON.writeValueAsBytes(root);
        }
    }
}
