package nz.raceday.ingest.polling;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nz.raceday.ingest.daily.ImportSummary;
import nz.raceday.ingest.simulator.RaceState;
import nz.raceday.ingest.simulator.SimulatedDay;
import nz.raceday.ingest.simulator.SimulatedRace;
import nz.raceday.ingest.simulator.SimulatorSettings;
import nz.raceday.ingest.simulator.Special;
import nz.raceday.ingest.simulator.TabSimulatorServer;
import nz.raceday.ingest.store.Document;
import nz.raceday.ingest.store.DocumentQuery;
import nz.raceday.ingest.store.StoredTimes;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import nz.raceday.ingest.testsupport.RacedayRouteTestSupport;
import nz.raceday.ingest.testsupport.SimulatedDayDriver;
import org.junit.jupiter.api.Test;

/**
 * A simulated racing day followed by the real poller routes from T-65 of the first race to the last Final, with the
 * clock moved from one planned poll to the next (no sleeps): every planned poll is made, and what is stored matches
 * the simulator's ground truth at each poll.
 */
class SimulatedDayPollingRouteTest extends RacedayRouteTestSupport {

    private final SimulatorSettings settings = SimulatorSettings.defaults().toBuilder()
            .firstStart(Duration.ofMinutes(65))
            .build();
    private final TabSimulatorServer simulator = simulateTabDay(settings);
    private final SimulatedDay day = simulator.day();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void shouldMakeEveryPlannedPollAndStoreWhatTheSimulatorSaysAtEachOfThem() throws Exception {
        ImportSummary imported = importDay(day.racingDay());
        assertThat(imported.races()).isEqualTo(day.importedRaces().size());

        followTheDay();

        for (SimulatedRace race : day.importedRaces()) {
            Document stored = store().get(RaceDaySchema.RACES, race.id()).orElseThrow();
            String truth = race.statusAt(clock.instant());
            assertThat(stored.getString("status")).as(race.toString()).isEqualTo(truth).isIn("Final", "Abandoned");
            assertThat(stored.getLong("pollsMissed")).as(race + " missed").isZero();
            assertThat(stored.getLong("pollsMade")).as(race + " made").isEqualTo(stored.getLong("pollsPlanned"));
            assertStoredHistoryMatchesTheTruth(race);
        }
        assertThat(store().list(RaceDaySchema.IMPORT_FAILURES, DocumentQuery.all().equal("step", "poll"))).isEmpty();
    }

    @Test
    void shouldPollARaceJumpingOnTimeExactlyAsTheCadenceTableSays() {
        importDay(day.racingDay());

        followTheDay();

        SimulatedRace plain = day.importedRaces().stream().filter(r -> r.special().isEmpty()).findFirst().orElseThrow();
        // before the jump: T-60 ... T-25 every 5 min (8), T-20 ... T-12 every 2 min (5), T-10 ... T-6 (5),
        // T-5 ... T-0:15 every 15 s (20); after it: T-0 (Closed), +0:30, +1:00 and +1:30 (Interim) and +2:00 (Final)
        assertThat(pollTimes(plain)).hasSize(8 + 5 + 5 + 20 + 5);
        Instant start = plain.originalAdvertisedStart();
        assertThat(pollTimes(plain)).startsWith(start.minus(Duration.ofMinutes(60)), start.minus(Duration.ofMinutes(55)))
                .contains(start.minus(Duration.ofMinutes(20)), start.minus(Duration.ofMinutes(18)),
                        start.minus(Duration.ofMinutes(5)), start.minusSeconds(15), start, start.plusSeconds(120));
    }

    @Test
    void shouldFollowTheSpecialRacesOfTheDay() {
        importDay(day.racingDay());

        followTheDay();

        SimulatedRace delayed = day.raceWith(Special.DELAYED_START).orElseThrow();
        List<Instant> delayedPolls = pollTimes(delayed);
        Instant advertised = delayed.originalAdvertisedStart();
        // still Open after its advertised start: every 15 s until it jumps
        assertThat(delayedPolls).contains(advertised.plusSeconds(15), advertised.plusSeconds(30),
                delayed.jumpTime().minusSeconds(15));
        assertThat(store().get(RaceDaySchema.RACES, delayed.id()).orElseThrow().getString("actualStart"))
                .isEqualTo(StoredTimes.format(delayed.jumpTime()));

        SimulatedRace moved = day.raceWith(Special.MOVED_START).orElseThrow();
        Instant newStart = moved.advertisedStartAt(day.end());
        assertThat(newStart).isNotEqualTo(moved.originalAdvertisedStart());
        assertThat(store().get(RaceDaySchema.RACES, moved.id()).orElseThrow().getString("startTime"))
                .isEqualTo(StoredTimes.format(newStart));
        // after the move the polls follow the grid of the new start
        assertThat(pollTimes(moved)).contains(newStart.minus(Duration.ofMinutes(5)), newStart.minusSeconds(15));

        SimulatedRace abandoned = day.raceWith(Special.ABANDONED).orElseThrow();
        Document abandonedRace = store().get(RaceDaySchema.RACES, abandoned.id()).orElseThrow();
        assertThat(abandonedRace.getString("abandonedAt")).isNotNull();
        assertThat(pollTimes(abandoned)).allMatch(t -> !t.isAfter(abandoned.abandonedAt().plus(Duration.ofMinutes(5))));
        assertThat(store().get(RaceDaySchema.RACE_RESULTS, abandoned.id())).isEmpty();

        SimulatedRace scratching = day.raceWith(Special.LATE_SCRATCHING).orElseThrow();
        String runner = scratching.lateScratchedRunner().orElseThrow().entrantId();
        Document entrant = store().get(RaceDaySchema.ENTRANTS, runner).orElseThrow();
        assertThat(entrant.getBoolean("isScratched")).isTrue();
        assertThat(entrant.getBoolean("isLateScratched")).isTrue();
        assertThat(entrant.getLong("scratchTime")).isEqualTo(scratching.scratchTime().getEpochSecond());
    }

