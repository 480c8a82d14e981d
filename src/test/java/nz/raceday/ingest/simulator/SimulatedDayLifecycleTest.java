package nz.raceday.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nz.raceday.ingest.testsupport.MutableClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A whole default day followed second by second with a {@link MutableClock}: statuses change at the expected
 * instants, the specials happen as documented, odds move only on 15-second boundaries and freeze at the jump, pools
 * never shrink, the money tracker adds up. The states are recorded once and checked by each test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimulatedDayLifecycleTest {

    private static final Instant START = Instant.parse("2025-07-17T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SimulatedDay day = SimulatedDay.create(SimulatorSettings.defaults(), START);
    private final Map<String, List<RaceState>> history = new LinkedHashMap<>();

    @BeforeAll
    void followTheDay() {
        MutableClock clock = new MutableClock(START.minus(Duration.ofMinutes(1)));
        day.races().forEach(r -> history.put(r.id(), new ArrayList<>()));
        while (!clock.instant().isAfter(day.end().plus(Duration.ofMinutes(1)))) {
            for (SimulatedRace race : day.races()) {
                history.get(race.id()).add(race.stateAt(clock.instant()));
            }
            clock.advance(Duration.ofSeconds(1));
        }
    }

    @Test
    void shouldTakeEveryRaceThroughOpenClosedInterimFinalAtTheExpectedInstants() {
        for (SimulatedRace race : day.races()) {
            Map<Instant, String> changes = statusChanges(race);
            if (race.special().filter(Special.ABANDONED::equals).isPresent()) {
                assertThat(changes).as(race.toString()).containsExactly(
                        Map.entry(START.minus(Duration.ofMinutes(1)), "Open"),
                        Map.entry(race.originalAdvertisedStart().minus(Duration.ofMinutes(1)), "Abandoned"));
                continue;
            }
            Instant jump = race.jumpTime();
            assertThat(changes).as(race.toString()).containsExactly(
                    Map.entry(START.minus(Duration.ofMinutes(1)), "Open"),
                    Map.entry(jump, "Closed"),
                    Map.entry(jump.plusSeconds(45), "Interim"),
                    Map.entry(jump.plusSeconds(105), "Final"));
            boolean special = race.special().filter(s -> s == Special.DELAYED_START || s == Special.MOVED_START)
                    .isPresent();
            if (!special) {
                assertThat(jump).as(race.toString()).isEqualTo(race.originalAdvertisedStart());
            }
        }
    }

    @Test
    void shouldKeepTheDelayedRaceOpenPastItsAdvertisedStartWithTheAdvertisedStartUnchanged() {
        SimulatedRace delayed = day.raceWith(Special.DELAYED_START).orElseThrow();
        Instant advertised = delayed.originalAdvertisedStart();

        RaceState late = at(delayed, advertised.plusSeconds(119));
        RaceState jumped = at(delayed, advertised.plusSeconds(120));

        assertThat(late.status()).isEqualTo("Open");
        assertThat(late.advertisedStart()).isEqualTo(advertised);
        assertThat(late.actualStart()).isEqualTo(advertised);
        assertThat(jumped.status()).isEqualTo("Closed");
        assertThat(jumped.advertisedStart()).isEqualTo(advertised);
        assertThat(jumped.actualStart()).isEqualTo(advertised.plusSeconds(120));
        assertThat(history.get(delayed.id())).allSatisfy(s -> assertThat(s.advertisedStart()).isEqualTo(advertised));
    }

    @Test
    void shouldMoveTheAdvertisedStartThreeMinutesLaterAtTenMinutesToGo() {
        SimulatedRace moved = day.raceWith(Special.MOVED_START).orElseThrow();
        Instant original = moved.originalAdvertisedStart();
        SimulatedPayloads payloads = new SimulatedPayloads(day);

        Map<Instant, Instant> starts = new LinkedHashMap<>();
        for (RaceState state : history.get(moved.id())) {
            if (starts.isEmpty() || !starts.values().toArray()[starts.size() - 1].equals(state.advertisedStart())) {
                starts.put(state.at(), state.advertisedStart());
            }
        }

        assertThat(starts).containsExactly(Map.entry(START.minus(Duration.ofMinutes(1)), original),
                Map.entry(original.minus(Duration.ofMinutes(10)), original.plus(Duration.ofMinutes(3))));
        assertThat(moved.jumpTime()).isEqualTo(original.plus(Duration.ofMinutes(3)));
        Instant before = original.minus(Duration.ofMinutes(10)).minusSeconds(1);
        Instant after = original.minus(Duration.ofMinutes(10));
        assertThat(listedStart(payloads, moved, before)).isEqualTo(original.toString());
        assertThat(listedStart(payloads, moved, after)).isEqualTo(original.plus(Duration.ofMinutes(3)).toString());
        assertThat(eventRace(payloads, moved, before).path("advertised_start").asLong())
                .isEqualTo(original.getEpochSecond());
        assertThat(eventRace(payloads, moved, after).path("advertised_start").asLong())
                .isEqualTo(original.plus(Duration.ofMinutes(3)).getEpochSecond());
    }

    @Test
    void shouldScratchTheLateScratchingRunnerAtItsTime() {
        SimulatedRace race = day.raceWith(Special.LATE_SCRATCHING).orElseThrow();
        SimulatedRunner runner = race.lateScratchedRunner().orElseThrow();
        Instant time = race.scratchTime();

        RaceState before = at(race, time.minusSeconds(1));
        RaceState after = at(race, time);

        assertThat(time).isEqualTo(race.originalAdvertisedStart().minus(Duration.ofMinutes(2)));
        RaceState.Runner was = before.runner(runner.entrantId()).orElseThrow();
        assertThat(was.scratched()).isFalse();
        assertThat(was.scratchTime()).isNull();
        assertThat(was.fixedWin()).isNotNull();
        assertThat(was.poolWin()).isNotNull();
        RaceState.Runner is = after.runner(runner.entrantId()).orElseThrow();
        assertThat(is.scratched()).isTrue();
        assertThat(is.lateScratched()).isTrue();
        assertThat(is.scratchTime()).isEqualTo(time);
        assertThat(is.fixedWin()).isNull();
        assertThat(is.fixedPlace()).isNull();
        assertThat(is.poolWin()).isNull();
        assertThat(is.poolPlace()).isNull();
        assertThat(is.holdPercent()).isZero();
        assertThat(after.fieldSize()).isEqualTo(before.fieldSize() - 1);
        assertThat(after.positionsPaid()).isEqualTo(2);
        assertThat(after.holdPercentTotal()).isBetween(98, 102);
        // the scratched runner stays scratched and never gets a result
        RaceState last = last(race);
        assertThat(last.runner(runner.entrantId()).orElseThrow().scratched()).isTrue();
        assertThat(last.results()).extracting(RaceState.Result::entrantId).doesNotContain(runner.entrantId())
                .hasSize(7);
    }

    @Test
    void shouldChangeOddsOnlyOnFifteenSecondBoundariesAndFreezeThemAtTheJump() {
        int changes = 0;
        for (SimulatedRace race : day.races()) {
            List<RaceState> states = history.get(race.id());
            Instant freeze = race.abandonedAt() != null ? race.abandonedAt() : race.jumpTime();
            for (int i = 1; i < states.size(); i++) {
                List<List<Double>> previous = odds(states.get(i - 1));
                List<List<Double>> current = odds(states.get(i));
                if (!previous.equals(current)) {
                    changes++;
                    Instant at = states.get(i).at();
                    assertThat(Duration.between(START, at).toSeconds() % 15).as(race + " at " + at).isZero();
                    assertThat(at).as(race + " odds after the jump").isBefore(freeze.plusSeconds(1));
                }
            }
            assertThat(odds(last(race))).isEqualTo(odds(at(race, freeze)));
        }
        // and they do move: at least every race a few times
        assertThat(changes).isGreaterThan(day.races().size() * 5);
    }

    @Test
    void shouldGrowPoolsTowardsTheJumpAndNeverShrinkThem() {
        for (SimulatedRace race : day.races()) {
            List<RaceState> states = history.get(race.id());
            for (int i = 1; i < states.size(); i++) {
                for (Map.Entry<String, BigDecimal> pool : states.get(i).poolTotals().entrySet()) {
                    assertThat(pool.getValue()).as(race + " " + pool.getKey() + " at " + states.get(i).at())
                            .isGreaterThanOrEqualTo(states.get(i - 1).poolTotal(pool.getKey()));
                }
            }
            RaceState first = states.get(0);
            RaceState last = last(race);
            assertThat(last.poolTotals().keySet()).containsSequence("Win", "Place", "Quinella", "Trifecta",
                    "FirstFour");
            assertThat(last.poolTotal("Win")).isGreaterThan(first.poolTotal("Win"));
            assertThat(last.poolTotals().values()).allSatisfy(v -> assertThat(v.scale()).isEqualTo(2));
        }
    }

    @Test
    void shouldKeepMoneyTrackerRowsSummingToEachRunnersShare() {
        for (SimulatedRace race : day.races()) {
            Set<String> runnerIds = race.runners().stream().map(SimulatedRunner::entrantId).collect(Collectors.toSet());
            for (RaceState state : sample(history.get(race.id()))) {
                Map<String, Integer> holds = new HashMap<>();
                Map<String, Integer> bets = new HashMap<>();
                Map<String, Integer> rows = new HashMap<>();
                for (RaceState.MoneyRow row : state.moneyTracker()) {
                    holds.merge(row.entrantId(), row.holdPercentage(), Integer::sum);
                    bets.merge(row.entrantId(), row.betPercentage(), Integer::sum);
                    rows.merge(row.entrantId(), 1, Integer::sum);
                }
                for (RaceState.Runner runner : state.runners()) {
                    assertThat(holds.get(runner.entrantId())).isEqualTo(runner.holdPercent());
                    assertThat(bets.get(runner.entrantId())).isEqualTo(runner.betPercent());
                    assertThat(rows.get(runner.entrantId())).isBetween(3, 10);
                    if (runner.scratched()) {
                        assertThat(runner.holdPercent()).isZero();
                        assertThat(runner.betPercent()).isZero();
                    }
                }
                assertThat(state.holdPercentTotal()).as(race + " at " + state.at()).isBetween(98, 102);
                assertThat(state.runners().stream().mapToInt(RaceState.Runner::betPercent).sum()).isBetween(98, 102);
                // the real quirk: rows for entrant ids that are not runners of the race
                assertThat(rows.keySet().stream().filter(id -> !runnerIds.contains(id)).count()).isBetween(1L, 3L);
            }
        }
    }

    @Test
    void shouldTrackTheWinPoolSharesWithTheHoldPercentages() {
        SimulatedRace race = day.importedRaces().get(0);
        RaceState state = at(race, race.jumpTime().minusSeconds(30));

        for (RaceState.Runner runner : state.runners()) {
            // pool_win = 0.85 / share, so the implied share and the hold percentage agree within rounding
            double implied = 85.0 / runner.poolWin();
            assertThat((double) runner.holdPercent()).isCloseTo(implied, org.assertj.core.data.Offset.offset(2.0));
        }
        double overround = state.runners().stream().mapToDouble(r -> 1.0 / r.fixedWin()).sum();
        assertThat(overround).isBetween(1.08, 1.22);
        assertThat(state.runners()).filteredOn(RaceState.Runner::favourite).hasSize(1);
        assertThat(state.runners()).filteredOn(RaceState.Runner::mover).hasSize(1);
        RaceState.Runner favourite = state.runners().stream().filter(RaceState.Runner::favourite).findFirst()
                .orElseThrow();
        assertThat(state.runners())
                .allSatisfy(r -> assertThat(r.fixedWin()).isGreaterThanOrEqualTo(favourite.fixedWin()));
    }

    @Test
    void shouldDeclareResultsAndDividendsAtInterimAndConfirmThemAtFinal() {
        for (SimulatedRace race : day.races()) {
            for (RaceState state : history.get(race.id())) {
                switch (state.status()) {
                    case "Open", "Closed", "Abandoned" -> {
                        assertThat(state.results()).isEmpty();
                        assertThat(state.dividends()).isEmpty();
                    }
                    case "Interim" -> {
                        assertThat(state.results()).hasSize(state.fieldSize());
                        assertThat(state.dividends()).extracting(RaceState.Dividend::status).containsOnly("Interim");
                    }
                    default -> {
                        assertThat(state.dividends()).extracting(RaceState.Dividend::status)
                                .contains("Interim", "Final");
                    }
                }
            }
            if (race.abandonedAt() != null) {
                continue;
            }
            RaceState interim = at(race, race.interimAt());
            RaceState fin = last(race);
            assertThat(fin.results()).isEqualTo(interim.results());
            List<RaceState.Dividend> interimRows = fin.dividends().stream().filter(d -> d.status().equals("Interim"))
                    .toList();
            List<RaceState.Dividend> finalRows = fin.dividends().stream().filter(d -> d.status().equals("Final"))
                    .toList();
            assertThat(interimRows).hasSameSizeAs(finalRows).hasSameElementsAs(interim.dividends());
            assertThat(finalRows).extracting(RaceState.Dividend::productName).containsOnlyOnce("Pool Win",
                    "Pool Quinella", "Pool Trifecta", "Pool First4");
            assertThat(finalRows).filteredOn(d -> d.productName().equals("Pool Place")).hasSize(fin.positionsPaid())
                    .allSatisfy(d -> assertThat(d.positions()).singleElement()
                            .extracting(RaceState.Position::position).isEqualTo(1));
            RaceState.Result winner = fin.results().get(0);
            assertThat(winner.positionalMargin()).isNull();
            assertThat(winner.winningTime()).isPositive();
            assertThat(winner.marginLength()).isZero();
            assertThat(fin.results().subList(1, fin.results().size())).allSatisfy(r -> {
                assertThat(r.positionalMargin()).isNotBlank();
                assertThat(r.winningTime()).isNull();
            });
            RaceState.Dividend win = finalRows.stream().filter(d -> d.productName().equals("Pool Win")).findFirst()
                    .orElseThrow();
            assertThat(win.description()).isEqualTo(Integer.toString(winner.runnerNumber()));
            assertThat(win.poolSize()).isEqualByComparingTo(fin.poolTotal("Win"));
            assertThat(win.dividend()).isEqualTo(fin.runner(winner.entrantId()).orElseThrow().poolWin());
            RaceState.Dividend trifecta = finalRows.stream().filter(d -> d.productName().equals("Pool Trifecta"))
                    .findFirst().orElseThrow();
            assertThat(trifecta.description()).isEqualTo(fin.results().get(0).runnerNumber() + ":"
                    + fin.results().get(1).runnerNumber() + ":" + fin.results().get(2).runnerNumber());
            assertThat(Duration.between(START, fin.at()).toMinutes()).isLessThan(17);
        }
    }

    @Test
    void shouldEndTheDayWithEveryRaceFinalOrAbandoned() {
        assertThat(day.races()).allSatisfy(r -> assertThat(last(r).isTerminal()).isTrue());
        assertThat(day.races()).filteredOn(r -> last(r).status().equals("Abandoned")).hasSize(1);
        assertThat(day.end()).isBefore(START.plus(Duration.ofMinutes(16)));
    }

    // ---------------------------------------------------------------- helpers

    private Map<Instant, String> statusChanges(SimulatedRace race) {
        Map<Instant, String> changes = new LinkedHashMap<>();
        String status = null;
        for (RaceState state : history.get(race.id())) {
            if (!state.status().equals(status)) {
                status = state.status();
                changes.put(state.at(), status);
            }
        }
        return changes;
    }

    private RaceState at(SimulatedRace race, Instant instant) {
        return history.get(race.id()).stream().filter(s -> s.at().equals(instant)).findFirst()
                .orElseGet(() -> race.stateAt(instant));
    }

    private RaceState last(SimulatedRace race) {
        List<RaceState> states = history.get(race.id());
        return states.get(states.size() - 1);
    }

    private static List<RaceState> sample(List<RaceState> states) {
        List<RaceState> sample = new ArrayList<>();
        for (int i = 0; i < states.size(); i += 20) {
            sample.add(states.get(i));
        }
        sample.add(states.get(states.size() - 1));
        return sample;
    }

    private static List<List<Double>> odds(RaceState state) {
        List<List<Double>> odds = new ArrayList<>();
        for (RaceState.Runner r : state.runners()) {
            List<Double> four = new ArrayList<>();
            four.add(r.fixedWin());
            four.add(r.fixedPlace());
            four.add(r.poolWin());
            four.add(r.poolPlace());
            odds.add(four);
        }
        return odds;
    }

    private static String listedStart(SimulatedPayloads payloads, SimulatedRace race, Instant at) {
        JsonNode page = read(payloads.meetings("date_from=2025-07-17&date_to=2025-07-17", at).body());
        for (JsonNode meeting : page.path("data").path("meetings")) {
            for (JsonNode listed : meeting.path("races")) {
                if (listed.path("id").asText().equals(race.id())) {
                    return listed.path("start_time").asText();
                }
            }
        }
        throw new AssertionError("race not listed: " + race);
    }

    private static JsonNode eventRace(SimulatedPayloads payloads, SimulatedRace race, Instant at) {
        return read(payloads.event(race.id(), "", at).body()).path("data").path("race");
    }

    private static JsonNode read(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
