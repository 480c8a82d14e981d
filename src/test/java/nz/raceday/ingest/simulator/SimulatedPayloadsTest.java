package nz.raceday.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * What the simulated API answers: deterministic bytes, meetings paging and filters with the API's echo, the event's
 * optional blocks by query flag, times in the API's formats, payload values equal to the ground truth, and the
 * error envelope.
 */
class SimulatedPayloadsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2025-07-17T00:00:00Z");
    private static final String DAY_QUERY = "date_from=2025-07-17&date_to=2025-07-17";
    private static final String ALL_FLAGS = "with_money_tracker=true&with_tote_trends_data=true&with_big_bets=true"
            + "&with_live_bets=true&with_biggest_bet=true&with_will_pays=true";

    private final SimulatedDay day = SimulatedDay.create(SimulatorSettings.defaults(), START);
    private final SimulatedPayloads payloads = new SimulatedPayloads(day);

    @Test
    void shouldRenderTheSameBytesForTheSameSeedAndStartAndOtherBytesForAnotherSeed() {
        SimulatedPayloads twin = new SimulatedPayloads(SimulatedDay.create(SimulatorSettings.defaults(), START));
        SimulatedPayloads other = new SimulatedPayloads(SimulatedDay.create(SimulatorSettings.defaults().withSeed(9),
                START));

        for (long seconds = 0; seconds <= 960; seconds += 53) {
            Instant at = START.plusSeconds(seconds);
            assertThat(twin.meetings(DAY_QUERY, at).body()).isEqualTo(payloads.meetings(DAY_QUERY, at).body());
            assertThat(other.meetings(DAY_QUERY, at).body()).isNotEqualTo(payloads.meetings(DAY_QUERY, at).body());
            for (int r = 0; r < day.races().size(); r++) {
                String id = day.races().get(r).id();
                assertThat(twin.event(id, ALL_FLAGS, at).body()).as(id + " at " + at)
                        .isEqualTo(payloads.event(id, ALL_FLAGS, at).body());
                String otherId = other.day().races().get(r).id();
                assertThat(other.event(otherId, ALL_FLAGS, at).text()).doesNotContain(id);
            }
        }
    }

    @Test
    void shouldPageTheMeetingsListWithLimitAndOffsetAndEchoThem() {
        List<String> all = meetingIds(read(payloads.meetings(DAY_QUERY, START)));

        JsonNode first = read(payloads.meetings(DAY_QUERY + "&limit=3&offset=0", START));
        JsonNode second = read(payloads.meetings(DAY_QUERY + "&limit=3&offset=3", START));
        JsonNode beyond = read(payloads.meetings(DAY_QUERY + "&limit=3&offset=9", START));
        JsonNode capped = read(payloads.meetings(DAY_QUERY + "&limit=500", START));

        assertThat(all).hasSize(4);
        assertThat(meetingIds(first)).containsExactlyElementsOf(all.subList(0, 3));
        assertThat(meetingIds(second)).containsExactlyElementsOf(all.subList(3, 4));
        assertThat(meetingIds(beyond)).isEmpty();
        assertThat(first.path("params").path("limit").asInt()).isEqualTo(3);
        assertThat(second.path("params").path("offset").asInt()).isEqualTo(3);
        assertThat(capped.path("params").path("limit").asInt()).isEqualTo(200);
        assertThat(read(payloads.meetings(DAY_QUERY, START)).path("params").path("limit").asInt()).isEqualTo(100);
    }

    @Test
    void shouldPageABusyDayBeyondTheDefaultLimit() {
        SimulatedPayloads busy = new SimulatedPayloads(SimulatedDay.create(SimulatorSettings.builder().meetings(120)
                .otherMeetings(30).racesPerMeeting(1).build(), START));

        List<String> pages = new ArrayList<>();
        for (int offset = 0; ; offset += 100) {
            List<String> page = meetingIds(read(busy.meetings(DAY_QUERY + "&offset=" + offset, START)));
            pages.addAll(page);
            if (page.size() < 100) {
                break;
            }
        }

        assertThat(meetingIds(read(busy.meetings(DAY_QUERY, START)))).hasSize(100);
        assertThat(pages).hasSize(150).doesNotHaveDuplicates();
    }

    @Test
    void shouldFilterMeetingsByDateAndAnswerTheUtcDayWithoutOne() {
        // 08:00 NZST on the 17th: the NZ racing day is the 17th, the UTC day still the 16th
        Instant nzMorning = Instant.parse("2025-07-16T20:00:00Z");
        SimulatedPayloads morning = new SimulatedPayloads(SimulatedDay.create(SimulatorSettings.defaults(), nzMorning));

        JsonNode noDate = read(morning.meetings(null, nzMorning));
        JsonNode nzDay = read(morning.meetings(DAY_QUERY, nzMorning));
        JsonNode dayBefore = read(morning.meetings("date_from=2025-07-16&date_to=2025-07-16", nzMorning));
        JsonNode range = read(morning.meetings("date_from=2025-07-16&date_to=2025-07-18", nzMorning));

        assertThat(meetingIds(noDate)).as("the API's 'today' is the UTC day").isEmpty();
        assertThat(noDate.path("params").path("date_from").asText()).isEqualTo("2025-07-16T20:00:00Z");
        assertThat(meetingIds(nzDay)).hasSize(4);
        assertThat(nzDay.path("params").path("date_from").asText()).isEqualTo("2025-07-17T00:00:00Z");
        assertThat(meetingIds(dayBefore)).isEmpty();
        assertThat(meetingIds(range)).hasSize(4);
        assertThat(nzDay.path("data").path("meetings").get(0).path("date").asText()).isEqualTo("2025-07-17T00:00:00Z");
    }

    @Test
    void shouldFilterMeetingsByCountryCategoryAndIdsAndEchoTheCategoryAsType() {
        SimulatedMeeting harness = day.importedMeetings().get(1);

        JsonNode nz = read(payloads.meetings(DAY_QUERY + "&country=NZ", START));
        JsonNode harnessOnly = read(payloads.meetings(DAY_QUERY + "&category=H", START));
        JsonNode byId = read(payloads.meetings(DAY_QUERY + "&ids=" + harness.id(), START));
        JsonNode unfiltered = read(payloads.meetings(DAY_QUERY, START));

        assertThat(meetingIds(nz)).containsExactly(day.meetings().get(0).id());
        assertThat(meetingIds(harnessOnly)).containsExactly(harness.id());
        assertThat(harnessOnly.path("params").path("type").asText()).isEqualTo("H");
        assertThat(meetingIds(byId)).containsExactly(harness.id());
        assertThat(unfiltered.path("params").path("type").asText()).isEqualTo(" ");
        assertThat(unfiltered.path("params").path("country").asText()).isEqualTo(" ");
        assertThat(unfiltered.path("params").path("ids").isNull()).isTrue();
        assertThat(unfiltered.path("header").path("url").asText())
                .isEqualTo("/affiliates/v1/racing/meetings?date_from=2025-07-17&date_to=2025-07-17");
    }

    @Test
    void shouldListRacesWithNzToteTimesAndTheirCurrentStatus() {
        Instant at = START.plus(Duration.ofMinutes(8));
        JsonNode meetings = read(payloads.meetings(DAY_QUERY, at)).path("data").path("meetings");
        Map<String, JsonNode> races = new HashMap<>();
        meetings.forEach(m -> m.path("races").forEach(r -> races.put(r.path("id").asText(), r)));

        for (SimulatedRace race : day.races()) {
            JsonNode listed = races.get(race.id());
            assertThat(listed.path("status").asText()).isEqualTo(race.statusAt(at));
            assertThat(listed.path("start_time").asText()).isEqualTo(race.advertisedStartAt(at).toString());
        }
        JsonNode first = races.get(day.importedRaces().get(0).id());
        assertThat(first.path("tote_start_time").asText()).isEqualTo("12:03:00");
        assertThat(meetings.get(0).path("tote_status").asText()).isEqualTo("Open");
        // the first harness race has had a (dismissed) protest
        assertThat(races.get(day.importedMeetings().get(1).race(1).id()).path("protest").asBoolean()).isTrue();
    }

    @Test
    void shouldCountToteStartTimesPastMidnightFromTheRacingDay() {
        // 23:50 NZST: the later races start after midnight, still on the same racing day
        Instant lateStart = Instant.parse("2025-07-17T11:50:00Z");
        SimulatedPayloads late = new SimulatedPayloads(SimulatedDay.create(SimulatorSettings.defaults(), lateStart));

        JsonNode races = read(late.meetings(DAY_QUERY, lateStart)).path("data").path("meetings").get(0)
                .path("races");

        assertThat(races.get(0).path("tote_start_time").asText()).isEqualTo("23:53:00");
        assertThat(races.get(1).path("tote_start_time").asText()).isEqualTo("23:56:00");
        assertThat(races.get(2).path("tote_start_time").asText()).isEqualTo("23:59:00");
        assertThat(races.get(3).path("tote_start_time").asText()).isEqualTo("24:02:00");
        assertThat(races.get(3).path("start_time").asText()).isEqualTo("2025-07-17T12:02:00Z");
    }

    @Test
    void shouldRenderTheEventFromTheTruthInTheApiFormats() {
        SimulatedRace race = day.importedRaces().get(0);
        Instant at = race.finalAt().plusSeconds(1);
        RaceState truth = race.stateAt(at);

        JsonNode event = read(payloads.event(race.id(), ALL_FLAGS, at));
        JsonNode data = event.path("data");

        assertThat(event.path("header").path("title").asText()).isEqualTo("Event Details: " + race.id());
        assertThat(event.path("header").path("generated_time").asText()).isEqualTo(at.toString());
        assertThat(data.path("race").path("advertised_start_string").asText())
                .isEqualTo("2025-07-17 00:03:00 +0000 UTC");
        assertThat(data.path("race").path("start_time_nz").asText()).isEqualTo("12:03:00 NZST");
        assertThat(data.path("race").path("race_date_nz").asText()).isEqualTo("2025-07-17");
        assertThat(data.path("race").path("status").asText()).isEqualTo("Final");
        for (JsonNode pool : data.path("tote_pools")) {
            BigDecimal total = new BigDecimal(pool.path("total").asText());
            assertThat(total).isEqualByComparingTo(truth.poolTotal(pool.path("product_type").asText()));
            assertThat(pool.path("status").asText()).isEqualTo("CLOSED");
        }
        Map<String, int[]> sums = new HashMap<>();
        for (JsonNode row : data.path("money_tracker").path("entrants")) {
            int[] sum = sums.computeIfAbsent(row.path("entrant_id").asText(), k -> new int[2]);
            sum[0] += row.path("hold_percentage").asInt();
            sum[1] += row.path("bet_percentage").asInt();
        }
        for (RaceState.Runner runner : truth.runners()) {
            assertThat(sums.get(runner.entrantId())).containsExactly(runner.holdPercent(), runner.betPercent());
        }
        assertThat(data.path("results")).hasSize(truth.results().size());
        assertThat(data.path("results").get(0).has("positional_margin")).isFalse();
        assertThat(data.path("results").get(1).path("positional_margin").asText())
                .isEqualTo(truth.results().get(1).positionalMargin());
        assertThat(data.path("dividends")).hasSize(truth.dividends().size());
        assertThat(data.path("dividends").get(0).path("id").asText()).isEqualTo(truth.dividends().get(0).id());
        assertThat(data.path("favourite").path("entrant_id").asText()).isEqualTo(truth.runners().stream()
                .filter(RaceState.Runner::favourite).findFirst().orElseThrow().entrantId());
        assertThat(data.path("favourite").has("flucs")).isFalse();
        assertThat(data.path("runners").get(0).path("last_starts")).hasSize(12);
        assertThat(data.path("substitutions")).hasSize(1);
        assertThat(data.path("error").asText()).isEmpty();
    }

    @Test
    void shouldIncludeTheOptionalBlocksOnlyWhenAskedFor() {
        SimulatedRace race = day.importedRaces().get(0);
        Instant open = START.plusSeconds(60);

        JsonNode bare = read(payloads.event(race.id(), null, open));
        JsonNode full = read(payloads.event(race.id(), ALL_FLAGS, open));

        assertThat(bare.path("data").path("money_tracker").isNull()).isTrue();
        assertThat(bare.path("data").path("big_bets").isNull()).isTrue();
        assertThat(bare.path("data").path("live_bets").isNull()).isTrue();
        assertThat(bare.path("data").path("tote_pools")).allSatisfy(p -> {
            assertThat(p.path("tote_trends").isNull()).isTrue();
            assertThat(p.has("will_pays")).isFalse();
        });
        assertThat(bare.path("params").path("with_money_tracker").asBoolean()).isFalse();

        assertThat(full.path("data").path("money_tracker").path("entrants").isArray()).isTrue();
        assertThat(full.path("data").path("big_bets").isArray()).isTrue();
        assertThat(full.path("data").path("live_bets").isArray()).isTrue();
        assertThat(full.path("data").path("biggest_bet").isNull()).isTrue();
        assertThat(full.path("params").path("will_pays").asBoolean()).isTrue();
        for (JsonNode pool : full.path("data").path("tote_pools")) {
            String product = pool.path("product_type").asText();
            assertThat(pool.path("status").asText()).isEqualTo("OPEN");
            if (List.of("Win", "Place", "Quinella").contains(product)) {
                assertThat(pool.path("tote_trends").isNull()).as(product).isTrue();
            } else {
                String xml = pool.path("tote_trends").path("tote_trends_data").asText();
                assertThat(xml).as(product).startsWith("<meetings>\r\n  <date>2025-07-17</date>\r\n")
                        .contains("<meet_ID meet_mnem=").endsWith("</meetings>\r\n");
            }
        }
        assertThat(full.path("data").path("tote_pools")).anySatisfy(p -> assertThat(p.path("tote_trends")
                .path("tote_trends_data").asText()).contains("<bet_type type=\"TFA\">")
                .contains("<runner_investment3>"));
        assertThat(full.path("data").path("tote_pools")).anySatisfy(p -> assertThat(p.path("tote_trends")
                .path("tote_trends_data").asText()).contains("<bet_type type=\"FT4\">")
                .contains("<runner_investment4>"));
        assertThat(full.path("data").path("tote_pools")).anySatisfy(p -> {
            assertThat(p.path("product_type").asText()).isEqualTo("EarlyQuadrella");
            assertThat(p.path("early_quaddie").toString()).isEqualTo("[1,2,3,4]");
            assertThat(p.path("tote_trends").path("tote_trends_data").asText()).contains("<bet_type type=\"QAD\">");
        });
    }

    @Test
    void shouldLeaveOutTheBetTypeNamedByTheFilter() {
        SimulatedRace race = day.importedRaces().get(0);

        JsonNode filtered = read(payloads.event(race.id(), "bet_type_filter=Quinella", START));

        assertThat(filtered.path("data").path("tote_pools")).extracting(p -> p.path("product_type").asText())
                .doesNotContain("Quinella").contains("Win", "Place");
        assertThat(filtered.path("params").path("bet_type_filter").asText()).isEqualTo("Quinella");
    }

    @Test
    void shouldShowAScratchedRunnerAsTheApiDoes() {
        SimulatedRace race = day.raceWith(Special.LATE_SCRATCHING).orElseThrow();
        SimulatedRunner scratched = race.lateScratchedRunner().orElseThrow();

        JsonNode runner = runner(read(payloads.event(race.id(), null, race.scratchTime())), scratched.entrantId());
        JsonNode before = runner(read(payloads.event(race.id(), null, race.scratchTime().minusSeconds(1))),
                scratched.entrantId());

        assertThat(before.path("is_scratched").asBoolean()).isFalse();
        assertThat(before.path("scratch_time").asLong()).isZero();
        assertThat(before.path("scr_time").isNull()).isTrue();
        assertThat(before.path("odds").path("fixed_win").asDouble()).isPositive();
        assertThat(runner.path("is_scratched").asBoolean()).isTrue();
        assertThat(runner.path("is_late_scratched").asBoolean()).isTrue();
        assertThat(runner.path("scratch_time").asLong()).isEqualTo(race.scratchTime().getEpochSecond());
        assertThat(runner.path("scr_time").asText()).isEqualTo(race.scratchTime().toString());
        assertThat(runner.path("odds").path("fixed_win").asDouble()).isZero();
        assertThat(runner.path("odds").path("pool_win").asDouble()).isZero();
    }

    @Test
    void shouldAnswerUnknownEventsAndPathsWithTheErrorEnvelope() {
        SimulatedPayloads.Response unknownEvent = payloads.event("0f57e087-00d9-4c61-9549-835abe2ae2ed", null, START);
        SimulatedPayloads.Response unknownPath = payloads.get("/affiliates/v1/racing/nothing", "a=b", START);
        SimulatedPayloads.Response noId = payloads.get("/affiliates/v1/racing/events/", null, START);

        assertThat(unknownEvent.status()).isEqualTo(404);
        JsonNode header = read(unknownEvent).path("header");
        assertThat(header.path("error").asText()).contains("0f57e087-00d9-4c61-9549-835abe2ae2ed");
        assertThat(header.path("error_code").asText()).isEqualTo("NOT_FOUND");
        assertThat(header.path("generated_time").asText()).isEqualTo(START.toString());
        assertThat(header.path("title").asText()).isNotBlank();
        assertThat(header.path("url").asText()).isEqualTo("/affiliates/v1/racing/events/"
                + "0f57e087-00d9-4c61-9549-835abe2ae2ed");
        assertThat(read(unknownEvent).has("data")).isFalse();
        assertThat(unknownPath.status()).isEqualTo(404);
        assertThat(read(unknownPath).path("header").path("url").asText())
                .isEqualTo("/affiliates/v1/racing/nothing?a=b");
        assertThat(noId.status()).isEqualTo(404);
    }

    @Test
    void shouldRejectBadParametersWithA400() {
        SimulatedRace race = day.races().get(0);

        assertThat(payloads.meetings("date_from=17/07/2025", START).status()).isEqualTo(400);
        assertThat(payloads.meetings("limit=many", START).status()).isEqualTo(400);
        assertThat(payloads.meetings("offset=-1", START).status()).isEqualTo(400);
        assertThat(payloads.event(race.id(), "with_money_tracker=yes", START).status()).isEqualTo(400);
        assertThat(payloads.event(race.id(), "with_money_tracker=1&with_will_pays=True", START).status())
                .isEqualTo(200);
    }

    @Test
    void shouldEchoTheServedUrlWithSortedEncodedParameters() {
        SimulatedRace race = day.races().get(0);

        JsonNode event = read(payloads.event(race.id(), "with_money_tracker=true&bet_type_filter=aliquip+sint%20sunt"
                + "&enc=json", START));

        assertThat(event.path("header").path("url").asText()).isEqualTo("/affiliates/v1/racing/events/" + race.id()
                + "?bet_type_filter=aliquip%20sint%20sunt&enc=json&with_money_tracker=true");
        assertThat(event.path("params").path("bets_limit").asInt()).isEqualTo(10);
        assertThat(event.path("params").path("id").asText()).isEqualTo(race.id());
    }

    private static JsonNode runner(JsonNode event, String entrantId) {
        for (JsonNode runner : event.path("data").path("runners")) {
            if (runner.path("entrant_id").asText().equals(entrantId)) {
                return runner;
            }
        }
        throw new AssertionError("no runner " + entrantId);
    }

    private static List<String> meetingIds(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("data").path("meetings").forEach(m -> ids.add(m.path("meeting").asText()));
        return ids;
    }

    private static JsonNode read(SimulatedPayloads.Response response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
