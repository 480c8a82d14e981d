package nz.raceday.ingest.simulator;

import static nz.raceday.ingest.simulator.JsonShape.Kind.ARRAY;
import static nz.raceday.ingest.simulator.JsonShape.Kind.BOOLEAN;
import static nz.raceday.ingest.simulator.JsonShape.Kind.INT;
import static nz.raceday.ingest.simulator.JsonShape.Kind.NULL;
import static nz.raceday.ingest.simulator.JsonShape.Kind.NUMBER;
import static nz.raceday.ingest.simulator.JsonShape.Kind.OBJECT;
import static nz.raceday.ingest.simulator.JsonShape.Kind.STRING;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nz.raceday.ingest.simulator.JsonShape.Spec;
import nz.raceday.ingest.tab.TabPayloadParser;
import nz.raceday.ingest.tab.model.EventDetail;
import nz.raceday.ingest.tab.model.Meeting;
import nz.raceday.ingest.tab.model.MeetingsPage;
import nz.raceday.ingest.tab.model.RaceSummary;
import nz.raceday.ingest.tab.model.RawMeeting;
import nz.raceday.ingest.tab.model.Runner;
import nz.raceday.ingest.testsupport.TabFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Simulated payloads against the real recorded ones (src/test/resources/nztab): for every recorded fixture the
 * simulator has a counterpart of, the same key with the same JSON type at every path the application reads
 * (domain-spec §1.9, §2.1-2.11, listed explicitly below), and no key of the recording's {@code data}, race, runner,
 * pool, result, dividend or money-tracker objects missing. Then the production parser reads simulated payloads of
 * every phase and gets the simulator's ground truth back.
 */
class SimulatedPayloadsFidelityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2025-07-17T00:00:00Z");
    private static final SimulatedDay DAY = SimulatedDay.create(SimulatorSettings.defaults(), START);
    private static final SimulatedPayloads PAYLOADS = new SimulatedPayloads(DAY);

    private static final String MEETINGS = "meetings-list-2025-07-17.json";
    private static final String EVENT = "event-0f57e087-awapuni-r1-final-2025-07-17.json";

    private static final String ISO_INSTANT = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,9})?Z";
    private static final String STATUS = "Open|Closed|Interim|Final|Abandoned";

    /** The recorded fixtures the simulator serves a counterpart of: the simulated payload to compare with each. */
    private static final Map<String, Function<JsonNode, JsonNode>> COUNTERPARTS = Map.of(
            // 8 minutes in, the list holds Open, Closed, Interim, Final and Abandoned races
            MEETINGS, recorded -> read(PAYLOADS.get(path(recorded), query(recorded), START.plus(Duration.ofMinutes(8)))
                    .body()),
            // the recorded event is a Final NZ gallop, asked for with money tracker, tote trends and will-pays
            EVENT, recorded -> read(PAYLOADS.get(SimulatedPayloads.PREFIX + "events/" + gallopRace().id(),
                    query(recorded), gallopRace().finalAt().plusSeconds(1)).body()));

    /** Recorded fixtures of endpoints the pipeline does not call, which the simulator therefore does not serve. */
    private static final Map<String, String> NOT_SERVED = Map.of(
            "meeting-by-id-grafton-2025-07-17.json", "/racing/meetings/{id}",
            "races-list-2025-07-17.json", "/racing/list",
            "futures-list-2025-07-17.json", "/racing/futures",
            "extras-list-2025-07-17.json", "/racing/extras",
            "extras-meeting-addington-2025-07-17.json", "/racing/extras/{id}",
            "nztab-openapi.json", "the OpenAPI spec, not a response");

    @Test
    void shouldHaveACounterpartOrAReasonForEveryRecordedFixture() throws IOException {
        Path folder = fixtureFolder();
        List<String> fixtures;
        try (Stream<Path> files = Files.list(folder)) {
            fixtures = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        }

        assertThat(fixtures).isNotEmpty().allSatisfy(name -> assertThat(COUNTERPARTS.containsKey(name)
                ^ NOT_SERVED.containsKey(name)).as(name + " must be compared or listed as not served").isTrue());
    }

    // ---------------------------------------------------------------- the paths the application reads

    static List<Spec> meetingsSpecs() {
        return List.of(
                Spec.of("header", OBJECT),
                Spec.of("header.title", STRING),
                Spec.text("header.generated_time", ISO_INSTANT),
                Spec.text("header.url", "/affiliates/v1/racing/meetings.*"),
                Spec.of("params", OBJECT),
                Spec.of("params.limit", INT),
                Spec.of("params.offset", INT),
                Spec.text("params.date_from", ISO_INSTANT),
                Spec.text("params.date_to", ISO_INSTANT),
                Spec.of("data", OBJECT),
                Spec.of("data.meetings", ARRAY),
                Spec.of("data.meetings[]", OBJECT),
                Spec.of("data.meetings[].meeting", STRING),
                Spec.of("data.meetings[].name", STRING),
                Spec.text("data.meetings[].date", "\\d{4}-\\d\\d-\\d\\dT00:00:00Z"),
                Spec.of("data.meetings[].track_condition", STRING),
                Spec.text("data.meetings[].category", "T|H|G"),
                Spec.text("data.meetings[].category_name",
                        "Thoroughbred Horse Racing|Harness Horse Racing|Greyhound Racing"),
                Spec.text("data.meetings[].country", "[A-Z]{2,3}"),
                Spec.of("data.meetings[].state", STRING),
                Spec.of("data.meetings[].races", ARRAY),
                Spec.optional("data.meetings[].tote_meeting_number", INT),
                Spec.optional("data.meetings[].tote_raceday_date", STRING),
                Spec.optional("data.meetings[].tote_status", STRING),
                Spec.optional("data.meetings[].video_channels", ARRAY),
                Spec.optional("data.meetings[].quaddie", ARRAY),
                Spec.optional("data.meetings[].early_quaddie", ARRAY),
                Spec.of("data.meetings[].races[].id", STRING),
                Spec.of("data.meetings[].races[].race_number", INT),
                Spec.of("data.meetings[].races[].name", STRING),
                Spec.text("data.meetings[].races[].start_time", ISO_INSTANT),
                new Spec("data.meetings[].races[].tote_start_time", Set.of(STRING), true,
                        java.util.regex.Pattern.compile("\\d\\d:\\d\\d:\\d\\d")),
                Spec.of("data.meetings[].races[].track_condition", STRING),
                Spec.of("data.meetings[].races[].distance", INT),
                Spec.of("data.meetings[].races[].weather", STRING),
                Spec.of("data.meetings[].races[].country", STRING),
                Spec.of("data.meetings[].races[].state", STRING),
                Spec.text("data.meetings[].races[].status", STATUS));
    }

    /** @param barrier how this event's barriers are typed: INT for gallops (the recording), STRING for harness */
    static List<Spec> eventSpecs(JsonShape.Kind barrier) {
        List<Spec> specs = new ArrayList<>(List.of(
                Spec.of("header", OBJECT),
                Spec.of("header.title", STRING),
                Spec.text("header.generated_time", ISO_INSTANT),
                Spec.text("header.url", "/affiliates/v1/racing/events/.+"),
                Spec.of("data", OBJECT),
                Spec.of("data.race", OBJECT),
                Spec.of("data.runners", ARRAY),
                Spec.of("data.results", ARRAY),
                Spec.of("data.dividends", ARRAY),
                Spec.of("data.substitutions", ARRAY),
                Spec.of("data.favourite", OBJECT),
                Spec.of("data.mover", OBJECT),
                Spec.of("data.derivatives", NULL),
                Spec.of("data.big_bets", NULL, ARRAY),
                Spec.of("data.live_bets", NULL, ARRAY),
                Spec.of("data.biggest_bet", NULL, OBJECT),
                Spec.of("data.money_tracker", OBJECT),
                Spec.of("data.tote_pools", ARRAY),
                Spec.of("data.error", STRING),
                // data.race (§2.4)
                Spec.of("data.race.event_id", STRING),
                Spec.of("data.race.meeting_id", STRING),
                Spec.of("data.race.meeting_name", STRING),
                Spec.of("data.race.display_meeting_name", STRING),
                Spec.text("data.race.status", STATUS),
                Spec.of("data.race.description", STRING),
                Spec.of("data.race.advertised_start", INT),
                Spec.of("data.race.actual_start", INT),
                Spec.text("data.race.advertised_start_string", "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\+0000 UTC"),
                Spec.text("data.race.actual_start_string", "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\+0000 UTC"),
                Spec.text("data.race.race_date_nz", "\\d{4}-\\d\\d-\\d\\d"),
                Spec.text("data.race.start_time_nz", "\\d\\d:\\d\\d:\\d\\d NZ[SD]T"),
                Spec.of("data.race.race_number", INT),
                Spec.text("data.race.type", "T|H|G"),
                Spec.of("data.race.start_type", STRING),
                Spec.of("data.race.country", STRING),
                Spec.of("data.race.state", STRING),
                Spec.of("data.race.distance", INT),
                Spec.of("data.race.weather", STRING),
                Spec.of("data.race.track_condition", STRING),
                Spec.of("data.race.track_direction", STRING),
                Spec.of("data.race.track_surface", STRING),
                Spec.of("data.race.rail_position", STRING),
                Spec.of("data.race.track_circumference", INT),
                Spec.of("data.race.track_home_straight", INT),
                Spec.of("data.race.entrant_count", INT),
                Spec.of("data.race.field_size", INT),
                Spec.of("data.race.positions_paid", INT),
                Spec.of("data.race.prize_monies", OBJECT),
                Spec.of("data.race.prize_monies.total_value", NUMBER),
                Spec.of("data.race.silk_url", STRING),
                Spec.of("data.race.silk_base_url", STRING),
                Spec.of("data.race.video_channels", ARRAY),
                Spec.of("data.race.video_channels[]", STRING),
                // data.runners[] (§2.6)
                Spec.of("data.runners[].entrant_id", STRING),
                Spec.of("data.runners[].name", STRING),
                Spec.of("data.runners[].runner_number", INT),
                Spec.of("data.runners[].barrier", barrier),
                Spec.of("data.runners[].is_scratched", BOOLEAN),
                Spec.of("data.runners[].is_late_scratched", BOOLEAN),
                Spec.of("data.runners[].is_emergency", BOOLEAN),
                Spec.of("data.runners[].scratch_time", INT),
                Spec.of("data.runners[].scr_time", NULL, STRING),
                Spec.of("data.runners[].emergency_position", STRING),
                Spec.of("data.runners[].odds", OBJECT),
                Spec.of("data.runners[].odds.fixed_win", NUMBER),
                Spec.of("data.runners[].odds.fixed_place", NUMBER),
                Spec.of("data.runners[].odds.pool_win", NUMBER),
                Spec.of("data.runners[].odds.pool_place", NUMBER),
                Spec.of("data.runners[].favourite", BOOLEAN),
                Spec.of("data.runners[].mover", BOOLEAN),
                Spec.of("data.runners[].jockey", STRING),
                Spec.of("data.runners[].trainer_name", STRING),
                Spec.of("data.runners[].trainer_location", STRING),
                Spec.of("data.runners[].owners", STRING),
                Spec.of("data.runners[].apprentice_indicator", STRING),
                Spec.of("data.runners[].allowance_weight", STRING),
                Spec.of("data.runners[].weight", OBJECT),
                Spec.of("data.runners[].weight.allocated", STRING),
                Spec.of("data.runners[].weight.total", STRING),
                Spec.of("data.runners[].silk_colours", STRING),
                Spec.of("data.runners[].silk_url_64x64", STRING),
                Spec.of("data.runners[].silk_url_128x128", STRING),
                Spec.of("data.runners[].runner_change", OBJECT, NULL),
                Spec.of("data.runners[].gear", STRING),
                Spec.of("data.runners[].market_name", STRING),
                Spec.of("data.runners[].primary_market", BOOLEAN),
                Spec.of("data.runners[].flucs", ARRAY),
                Spec.of("data.runners[].flucs[]", NUMBER),
                Spec.of("data.runners[].flucs_with_timestamp", OBJECT),
                Spec.of("data.runners[].flucs_with_timestamp.last_six", ARRAY),
                Spec.of("data.runners[].horse_id", INT),
                Spec.of("data.runners[].age", INT),
                Spec.of("data.runners[].sex", STRING),
                Spec.of("data.runners[].colour", STRING),
                Spec.of("data.runners[].sire", STRING),
                Spec.of("data.runners[].dam", STRING),
                Spec.of("data.runners[].prize_money", STRING),
                Spec.of("data.runners[].last_twenty_starts", STRING),
                Spec.of("data.runners[].form_comment", NULL, STRING),
                Spec.of("data.runners[].overall", OBJECT),
                Spec.of("data.runners[].overall.number_of_starts", INT),
                Spec.of("data.runners[].track", OBJECT),
                Spec.of("data.runners[].distance", OBJECT),
                Spec.of("data.runners[].good", OBJECT),
                Spec.of("data.runners[].soft", OBJECT),
                Spec.of("data.runners[].heavy", OBJECT),
                Spec.of("data.runners[].last_12_months", OBJECT),
                Spec.of("data.runners[].last_starts", ARRAY),
                Spec.of("data.runners[].last_starts[]", OBJECT),
                Spec.of("data.runners[].last_starts[].date", STRING),
                Spec.of("data.runners[].last_starts[].finish", STRING),
                Spec.of("data.runners[].last_starts[].distance", STRING),
                Spec.of("data.runners[].last_starts[].track", STRING),
                Spec.of("data.favourite.entrant_id", STRING),
                Spec.of("data.favourite.odds.fixed_win", NUMBER),
                Spec.of("data.mover.entrant_id", STRING),
                // money tracker (§2.11)
                Spec.of("data.money_tracker.entrants", ARRAY),
                Spec.of("data.money_tracker.entrants[].entrant_id", STRING),
                Spec.of("data.money_tracker.entrants[].hold_percentage", INT),
                Spec.of("data.money_tracker.entrants[].bet_percentage", INT),
                // tote pools (§2.9, §2.10)
                Spec.text("data.tote_pools[].product_type",
                        "Win|Place|Quinella|Trifecta|FirstFour|EarlyQuadrella|Quadrella"),
                Spec.of("data.tote_pools[].total", NUMBER),
                Spec.text("data.tote_pools[].status", "OPEN|CLOSED"),
                Spec.of("data.tote_pools[].jackpot", NUMBER),
                Spec.of("data.tote_pools[].win_investment", STRING),
                Spec.optional("data.tote_pools[].tote_trends", OBJECT, NULL),
                Spec.of("data.tote_pools[].tote_trends.tote_trends_data", STRING),
                Spec.of("data.tote_pools[].tote_trends.pool_total", NUMBER),
                Spec.optional("data.tote_pools[].early_quaddie", ARRAY),
                Spec.optional("data.tote_pools[].will_pays", ARRAY),
                Spec.optional("data.tote_pools[].qla_odds", ARRAY),
                // results (§2.7)
                Spec.of("data.results[].position", INT),
                Spec.of("data.results[].name", STRING),
                Spec.of("data.results[].barrier", barrier),
                Spec.of("data.results[].runner_number", INT),
                Spec.of("data.results[].entrant_id", STRING),
                Spec.of("data.results[].margin_length", NUMBER),
                Spec.optional("data.results[].positional_margin", STRING),
                Spec.optional("data.results[].winning_time", NUMBER),
                Spec.optional("data.results[].time_ran", NUMBER),
                // dividends (§2.8)
                Spec.of("data.dividends[].id", STRING),
                Spec.text("data.dividends[].tote", "NZ"),
                Spec.text("data.dividends[].product_name",
                        "Pool Win|Pool Place|Pool Quinella|Pool Trifecta|Pool First4"),
                Spec.text("data.dividends[].status", "Interim|Final"),
                Spec.of("data.dividends[].dividend", NUMBER),
                Spec.of("data.dividends[].pool_size", NUMBER),
                Spec.of("data.dividends[].jackpot_size", NUMBER),
                Spec.of("data.dividends[].positions", ARRAY),
                Spec.of("data.dividends[].positions[].runner_number", INT),
                Spec.of("data.dividends[].positions[].position", INT),
                Spec.text("data.dividends[].description", "\\d+(:\\d+)*")));
        return specs;
    }

    /** Object paths whose keys (union over elements) the simulation must all have. */
    private static final Map<String, List<String>> OBJECTS = Map.of(
            MEETINGS, List.of("", "header", "params", "data", "data.meetings[]", "data.meetings[].races[]"),
            EVENT, List.of("", "header", "params", "data", "data.race", "data.race.prize_monies", "data.runners[]",
                    "data.runners[].odds", "data.runners[].weight", "data.runners[].overall",
                    "data.runners[].last_starts[]", "data.runners[].flucs_with_timestamp", "data.favourite",
                    "data.mover", "data.results[]", "data.dividends[]", "data.dividends[].positions[]",
                    "data.substitutions[]", "data.money_tracker", "data.money_tracker.entrants[]",
                    "data.tote_pools[]", "data.tote_pools[].tote_trends", "data.tote_pools[].qla_odds[]",
                    "data.tote_pools[].will_pays[]"));

    static Stream<String> counterparts() {
        return COUNTERPARTS.keySet().stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("counterparts")
    void shouldHaveTheRecordedKeyAndTypeAtEveryPathTheApplicationReads(String fixture) {
        JsonNode recorded = TabFixtures.readTree(fixture);
        JsonNode simulated = COUNTERPARTS.get(fixture).apply(recorded);
        List<Spec> specs = fixture.equals(MEETINGS) ? meetingsSpecs() : eventSpecs(INT);

        List<String> recordedProblems = new ArrayList<>();
        List<String> simulatedProblems = new ArrayList<>();
        for (Spec spec : specs) {
            // the spec list is checked against the recording too, so it cannot drift from the real API
            recordedProblems.addAll(JsonShape.problems(recorded, spec, true));
            simulatedProblems.addAll(JsonShape.problems(simulated, spec, true));
        }

        assertThat(recordedProblems).as("the path list against the recording " + fixture).isEmpty();
        assertThat(simulatedProblems).as("the simulation against " + fixture).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("counterparts")
    void shouldHaveEveryKeyOfTheRecordedObjects(String fixture) {
        JsonNode recorded = TabFixtures.readTree(fixture);
        JsonNode simulated = COUNTERPARTS.get(fixture).apply(recorded);

        List<String> missing = new ArrayList<>();
        for (String path : OBJECTS.get(fixture)) {
            Set<String> keys = new TreeSet<>(JsonShape.keys(recorded, path));
            keys.removeAll(JsonShape.keys(simulated, path));
            keys.forEach(key -> missing.add((path.isEmpty() ? "" : path + ".") + key));
        }

        assertThat(missing).as("keys of " + fixture + " missing from the simulation").isEmpty();
    }

    @Test
    void shouldKeepTheRecordedTypesInEveryPhaseAndForHarness() {
        SimulatedRace gallop = gallopRace();
        SimulatedRace harness = DAY.importedMeetings().get(1).race(1);
        SimulatedRace scratched = DAY.raceWith(Special.LATE_SCRATCHING).orElseThrow();
        SimulatedRace abandoned = DAY.raceWith(Special.ABANDONED).orElseThrow();
        String flags = "with_money_tracker=true&with_tote_trends_data=true&with_will_pays=true";
        Map<String, JsonNode> events = Map.of(
                "open", event(gallop, START.plusSeconds(30), flags),
                "closed", event(gallop, gallop.jumpTime().plusSeconds(5), flags),
                "interim", event(gallop, gallop.interimAt().plusSeconds(5), flags),
                "abandoned", event(abandoned, abandoned.abandonedAt().plusSeconds(5), flags),
                "scratched", event(scratched, scratched.scratchTime().plusSeconds(5), flags),
                "harness final", event(harness, harness.finalAt().plusSeconds(5), flags));

        for (Map.Entry<String, JsonNode> event : events.entrySet()) {
            boolean text = event.getValue().path("data").path("race").path("type").asText().equals("H");
            List<String> problems = new ArrayList<>();
            for (Spec spec : eventSpecs(text ? STRING : INT)) {
                problems.addAll(JsonShape.problems(event.getValue(), spec, false));
            }
            assertThat(problems).as(event.getKey()).isEmpty();
        }
        assertThat(events.get("harness final").path("data").path("runners").get(0).path("barrier").asText())
                .matches("(Fr|Sr)\\d+");
        assertThat(events.get("open").path("data").path("results")).isEmpty();
        assertThat(events.get("abandoned").path("data").path("dividends")).isEmpty();
    }

    // ---------------------------------------------------------------- the production parser

    @Test
    void shouldBeReadByTheProductionParserInEveryPhaseWithTheTruthComingBack() {
        SimulatedRace gallop = gallopRace();
        SimulatedRace harness = DAY.importedMeetings().get(1).race(1);
        SimulatedRace scratched = DAY.raceWith(Special.LATE_SCRATCHING).orElseThrow();
        SimulatedRace abandoned = DAY.raceWith(Special.ABANDONED).orElseThrow();
        SimulatedRace delayed = DAY.raceWith(Special.DELAYED_START).orElseThrow();
        SimulatedRace greyhounds = DAY.meetings().stream().filter(m -> m.category().equals("G")).findFirst()
                .orElseThrow().race(1);
        List<Map.Entry<SimulatedRace, Instant>> cases = List.of(
                Map.entry(gallop, START.plusSeconds(30)),
                Map.entry(gallop, gallop.jumpTime().plusSeconds(1)),
                Map.entry(gallop, gallop.interimAt().plusSeconds(1)),
                Map.entry(gallop, gallop.finalAt()),
                Map.entry(abandoned, abandoned.abandonedAt()),
                Map.entry(scratched, scratched.scratchTime()),
                Map.entry(scratched, scratched.finalAt().plusSeconds(60)),
                Map.entry(delayed, delayed.originalAdvertisedStart().plusSeconds(60)),
                Map.entry(harness, harness.interimAt()),
                Map.entry(greyhounds, greyhounds.finalAt()));
        TabPayloadParser parser = new TabPayloadParser();
        Set<String> phases = new TreeSet<>();

        for (Map.Entry<SimulatedRace, Instant> c : cases) {
            SimulatedRace race = c.getKey();
            RaceState truth = race.stateAt(c.getValue());
            byte[] body = PAYLOADS.event(race.id(), "with_money_tracker=true&with_tote_trends_data=true",
                    c.getValue()).body();

            EventDetail event = parser.parseEvent(body, race.id());

            String label = race + " " + truth.status();
            phases.add(truth.status());
            assertThat(event.race().status()).as(label).isEqualTo(truth.status());
            assertThat(event.race().advertisedStart()).as(label).isEqualTo(truth.advertisedStart());
            assertThat(event.race().actualStart()).as(label).isEqualTo(truth.actualStart());
            assertThat(event.race().raceDateNz()).isEqualTo(DAY.racingDay());
            assertThat(event.race().meetingId()).isEqualTo(race.meeting().id());
            assertThat(event.race().name()).isEqualTo(race.name());
            assertThat(event.race().distance()).isEqualTo(race.distance());
            assertThat(event.race().fieldSize()).isEqualTo(truth.fieldSize());
            assertThat(event.race().entrantCount()).isEqualTo(race.runners().size());
            assertThat(event.race().positionsPaid()).isEqualTo(truth.positionsPaid());
            assertThat(event.race().totalPrizeMoney()).isEqualTo(race.prizeMoneyTotal());
            assertThat(event.race().videoChannels()).isEqualTo(race.meeting().videoChannels());
            assertThat(event.runners()).hasSize(truth.runners().size());
            for (int i = 0; i < truth.runners().size(); i++) {
                RaceState.Runner expected = truth.runners().get(i);
                SimulatedRunner card = race.runners().get(i);
                Runner parsed = event.runners().get(i);
                assertThat(parsed.entrantId()).isEqualTo(expected.entrantId());
                assertThat(parsed.name()).isEqualTo(expected.name());
                assertThat(parsed.runnerNumber()).isEqualTo(expected.runnerNumber());
                assertThat(parsed.barrier()).isEqualTo(expected.barrier());
                assertThat(parsed.scratched()).as(label).isEqualTo(expected.scratched());
                assertThat(parsed.lateScratched()).isEqualTo(expected.lateScratched());
                assertThat(parsed.scratchTime()).isEqualTo(expected.scratchTime());
                assertThat(parsed.odds().fixedWin()).as(label).isEqualTo(expected.fixedWin());
                assertThat(parsed.odds().fixedPlace()).isEqualTo(expected.fixedPlace());
                assertThat(parsed.odds().poolWin()).isEqualTo(expected.poolWin());
                assertThat(parsed.odds().poolPlace()).isEqualTo(expected.poolPlace());
                assertThat(parsed.favourite()).isEqualTo(expected.favourite());
                assertThat(parsed.mover()).isEqualTo(expected.mover());
                assertThat(parsed.jockey()).isEqualTo(card.jockey().isEmpty() ? null : card.jockey());
                assertThat(parsed.trainerName()).isEqualTo(card.trainerName());
                assertThat(parsed.silkUrl64()).isEqualTo(card.silkUrl64());
                assertThat(parsed.runnerChange()).isEqualTo(card.runnerChange() == null ? null
                        : write(card.runnerChange()));
            }
        }
        assertThat(phases).containsExactlyInAnyOrder("Open", "Closed", "Interim", "Final", "Abandoned");
    }

    @Test
    void shouldHaveItsMeetingsListReadByTheProductionParserWithTheTruthComingBack() {
        TabPayloadParser parser = new TabPayloadParser();
        for (Instant at : List.of(START, START.plus(Duration.ofMinutes(8)), DAY.end())) {
            MeetingsPage page = parser.parseMeetingsPage(PAYLOADS.meetings("date_from=2025-07-17&date_to=2025-07-17",
                    at).body());

            assertThat(page.generatedTime()).isEqualTo(at);
            assertThat(page.meetings()).extracting(RawMeeting::meetingId)
                    .containsExactlyElementsOf(DAY.meetings().stream().map(SimulatedMeeting::id).toList());
            for (int m = 0; m < page.meetings().size(); m++) {
                SimulatedMeeting truth = DAY.meetings().get(m);
                Meeting meeting = parser.parseMeeting(page.meetings().get(m), page.generatedTime());
                assertThat(meeting.raceProblems()).isEmpty();
                assertThat(meeting.date()).isEqualTo(DAY.racingDay());
                assertThat(meeting.country()).isEqualTo(truth.country());
                assertThat(meeting.category()).isEqualTo(truth.category());
                assertThat(meeting.categoryName()).isEqualTo(truth.categoryName());
                assertThat(meeting.races()).hasSize(truth.races().size());
                for (int r = 0; r < truth.races().size(); r++) {
                    RaceSummary race = meeting.races().get(r);
                    SimulatedRace expected = truth.races().get(r);
                    assertThat(race.raceId()).isEqualTo(expected.id());
                    assertThat(race.startTime()).isEqualTo(expected.advertisedStartAt(at));
                    assertThat(race.status()).isEqualTo(expected.statusAt(at));
                    assertThat(race.name()).isEqualTo(expected.name());
                    assertThat(race.distance()).isEqualTo(expected.distance());
                }
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    /** The NZ gallop that opens the day: the counterpart of the recorded Awapuni R1. */
    private static SimulatedRace gallopRace() {
        return DAY.importedMeetings().get(0).race(1);
    }

    private static JsonNode event(SimulatedRace race, Instant at, String query) {
        return read(PAYLOADS.event(race.id(), query, at).body());
    }

    private static String path(JsonNode recorded) {
        String url = recorded.path("header").path("url").asText();
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    private static String query(JsonNode recorded) {
        String url = recorded.path("header").path("url").asText();
        int q = url.indexOf('?');
        return q < 0 ? null : url.substring(q + 1);
    }

    private static Path fixtureFolder() {
        try {
            URI uri = TabFixtures.class.getResource("/nztab/" + MEETINGS).toURI();
            return Path.of(uri).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