    /** Moves the clock from one due poll (or planner minute) to the next until every race is done. */
    private void followTheDay() {
        SimulatedDayDriver driver = new SimulatedDayDriver(context, template, clock, day);
        driver.followTheDay();
        assertThat(driver.plannerFailures()).as("planner runs that failed").isZero();
    }

    /** Poll times of a race, from its money-flow rows (one row per runner per poll). */
    private List<Instant> pollTimes(SimulatedRace race) {
        return store().list(RaceDaySchema.MONEY_FLOW_HISTORY, DocumentQuery.all().equal("raceId", race.id())).stream()
                .map(d -> StoredTimes.parse(d.getString("pollingTimestamp"))).distinct().sorted().toList();
    }

    private void assertStoredHistoryMatchesTheTruth(SimulatedRace race) throws Exception {
        List<Instant> polls = pollTimes(race);
        assertThat(polls).as(race + " polls").isNotEmpty();
        Map<String, TreeMap<Instant, Double>> fixedWinHistory = new java.util.HashMap<>();
        for (Document row : store().list(RaceDaySchema.ODDS_HISTORY, DocumentQuery.all().equal("raceId", race.id())
                .equal("type", "fixed_win"))) {
            fixedWinHistory.computeIfAbsent(row.getString("entrantId"), k -> new TreeMap<>())
                    .put(StoredTimes.parse(row.getString("eventTimestamp")), row.getDouble("odds"));
        }
        List<Document> flows = store().list(RaceDaySchema.MONEY_FLOW_HISTORY, DocumentQuery.all().equal("raceId",
                race.id()));
        for (Instant poll : polls) {
            RaceState truth = race.stateAt(poll);
            long winPool = cents(truth.poolTotals().get("Win"));
            for (RaceState.Runner runner : truth.runners()) {
                // odds history: the latest stored fixed-win price at each poll is the one TAB showed then
                if (runner.fixedWin() != null) {
                    Map.Entry<Instant, Double> latest = fixedWinHistory.getOrDefault(runner.entrantId(), new TreeMap<>())
                            .floorEntry(poll);
                    assertThat(latest).as(race + " " + runner.name() + " at " + poll).isNotNull();
                    assertThat(latest.getValue()).as(race + " " + runner.name() + " at " + poll)
                            .isEqualTo(runner.fixedWin());
                }
                // money flow: exactly one row per runner per poll, with the summed hold share of the win pool
                List<Document> rows = flows.stream().filter(d -> d.getString("entrantId").equals(runner.entrantId())
                        && StoredTimes.parse(d.getString("pollingTimestamp")).equals(poll)).toList();
                assertThat(rows).as(race + " " + runner.name() + " money flow at " + poll).hasSize(1);
                Document row = rows.get(0);
                assertThat(row.getDouble("holdPercentage")).isEqualTo((double) runner.holdPercent());
                assertThat(row.getLong("winPoolAmount")).isEqualTo(Math.round(winPool * runner.holdPercent() / 100.0));
            }
        }
        Instant lastPoll = polls.get(polls.size() - 1);
        RaceState last = race.stateAt(lastPoll);
        Document pools = store().get(RaceDaySchema.RACE_POOLS, race.id()).orElseThrow();
        assertThat(pools.getLong("winPoolTotal")).isEqualTo(cents(last.poolTotals().get("Win")));
        assertThat(pools.getLong("placePoolTotal")).isEqualTo(cents(last.poolTotals().get("Place")));
        if (last.status().equals("Final")) {
            Document results = store().get(RaceDaySchema.RACE_RESULTS, race.id()).orElseThrow();
            assertThat(results.getString("resultStatus")).isEqualTo("final");
            JsonNode stored = json.readTree(results.getString("resultsData"));
            assertThat(stored.size()).isEqualTo(last.results().size());
            List<String> storedOrder = new ArrayList<>();
            stored.forEach(r -> storedOrder.add(r.path("entrant_id").asText()));
            assertThat(storedOrder).isEqualTo(last.results().stream()
                    .sorted(Comparator.comparingInt(RaceState.Result::position)).map(RaceState.Result::entrantId)
                    .collect(Collectors.toList()));
            JsonNode dividends = json.readTree(results.getString("dividendsData"));
            assertThat(dividends).allSatisfy(d -> assertThat(d.path("status").asText()).isEqualTo("Final"));
            assertThat(dividends.size()).isEqualTo((int) last.dividends().stream()
                    .filter(d -> d.status().equals("Final")).count());
        }
    }

    private static long cents(BigDecimal dollars) {
        return dollars == null ? 0 : dollars.movePointRight(2).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
    }
}
