package nz.raceday.ingest.tab;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import nz.raceday.ingest.shared.RaceStatus;
import nz.raceday.ingest.tab.model.Dividend;
import nz.raceday.ingest.tab.model.EventDetail;
import nz.raceday.ingest.tab.model.Meeting;
import nz.raceday.ingest.tab.model.MeetingsPage;
import nz.raceday.ingest.tab.model.MoneyTrackerRow;
import nz.raceday.ingest.tab.model.Odds;
import nz.raceday.ingest.tab.model.PayloadProblem;
import nz.raceday.ingest.tab.model.RaceDetail;
import nz.raceday.ingest.tab.model.RaceSummary;
import nz.raceday.ingest.tab.model.RawMeeting;
import nz.raceday.ingest.tab.model.Runner;
import nz.raceday.ingest.tab.model.TotePool;

import static nz.raceday.ingest.tab.JsonFields.optionalBoolean;
import static nz.raceday.ingest.tab.JsonFields.optionalDate;
import static nz.raceday.ingest.tab.JsonFields.optionalDouble;
import static nz.raceday.ingest.tab.JsonFields.optionalEpochSeconds;
import static nz.raceday.ingest.tab.JsonFields.optionalInt;
import static nz.raceday.ingest.tab.JsonFields.optionalIsoInstant;
import static nz.raceday.ingest.tab.JsonFields.optionalText;
import static nz.raceday.ingest.tab.JsonFields.requiredInt;
import static nz.raceday.ingest.tab.JsonFields.requiredObject;
import static nz.raceday.ingest.tab.JsonFields.requiredText;

/**
 * Reads NZ TAB affiliates API responses ({@code {header, params, data}} envelopes) into the pipeline's
 * model, handling the quirks of the real payloads (domain-spec §2, §9): entrants under {@code runners},
 * numeric or text barriers, {@code runner_change} objects, {@code scratch_time} 0, non-ISO {@code *_string}
 * times (the epoch fields are used instead) and statuses in any case. Unknown fields are ignored.
 */
public final class TabPayloadParser {

    private static final Map<String, String> CATEGORY_NAMES = Map.of(
            "T", "Thoroughbred Horse Racing", "H", "Harness Horse Racing", "G", "Greyhound Racing");

    private final ObjectMapper mapper;

