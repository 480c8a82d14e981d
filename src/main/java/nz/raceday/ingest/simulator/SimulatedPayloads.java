package nz.raceday.ingest.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Renders the simulated API's responses from a {@link SimulatedDay}'s ground truth at an instant, with the envelope,
 * field names, types and quirks of the real NZ TAB affiliates API (domain-spec §1-2): {@code {header, params, data}},
 * {@code runners} (not entrants), numeric gallop and text harness barriers, {@code runner_change} objects,
 * {@code scratch_time} 0, non-ISO {@code *_string} times, {@code tote_pools} in dollars with {@code FirstFour},
 * {@code tote_trends} null on Win/Place/Quinella and XML on the exotics, money-tracker rows that must be summed and
 * rows for entrants that are not runners, dividends with Interim and Final rows mixed.
 *
 * <p>Served paths (everything else is a 404 with the error envelope):
 * <ul>
 *   <li>{@code GET /affiliates/v1/racing/meetings?date_from=&date_to=&country=&category=&ids=&limit=&offset=}:
 *       meetings whose date is in range (without {@code date_from} the API's real behaviour: today in UTC),
 *       {@code limit} default 100, at most 200;</li>
 *   <li>{@code GET /affiliates/v1/racing/events/{id}} with {@code with_money_tracker}, {@code with_tote_trends_data},
 *       {@code with_big_bets}, {@code with_live_bets}, {@code with_biggest_bet}, {@code with_will_pays},
 *       {@code present_overlay}, {@code bet_type_filter}, {@code enc}.</li>
 * </ul>
 * Races in the meetings list carry {@code protest}/{@code protest_reason} for the first race of each harness meeting
 * once it has been run (a dismissed protest: results stand). The same day, request and instant always give the same
 * bytes. Thread-safe.
 */
public final class SimulatedPayloads {

    /** The path prefix of every served resource. */
    public static final String PREFIX = "/affiliates/v1/racing/";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long K_EXTRAS = SimRandom.label("race-extras");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    /** A list, not a set: with two bad flags the 400 must name the same one every run. */
    private static final List<String> EVENT_FLAGS = List.of("with_money_tracker", "with_tote_trends_data",
            "with_big_bets", "with_live_bets", "with_biggest_bet", "with_will_pays", "present_overlay");

    /** A rendered response: HTTP status and JSON body. */
    public record Response(int status, byte[] body) {

        /** The body as text. */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final SimulatedDay day;

    public SimulatedPayloads(SimulatedDay day) {
        this.day = day;
    }

    public SimulatedDay day() {
        return day;
    }

    /**
     * Answers a GET as the API would at an instant.
     *
     * @param path     the request path ({@code /affiliates/v1/racing/...})
     * @param rawQuery the raw (still encoded) query string, or null
     */
    public Response get(String path, String rawQuery, Instant now) {
        Map<String, String> query = SimulatorQuery.parseQuery(rawQuery);
        String url = SimulatorQuery.servedUrl(path, query);
        if (path.equals(PREFIX + "meetings")) {
            return meetings(query, url, now);
        }
        if (path.startsWith(PREFIX + "events/") && path.length() > (PREFIX + "events/").length()) {
            String id = path.substring((PREFIX + "events/").length());
            return event(id, query, url, now);
        }
        return error(404, "Not Found", url, now, "no such resource: " + path, "NOT_FOUND");
    }

    /** {@code GET /affiliates/v1/racing/meetings?<rawQuery>} at an instant. */
    public Response meetings(String rawQuery, Instant now) {
        return get(PREFIX + "meetings", rawQuery, now);
    }

    /** {@code GET /affiliates/v1/racing/events/{id}?<rawQuery>} at an instant. */
    public Response event(String raceId, String rawQuery, Instant now) {
        return get(PREFIX + "events/" + raceId, rawQuery, now);
    }

    /** The error envelope of the spec ({@code main_ErrorResponse}) with a status. */
    public Response error(int status, String title, String url, Instant now, String message, String code) {
        ObjectNode root = NODES.objectNode();
        ObjectNode header = root.putObject("header");
        header.put("error", message);
        header.put("error_code", code);
        header.put("generated_time", Payloads.rfc3339(now));
        header.put("title", title);
        header.put("url", url);
        return new Response(status, bytes(root));
    }

    // ---------------------------------------------------------------- meetings list

    private Response meetings(Map<String, String> query, String url, Instant now) {
        LocalDate todayUtc = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate from;
        LocalDate to;
        int limit;
        int offset;
        boolean futures;
        try {
            from = dateBound(query.get("date_from"), todayUtc, true);
            to = dateBound(query.get("date_to"), todayUtc, false);
            limit = SimulatorQuery.intParam(query, "limit", 100);
            offset = SimulatorQuery.intParam(query, "offset", 0);
            futures = SimulatorQuery.boolParam(query, "futures");
        } catch (IllegalArgumentException e) {
            return error(400, "Race Meetings", url, now, e.getMessage(), "BAD_REQUEST");
        }
        if (limit < 1 || offset < 0) {
            return error(400, "Race Meetings", url, now, "limit must be at least 1 and offset at least 0",
                    "BAD_REQUEST");
        }
        limit = Math.min(limit, 200);
        Set<String> countries = SimulatorQuery.listParam(query.get("country"));
        Set<String> categories = SimulatorQuery.listParam(query.get("category"));
        Set<String> ids = SimulatorQuery.listParam(query.get("ids"));

        List<SimulatedMeeting> matching = day.meetings().stream()
                .filter(m -> !m.racingDay().isBefore(from) && !m.racingDay().isAfter(to))
                .filter(m -> countries.isEmpty() || countries.contains(m.country().toUpperCase(Locale.ROOT)))
                .filter(m -> categories.isEmpty() || categories.contains(m.category().toUpperCase(Locale.ROOT)))
                .filter(m -> ids.isEmpty() || ids.contains(m.id().toUpperCase(Locale.ROOT)))
                .toList();

        ObjectNode root = NODES.objectNode();
        ObjectNode header = root.putObject("header");
        header.put("title", "Race Meetings");
        header.put("generated_time", Payloads.rfc3339(now));
        header.put("url", url);
        ObjectNode params = root.putObject("params");
        params.put("enc", query.getOrDefault("enc", "json"));
        if (ids.isEmpty()) {
            params.putNull("ids");
        } else {
            ArrayNode idList = params.putArray("ids");
            Arrays.stream(query.get("ids").split(",")).map(String::trim).forEach(idList::add);
        }
        params.put("date_from", echoDate(query.get("date_from"), now));
        params.put("date_to", echoDate(query.get("date_to"), now));
        // the API echoes the category filter under the name "type", and a blank filter as a single space
        params.put("type", query.getOrDefault("category", " "));
        params.put("country", query.getOrDefault("country", " "));
        params.put("limit", limit);
        params.put("offset", offset);
        params.put("futures", futures);
        if (query.containsKey("meeting_numbers")) {
            params.put("meeting_numbers", query.get("meeting_numbers"));
        } else {
            params.putNull("meeting_numbers");
        }
        ArrayNode list = root.putObject("data").putArray("meetings");
        for (int i = offset; i < Math.min(matching.size(), offset + limit); i++) {
            list.add(meeting(matching.get(i), now));
        }
        return new Response(200, bytes(root));
    }

    private ObjectNode meeting(SimulatedMeeting meeting, Instant now) {
        ObjectNode m = NODES.objectNode();
        m.put("meeting", meeting.id());
        m.put("name", meeting.name());
        m.put("date", meeting.racingDay() + "T00:00:00Z");
        m.put("track_condition", meeting.trackCondition());
        m.put("category", meeting.category());
        m.put("category_name", meeting.categoryName());
        m.put("country", meeting.country());
        m.put("state", meeting.state());
        ArrayNode races = m.putArray("races");
        boolean tote = meeting.toteMeetingNumber() != null;
        for (SimulatedRace race : meeting.races()) {
            ObjectNode r = races.addObject();
            Instant advertised = race.advertisedStartAt(now);
            r.put("id", race.id());
            r.put("race_number", race.raceNumber());
            r.put("name", race.name());
            r.put("start_time", advertised.toString());
            if (tote) {
                r.put("tote_start_time", toteStartTime(meeting.racingDay(), advertised));
            }
            r.put("track_condition", meeting.trackCondition());
            r.put("distance", race.distance());
            r.put("weather", race.weather());
            r.put("country", meeting.country());
            r.put("state", meeting.state());
            String status = race.statusAt(now);
            r.put("status", status);
            if (hasProtest(race) && (status.equals("Interim") || status.equals("Final"))) {
                // the first race of each harness meeting has a (dismissed) protest once it has been run
                RaceState state = race.stateAt(now);
                if (state.results().size() < 2) {
                    continue;
                }
                r.put("protest", true);
                r.put("protest_reason", "Protest dismissed: #" + state.results().get(1).runnerNumber() + " v #"
                        + state.results().get(0).runnerNumber());
            }
        }
        if (!meeting.videoChannels().isEmpty()) {
            ArrayNode channels = m.putArray("video_channels");
            meeting.videoChannels().forEach(channels::add);
        }
        if (!meeting.multiRacePools().isEmpty()) {
            ArrayNode quaddie = m.putArray("quaddie");
            meeting.quaddie().forEach(quaddie::add);
            ArrayNode early = m.putArray("early_quaddie");
            meeting.earlyQuaddie().forEach(early::add);
            int count = meeting.races().size();
            ArrayNode doubles = m.putArray("tote_running_double");
            for (int first = 1; first + 1 <= count; first += 2) {
                doubles.addArray().add(first).add(first + 1);
            }
            ArrayNode trebles = m.putArray("tote_treble");
            for (int first = 1; first + 2 <= count; first += 3) {
                trebles.addArray().add(first).add(first + 1).add(first + 2);
            }
        }
        if (tote) {
            m.put("tote_meeting_number", meeting.toteMeetingNumber());
            m.put("tote_raceday_date", meeting.racingDay().toString());
            boolean allDone = meeting.races().stream().allMatch(r -> !now.isBefore(r.endTime()));
            m.put("tote_status", allDone ? "Closed" : "Open");
        }
        return m;
    }

    /** Protests are rare: the first race of each harness meeting gets a dismissed one (results stand). */
    static boolean hasProtest(SimulatedRace race) {
        return race.meeting().category().equals("H") && race.raceNumber() == 1 && race.abandonedAt() == null
                && race.runners().size() >= 2;
    }

    /** NZ local clock time of the start, counted from the racing day's midnight: after midnight it reads 24:xx. */
    private static String toteStartTime(LocalDate racingDay, Instant start) {
        long seconds = Duration.between(racingDay.atStartOfDay(DayContext.NZ).toInstant(), start).toSeconds();
        return String.format(Locale.ROOT, "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }

    private static LocalDate dateBound(String text, LocalDate todayUtc, boolean from) {
        if (text == null || text.isBlank() || text.equalsIgnoreCase("today")) {
            return todayUtc;
        }
        switch (text.toLowerCase(Locale.ROOT)) {
            case "all":
                return from ? LocalDate.MIN : LocalDate.MAX;
            case "week":
                return from ? todayUtc : todayUtc.plusDays(6);
            case "month":
                return from ? todayUtc : todayUtc.plusDays(30);
            default:
                try {
                    return LocalDate.parse(text.trim());
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException((from ? "date_from" : "date_to")
                            + " must be YYYY-MM-DD, today, week, month or all, got '" + text + "'");
                }
        }
    }

    /** Defaults echo the request instant to the minute (as recorded); dates echo as midnight UTC. */
    private static String echoDate(String text, Instant now) {
        if (text == null || text.isBlank() || text.equalsIgnoreCase("today")) {
            return now.truncatedTo(ChronoUnit.MINUTES).toString();
        }
        try {
            return LocalDate.parse(text.trim()) + "T00:00:00Z";
        } catch (DateTimeParseException e) {
            return text;
        }
    }

    // ---------------------------------------------------------------- event

    private Response event(String id, Map<String, String> query, String url, Instant now) {
        String title = "Event Details: " + id;
        SimulatedRace race = day.findRace(id).orElse(null);
        if (race == null) {
            return error(404, title, url, now, "event " + id + " not found", "NOT_FOUND");
        }
        Map<String, Boolean> flags = new LinkedHashMap<>();
        try {
            for (String flag : EVENT_FLAGS) {
                flags.put(flag, SimulatorQuery.boolParam(query, flag));
            }
        } catch (IllegalArgumentException e) {
            return error(400, title, url, now, e.getMessage(), "BAD_REQUEST");
        }
        RaceState state = race.stateAt(now);

        ObjectNode root = NODES.objectNode();
        ObjectNode header = root.putObject("header");
        header.put("title", title);
        header.put("generated_time", Payloads.rfc3339(now));
        header.put("url", url);
        ObjectNode params = root.putObject("params");
        params.put("enc", query.getOrDefault("enc", "json"));
        params.put("id", id);
        params.put("present_overlay", flags.get("present_overlay"));
        params.put("with_big_bets", flags.get("with_big_bets"));
        params.put("with_live_bets", flags.get("with_live_bets"));
        params.put("with_money_tracker", flags.get("with_money_tracker"));
        params.put("with_biggest_bet", flags.get("with_biggest_bet"));
        // the API echoes with_will_pays as will_pays
        params.put("will_pays", flags.get("with_will_pays"));
        params.put("with_tote_trends_data", flags.get("with_tote_trends_data"));
        params.put("bet_type_filter", query.getOrDefault("bet_type_filter", ""));
        params.put("bets_limit", 10);

        ObjectNode data = root.putObject("data");
        data.set("race", raceNode(race, state, now));
        data.set("results", results(race, state));
        data.set("dividends", SimulatedTote.dividends(state));
        ArrayNode substitutions = data.putArray("substitutions");
        if (!state.status().equals("Open") && !state.status().equals("Abandoned")) {
            // once betting closes, the tote names its substitute (the tote favourite) for bets on scratched runners;
            // the recorded event's substitution is its lowest pool_win runner
            state.runners().stream().filter(r -> r.poolWin() != null)
                    .min(java.util.Comparator.comparingDouble(RaceState.Runner::poolWin)
                            .thenComparingInt(RaceState.Runner::runnerNumber))
                    .ifPresent(r -> {
                        ObjectNode substitution = substitutions.addObject();
                        substitution.put("entrant_id", r.entrantId());
                        substitution.put("tote", "NZ");
                        substitution.put("product_name", "Pool Win");
                    });
        }
        List<List<SimulatedRace.PricePoint>> flucs = race.flucs(now);
        ArrayNode runners = NODES.arrayNode();
        ObjectNode favourite = null;
        ObjectNode mover = null;
        for (SimulatedRunner card : race.runners()) {
            RaceState.Runner runnerState = state.runners().get(card.index());
            ObjectNode runner = RunnerJson.render(race, card, runnerState, flucs.get(card.index()));
            runners.add(runner);
            if (runnerState.favourite()) {
                favourite = RunnerJson.summary(runner);
            }
            if (runnerState.mover()) {
                mover = RunnerJson.summary(runner);
            }
        }
        data.set("favourite", favourite == null ? NODES.nullNode() : favourite);
        data.set("runners", runners);
        data.putNull("derivatives");
        data.set("mover", mover == null ? NODES.nullNode() : mover);
        data.set("big_bets", flags.get("with_big_bets") ? SimulatedTote.bets(race, state, now, "Big Bet") : NODES.nullNode());
        data.set("live_bets", flags.get("with_live_bets") ? SimulatedTote.bets(race, state, now, "Live Bet") : NODES.nullNode());
        data.putNull("biggest_bet");
        if (flags.get("with_money_tracker")) {
            ArrayNode entrants = data.putObject("money_tracker").putArray("entrants");
            for (RaceState.MoneyRow row : state.moneyTracker()) {
                ObjectNode entry = entrants.addObject();
                entry.put("entrant_id", row.entrantId());
                entry.put("hold_percentage", row.holdPercentage());
                entry.put("bet_percentage", row.betPercentage());
            }
        } else {
            data.putNull("money_tracker");
        }
        data.set("tote_pools", SimulatedTote.totePools(race, state, now, flags.get("with_tote_trends_data"),
                flags.get("with_will_pays"), query.getOrDefault("bet_type_filter", "")));
        data.put("error", "");
        return new Response(200, bytes(root));
    }

    private ObjectNode raceNode(SimulatedRace race, RaceState state, Instant now) {
        SimulatedMeeting meeting = race.meeting();
        DayContext ctx = race.context();
        SplittableRandom extras = SimRandom.random(ctx.seed(), K_EXTRAS, meeting.index(), race.raceIndex());
        ObjectNode r = NODES.objectNode();
        r.put("event_id", race.id());
        r.put("meeting_name", meeting.name());
        r.put("display_meeting_name", meeting.name());
        r.put("meeting_id", meeting.id());
        r.put("status", state.status());
        r.put("description", race.name());
        r.put("advertised_start", state.advertisedStart().getEpochSecond());
        r.put("actual_start", state.actualStart().getEpochSecond());
        r.put("advertised_start_string", Payloads.nonIso(state.advertisedStart()));
        r.put("actual_start_string", Payloads.nonIso(state.actualStart()));
        r.put("race_date_nz", meeting.racingDay().toString());
        ZonedDateTime nz = state.advertisedStart().atZone(DayContext.NZ);
        r.put("start_time_nz", nz.format(CLOCK) + " "
                + (DayContext.NZ.getRules().isDaylightSavings(state.advertisedStart()) ? "NZDT" : "NZST"));
        r.put("race_number", race.raceNumber());
        r.put("type", meeting.category());
        r.put("start_type", race.startType());
        r.put("country", meeting.country());
        r.put("state", meeting.state());
        r.put("distance", race.distance());
        r.put("weather", race.weather());
        r.put("form_guide", "");
        List<SimulatedRunner> tips = race.runners().stream()
                .sorted((a, b) -> Double.compare(b.strength(), a.strength())).limit(6).toList();
        r.put("comment", tips.get(0).name().toUpperCase(Locale.ROOT) + " (" + tips.get(0).runnerNumber()
                + ") has the form to win this. " + tips.get(Math.min(1, tips.size() - 1)).name()
                .toUpperCase(Locale.ROOT) + " (" + tips.get(Math.min(1, tips.size() - 1)).runnerNumber()
                + ") is the one to beat. Include the rest of the top picks in all combinations.");
        r.put("silk_base_url", "silks.tab-simulator.invalid");
        r.put("track_condition", meeting.trackCondition());
        r.put("track_direction", SimRandom.pick(extras, List.of("Left", "Right")));
        r.put("track_surface", meeting.trackCondition().equals("Synthetic") ? "Synthetic"
                : meeting.category().equals("T") ? "Turf" : "All Weather");
        r.put("track_circumference", 1_200 + 20 * extras.nextInt(60));
        r.put("silk_url", "https://silks.tab-simulator.invalid/sprites/" + race.id() + "_SPRITE_64x64.png");
        r.put("entrant_count", state.runners().size());
        r.put("field_size", state.fieldSize());
        r.put("positions_paid", SimulatedRace.positionsPaid(state.fieldSize()));
        ArrayNode channels = r.putArray("video_channels");
        meeting.videoChannels().forEach(channels::add);
        ObjectNode meta = r.putObject("video_channels_meta");
        if (!meeting.videoChannels().isEmpty()) {
            ObjectNode live = meta.putObject("Live1");
            live.put("RaceNo", race.raceNumber());
            live.put("RaceType", meeting.category());
            live.put("SlotType", "");
            live.put("SlotTitle", "");
            live.put("VenueName", meeting.name());
            live.put("CrossPoint", 1 + extras.nextInt(40));
            live.put("RacePriority", "1");
            live.put("SlotDuration", "");
            live.put("SchedulerNote", "P1 - Prize Money: $"
                    + String.format(Locale.ROOT, "%,d", race.prizeMoneyTotal()));
            live.put("CrossPointName", "SKY " + String.format(Locale.ROOT, "%02d", 1 + extras.nextInt(20)));
            live.put("SlotDescription", "");
            live.put("UtcRaceStartTime", state.advertisedStart().toString());
            live.put("VenueCountryCode", meeting.country());
            live.put("VenueProviderName", "SKY");
            live.put("DisplayRaceStartTime",
                    LocalDateTime.ofInstant(state.advertisedStart(), DayContext.NZ).toString());
            live.put("SchedulerNotePriority", "Information");
        }
        ArrayNode tipIds = r.putArray("tips");
        tips.forEach(t -> tipIds.add(t.entrantId()));
        r.put("rail_position", SimRandom.pick(extras, List.of("True", "Out 3m", "Out 5m entire circuit",
                "True | No Rain Last 24 Hours")));
        r.put("group", "");
        r.put("class", switch (meeting.category()) {
            case "H" -> SimRandom.pick(extras, List.of("C1", "C2", "C3-C5", "R40-R55"));
            case "G" -> SimRandom.pick(extras, List.of("Grade 5", "Maiden", "Free For All"));
            default -> SimRandom.pick(extras, List.of("Rating 60 HCP", "Rating 65 HCP", "Maiden", "Benchmark 72"));
        });
        ObjectNode prizes = r.putObject("prize_monies");
        double[] shares = {0.56, 0.18, 0.09, 0.05, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02};
        String[] places = {"1st", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th", "9th", "10th"};
        // Go writes map keys sorted: "10th" before "1st"
        Map<String, Long> sorted = new TreeMap<>();
        for (int i = 0; i < places.length; i++) {
            sorted.put(places[i], Math.round(race.prizeMoneyTotal() * shares[i]));
        }
        sorted.forEach(prizes::put);
        prizes.put("total_value", race.prizeMoneyTotal());
        r.put("ffwin_option_number", 100 + extras.nextInt(900));
        r.put("fftop3_option_number", 1_000 + extras.nextInt(900));
        r.put("gait", meeting.category().equals("H") ? (race.name().contains("TROT") ? "Trot" : "Pace") : "");
        r.put("track_home_straight", 250 + 5 * extras.nextInt(40));
        r.put("gender_conditions", "unrestricted");
        r.put("allowance_conditions", true);
        r.put("age_conditions", "Unrestricted");
        r.put("special_conditions", "");
        r.put("jockey_conditions", "C");
        r.put("weight_and_handicap_conditions", meeting.category().equals("T") ? "hcp" : "");
        r.put("mile_rate_400", "");
        r.put("mile_rate_800", "");
        return r;
    }

    private ArrayNode results(SimulatedRace race, RaceState state) {
        ArrayNode results = NODES.arrayNode();
        for (RaceState.Result result : state.results()) {
            ObjectNode r = results.addObject();
            r.put("position", result.position());
            r.put("name", result.name());
            SimulatedRunner card = race.runners().get(result.runnerNumber() - 1);
            if (card.numericBarrier()) {
                r.put("barrier", Integer.parseInt(result.barrier()));
            } else {
                r.put("barrier", result.barrier());
            }
            r.put("runner_number", result.runnerNumber());
            Payloads.number(r, "margin_length", result.marginLength());
            if (result.positionalMargin() != null) {
                r.put("positional_margin", result.positionalMargin());
            }
            r.put("entrant_id", result.entrantId());
            if (result.winningTime() != null) {
                Payloads.number(r, "winning_time", result.winningTime());
                Payloads.number(r, "time_ran", result.winningTime());
            }
        }
        return results;
    }

    // ---------------------------------------------------------------- output helpers

    static String money(long cents) {
        return String.format(Locale.ROOT, "%d.%02d", cents / 100, cents % 100);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