    public TabPayloadParser() {
        this.mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    /** Reads one page of {@code /racing/meetings}. Fails only when the page as a whole is unusable. */
    public MeetingsPage parseMeetingsPage(byte[] body) {
        String context = "meetings list";
        JsonNode envelope = readEnvelope(body, context);
        JsonNode data = requiredObject(envelope, "data", context);
        JsonNode meetings = data.get("meetings");
        if (meetings == null || meetings.isNull()) {
            // an empty day comes back as an empty array; a missing array means the response is not a meetings list
            throw JsonFields.missing(context, "data.meetings");
        }
        if (!meetings.isArray()) {
            throw JsonFields.wrongType(context, "data.meetings", "an array", meetings);
        }
        List<RawMeeting> raw = new ArrayList<>();
        for (JsonNode meeting : meetings) {
            if (!meeting.isObject()) {
                raw.add(new RawMeeting(null, null, null, null, meeting));
                continue;
            }
            raw.add(new RawMeeting(lenientText(meeting, "meeting"), lenientText(meeting, "name"),
                    lenientText(meeting, "country"), lenientText(meeting, "category"), meeting));
        }
        return new MeetingsPage(generatedTime(envelope), raw);
    }

    /**
     * Parses one meeting of a meetings page with its race summaries. A race that cannot be read is reported in
     * {@link Meeting#raceProblems()}; the meeting itself fails only when its own required fields are unusable.
     */
    public Meeting parseMeeting(RawMeeting raw, Instant generatedTime) {
        JsonNode json = raw.json();
        String context = "meeting " + raw.label();
        if (!json.isObject()) {
            throw new TabPayloadException(context + ": is not a JSON object");
        }
        String meetingId = requiredText(json, "meeting", context);
        LocalDate date = optionalDate(json, "date", context);
        if (date == null) {
            throw JsonFields.missing(context, "date");
        }
        String category = requiredText(json, "category", context);
        String categoryName = optionalText(json, "category_name", context);
        if (categoryName == null) {
            categoryName = CATEGORY_NAMES.get(category);
        }
        List<RaceSummary> races = new ArrayList<>();
        List<PayloadProblem> problems = new ArrayList<>();
        JsonNode raceNodes = json.get("races");
        if (raceNodes != null && !raceNodes.isNull()) {
            if (!raceNodes.isArray()) {
                throw JsonFields.wrongType(context, "races", "an array", raceNodes);
            }
            for (JsonNode race : raceNodes) {
                String raceId = race.isObject() ? lenientText(race, "id") : null;
                try {
                    races.add(parseRaceSummary(race, context));
                } catch (TabPayloadException e) {
                    problems.add(new PayloadProblem(raceId, e.getMessage()));
                }
            }
        }
        return new Meeting(
                meetingId,
                requiredText(json, "name", context),
                date,
                requiredText(json, "country", context),
                optionalText(json, "state", context),
                category,
                categoryName,
                optionalText(json, "track_condition", context),
                optionalText(json, "weather", context),
                optionalText(json, "rail_position", context),
                optionalText(json, "track_direction", context),
                optionalText(json, "track_surface", context),
                generatedTime,
                races,
                problems);
    }

    private RaceSummary parseRaceSummary(JsonNode race, String meetingContext) {
        if (!race.isObject()) {
            throw new TabPayloadException(meetingContext + ": a race entry is not a JSON object");
        }
        String raceId = requiredText(race, "id", meetingContext + ", race");
        String context = meetingContext + ", race " + raceId;
        int raceNumber = requiredInt(race, "race_number", context);
        Instant startTime = optionalIsoInstant(race, "start_time", context);
        if (startTime == null) {
            throw JsonFields.missing(context, "start_time");
        }
        String status = RaceStatus.normalise(optionalText(race, "status", context));
        if (status == null) {
            throw JsonFields.missing(context, "status");
        }
        String name = optionalText(race, "name", context);
        return new RaceSummary(
                raceId,
                raceNumber,
                name == null ? "Race " + raceNumber : name,
                startTime,
                status,
                optionalInt(race, "distance", context),
                optionalText(race, "track_condition", context),
                optionalText(race, "weather", context),
                optionalText(race, "tote_start_time", context));
    }

    /**
     * Reads {@code /racing/events/{id}}.
     *
     * @param expectedRaceId the id that was requested; a payload for another race is rejected
     */
    public EventDetail parseEvent(byte[] body, String expectedRaceId) {
        String context = "event " + expectedRaceId;
        JsonNode envelope = readEnvelope(body, context);
        JsonNode data = requiredObject(envelope, "data", context);
        JsonNode race = requiredObject(data, "race", context + " data");
        RaceDetail detail = parseRaceDetail(race, context);
        if (expectedRaceId != null && !expectedRaceId.equals(detail.raceId())) {
            throw new TabPayloadException(context + ": payload is for race " + detail.raceId());
        }
        // the API names them runners; other consumers of the same feed call them entrants
        JsonNode runnerNodes = data.get("runners");
        if (runnerNodes == null || runnerNodes.isNull()) {
            runnerNodes = data.get("entrants");
        }
        List<Runner> runners = new ArrayList<>();
        if (runnerNodes != null && !runnerNodes.isNull()) {
            if (!runnerNodes.isArray()) {
                throw JsonFields.wrongType(context, "data.runners", "an array", runnerNodes);
            }
            for (JsonNode runner : runnerNodes) {
                runners.add(parseRunner(runner, context));
            }
        }
        return new EventDetail(detail, runners, pools(data, context), moneyTracker(data, context),
                arrayOrEmpty(data, "results", context), dividends(data, context), generatedTime(envelope));
    }

    /**
     * Single-race products by TAB's spellings; anything else that spans legs (quaddies, doubles, trebles) is a
     * multi-race pool whose money belongs to several races.
     */
    private static final Set<String> SINGLE_RACE_PRODUCTS = Set.of(
            "win", "place", "quinella", "exacta", "trifecta", "firstfour", "first4", "first four", "first 4", "duet");

    private static List<TotePool> pools(JsonNode data, String context) {
        List<TotePool> pools = new ArrayList<>();
        JsonNode nodes = data.get("tote_pools");
        if (nodes == null || nodes.isNull()) {
            return pools;
        }
        if (!nodes.isArray()) {
            throw JsonFields.wrongType(context, "data.tote_pools", "an array", nodes);
        }
        for (JsonNode pool : nodes) {
            String poolContext = context + " tote pool";
            String product = requiredText(pool, "product_type", poolContext);
            Double total = optionalDouble(pool, "total", poolContext + " " + product);
            boolean multiRace = !SINGLE_RACE_PRODUCTS.contains(product.toLowerCase(java.util.Locale.ROOT))
                    || hasLegs(pool);
            pools.add(new TotePool(product, total, optionalText(pool, "status", poolContext),
                    multiRace));
        }
        return pools;
    }

    private static boolean hasLegs(JsonNode pool) {
        for (String legs : List.of("quaddie", "early_quaddie", "tote_running_double", "tote_treble")) {
            JsonNode node = pool.get(legs);
            if (node != null && node.isArray() && !node.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Null when the payload carries no money tracker at all (not requested, or too early in the day). */
    private static List<MoneyTrackerRow> moneyTracker(JsonNode data, String context) {
        JsonNode tracker = data.get("money_tracker");
        if (tracker == null || tracker.isNull()) {
            return null;
        }
        JsonNode entrants = tracker.get("entrants");
        if (entrants == null || entrants.isNull()) {
            return null;
        }
        if (!entrants.isArray()) {
            throw JsonFields.wrongType(context, "data.money_tracker.entrants", "an array", entrants);
        }
        List<MoneyTrackerRow> rows = new ArrayList<>();
        for (JsonNode row : entrants) {
            String rowContext = context + " money_tracker row";
            String entrantId = requiredText(row, "entrant_id", rowContext);
            Integer hold = JsonFields.optionalInt(row, "hold_percentage", rowContext + " " + entrantId);
            Integer bet = JsonFields.optionalInt(row, "bet_percentage", rowContext + " " + entrantId);
            rows.add(new MoneyTrackerRow(entrantId, hold == null ? 0 : hold, bet == null ? 0 : bet));
        }
        return rows;
    }

    private static List<Dividend> dividends(JsonNode data, String context) {
        List<Dividend> dividends = new ArrayList<>();
        JsonNode nodes = arrayOrEmpty(data, "dividends", context);
        for (JsonNode dividend : nodes) {
            String dividendContext = context + " dividend";
            dividends.add(new Dividend(requiredText(dividend, "product_name", dividendContext),
                    RaceStatus.normalise(optionalText(dividend, "status", dividendContext)),
                    optionalText(dividend, "description", dividendContext), dividend));
        }
        return dividends;
    }

    private static JsonNode arrayOrEmpty(JsonNode data, String field, String context) {
        JsonNode node = data.get(field);
        if (node == null || node.isNull()) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        }
        if (!node.isArray()) {
            throw JsonFields.wrongType(context, "data." + field, "an array", node);
        }
        return node;
    }

    private RaceDetail parseRaceDetail(JsonNode race, String context) {
        String raceContext = context + " data.race";
        String raceId = requiredText(race, "event_id", raceContext);
        int raceNumber = requiredInt(race, "race_number", raceContext);
        Instant advertisedStart = optionalEpochSeconds(race, "advertised_start", raceContext);
        if (advertisedStart == null) {
            throw JsonFields.missing(raceContext, "advertised_start");
        }
        String status = RaceStatus.normalise(optionalText(race, "status", raceContext));
        if (status == null) {
            throw JsonFields.missing(raceContext, "status");
        }
        String name = optionalText(race, "description", raceContext);
        Long prizeMoney = null;
        JsonNode prizes = race.get("prize_monies");
        if (prizes != null && prizes.isObject()) {
            Double total = optionalDouble(prizes, "total_value", raceContext + ".prize_monies");
            prizeMoney = total == null ? null : Math.round(total);
        }
        List<String> videoChannels = new ArrayList<>();
        JsonNode channels = race.get("video_channels");
        if (channels != null && channels.isArray()) {
            channels.forEach(c -> {
                if (c.isValueNode() && !c.asText().isBlank()) {
                    videoChannels.add(c.asText());
                }
            });
        }
        return new RaceDetail(
                raceId,
                optionalText(race, "meeting_id", raceContext),
                optionalText(race, "meeting_name", raceContext),
                name == null ? "Race " + raceNumber : name,
                raceNumber,
                status,
                advertisedStart,
                optionalEpochSeconds(race, "actual_start", raceContext),
                raceDateNz(race, raceContext),
                optionalText(race, "start_time_nz", raceContext),
                optionalText(race, "type", raceContext),
                optionalText(race, "country", raceContext),
                optionalText(race, "state", raceContext),
                optionalInt(race, "distance", raceContext),
                optionalText(race, "weather", raceContext),
                optionalText(race, "track_condition", raceContext),
                optionalText(race, "track_direction", raceContext),
                optionalText(race, "track_surface", raceContext),
                optionalText(race, "rail_position", raceContext),
                optionalInt(race, "entrant_count", raceContext),
                optionalInt(race, "field_size", raceContext),
                optionalInt(race, "positions_paid", raceContext),
                prizeMoney,
                optionalText(race, "silk_url", raceContext),
                optionalText(race, "silk_base_url", raceContext),
                videoChannels,
                optionalBoolean(race, "protest", raceContext));
    }

    private static LocalDate raceDateNz(JsonNode race, String context) {
        String text = optionalText(race, "race_date_nz", context);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new TabPayloadException(context + ": field 'race_date_nz' is not YYYY-MM-DD: '" + text + "'");
        }
    }

    private Runner parseRunner(JsonNode runner, String eventContext) {
        if (!runner.isObject()) {
            throw new TabPayloadException(eventContext + ": a runner entry is not a JSON object");
        }
        String entrantId = requiredText(runner, "entrant_id", eventContext + " runner");
        String context = eventContext + " runner " + entrantId;
        Odds odds = Odds.NONE;
        JsonNode oddsNode = runner.get("odds");
        if (oddsNode != null && oddsNode.isObject()) {
            odds = new Odds(
                    positivePrice(oddsNode, "fixed_win", context),
                    positivePrice(oddsNode, "fixed_place", context),
                    positivePrice(oddsNode, "pool_win", context),
                    positivePrice(oddsNode, "pool_place", context));
        }
        return new Runner(
                entrantId,
                requiredText(runner, "name", context),
                requiredInt(runner, "runner_number", context),
                barrier(runner),
                Boolean.TRUE.equals(optionalBoolean(runner, "is_scratched", context)),
                Boolean.TRUE.equals(optionalBoolean(runner, "is_late_scratched", context)),
                optionalEpochSeconds(runner, "scratch_time", context),
                Boolean.TRUE.equals(optionalBoolean(runner, "is_emergency", context)),
                odds,
                optionalBoolean(runner, "favourite", context),
                optionalBoolean(runner, "mover", context),
                optionalText(runner, "jockey", context),
                optionalText(runner, "trainer_name", context),
                optionalText(runner, "silk_colours", context),
                optionalText(runner, "silk_url_64x64", context),
                optionalText(runner, "silk_url_128x128", context),
                jsonText(runner.get("runner_change")));
    }

    /** A price of 0 means "no price" in TAB feeds; it must not be stored as odds. */
    private static Double positivePrice(JsonNode odds, String field, String context) {
        Double price = optionalDouble(odds, field, context + " odds");
        return price == null || price <= 0 ? null : price;
    }

    /** Gallop barriers are numbers, harness barriers text ({@code "Fr1"}, {@code "Sr2"}); both are kept as text. */
    private static String barrier(JsonNode runner) {
        JsonNode node = runner.get("barrier");
        if (node == null || node.isNull() || !node.isValueNode()) {
            return null;
        }
        if (node.isNumber()) {
            double value = node.asDouble();
            return value == Math.rint(value) ? Long.toString((long) value) : node.asText();
        }
        String text = node.asText().trim();
        return text.isEmpty() ? null : text;
    }

    /** {@code runner_change} arrives as an object (date → text); it is stored as compact JSON text. */
    private String jsonText(JsonNode node) {
        if (node == null || node.isNull() || (node.isContainerNode() && node.isEmpty())) {
            return null;
        }
        if (node.isValueNode()) {
            String text = node.asText().trim();
            return text.isEmpty() ? null : text;
        }
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("re-serialising a parsed JSON node cannot fail", e);
        }
    }

    private JsonNode readEnvelope(byte[] body, String context) {
        if (body == null || body.length == 0) {
            throw new TabPayloadException(context + ": empty response body");
        }
        JsonNode envelope;
        try {
            envelope = mapper.readTree(body);
        } catch (IOException e) {
            throw new TabPayloadException(context + ": response is not valid JSON (" + firstLine(e.getMessage()) + ")");
        }
        if (envelope == null || !envelope.isObject()) {
            throw new TabPayloadException(context + ": response is not a JSON object");
        }
        return envelope;
    }

    private static Instant generatedTime(JsonNode envelope) {
        JsonNode header = envelope.get("header");
        if (header == null || !header.isObject()) {
            return null;
        }
        try {
            return optionalIsoInstant(header, "generated_time", "header");
        } catch (TabPayloadException e) {
            // the API's own timestamp is informational; a malformed one must not fail the data
            return null;
        }
    }

    private static String lenientText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isValueNode() || value.isNull()) {
            return null;
        }
        String text = value.asText().trim();
        return text.isEmpty() ? null : text;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
