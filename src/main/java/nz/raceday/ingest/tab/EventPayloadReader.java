package nz.raceday.ingest.tab;

import static nz.raceday.ingest.tab.JsonFields.optionalBoolean;
import static nz.raceday.ingest.tab.JsonFields.optionalDouble;
import static nz.raceday.ingest.tab.JsonFields.optionalEpochSeconds;
import static nz.raceday.ingest.tab.JsonFields.optionalInt;
import static nz.raceday.ingest.tab.JsonFields.optionalText;
import static nz.raceday.ingest.tab.JsonFields.requiredInt;
import static nz.raceday.ingest.tab.JsonFields.requiredText;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import nz.raceday.ingest.shared.RaceStatus;
import nz.raceday.ingest.tab.model.Dividend;
import nz.raceday.ingest.tab.model.EventDetail;
import nz.raceday.ingest.tab.model.MoneyTrackerRow;
import nz.raceday.ingest.tab.model.Odds;
import nz.raceday.ingest.tab.model.PayloadProblem.Kind;
import nz.raceday.ingest.tab.model.PayloadProblem;
import nz.raceday.ingest.tab.model.RaceDetail;
import nz.raceday.ingest.tab.model.Runner;
import nz.raceday.ingest.tab.model.TotePool;

/**
 * Reads the {@code data} of one {@code /racing/events/{id}} response. Only the race and its runners are required: an
 * item that cannot be read (a runner without an id, an odds value of the wrong type, a money-tracker row without
 * {@code entrant_id}, a pool of an unknown product, a dividend without product) is left out with its reason as a
 * {@link PayloadProblem}, and the rest of the event is used. One reader per payload (it collects that payload's
 * problems).
 */
final class EventPayloadReader {

    /**
     * Single-race products by TAB's spellings (lower case, spaces removed). Their money belongs to the race.
     */
    private static final Set<String> SINGLE_RACE_PRODUCTS = Set.of(
            "win", "place", "quinella", "exacta", "trifecta", "firstfour", "first4", "duet");

    /** Products known to span several races; a pool listing its legs is one too, whatever its name. */
    private static final Set<String> MULTI_RACE_PRODUCTS = Set.of(
            "quadrella", "earlyquadrella", "quaddie", "earlyquaddie", "double", "dailydouble", "runningdouble",
            "toterunningdouble", "treble", "totetreble", "doubletreble", "pick6", "jackpot");

    private static final List<String> LEG_FIELDS = List.of("quaddie", "early_quaddie", "tote_running_double",
            "tote_treble");

    /**
     * The parts of an event response this reader uses; the rest (runner form and past performances, silks detail,
     * tote trends, will-pays, bets, params) is never built into nodes. Results and dividend rows are stored as sent.
     */
    static final LimitedTree.Shape STORED_FIELDS = storedFields();

    private static LimitedTree.Shape storedFields() {
        LimitedTree.Shape race = LimitedTree.Shape.fields(List.of("event_id", "race_number", "advertised_start",
                "status", "description", "prize_monies", "video_channels", "meeting_id", "meeting_name",
                "actual_start", "race_date_nz", "start_time_nz", "type", "country", "state", "distance", "weather",
                "track_condition", "track_direction", "track_surface", "rail_position", "entrant_count", "field_size",
                "positions_paid", "silk_url", "silk_base_url", "protest"));
        LimitedTree.Shape runners = LimitedTree.Shape.arrayOf(LimitedTree.Shape.fields(List.of("entrant_id", "name",
                "runner_number", "barrier", "is_scratched", "is_late_scratched", "scratch_time", "is_emergency",
                "odds", "favourite", "mover", "jockey", "trainer_name", "silk_colours", "silk_url_64x64",
                "silk_url_128x128", "runner_change")));
        List<String> poolFields = new ArrayList<>(List.of("product_type", "total", "status"));
        poolFields.addAll(LEG_FIELDS);
        LimitedTree.Shape data = LimitedTree.Shape.fields(List.of("results", "dividends"))
                .with("race", race)
                .with("runners", runners)
                .with("entrants", runners)
                .with("money_tracker", LimitedTree.Shape.fields(List.of("entrants")))
                .with("tote_pools", LimitedTree.Shape.arrayOf(LimitedTree.Shape.fields(poolFields)));
        return LimitedTree.Shape.fields(List.of()).with("header", LimitedTree.Shape.fields(List.of("generated_time")))
                .with("data", data);
    }

    /** The hold percentages of the runners should add up to 100 give or take TAB's rounding of each row. */
    static final double HOLD_SUM_TOLERANCE = 5;

    private final ObjectMapper mapper;
    private final String context;
    private final List<PayloadProblem> problems = new ArrayList<>();
    private String raceId;

    EventPayloadReader(ObjectMapper mapper, String context) {
        this.mapper = mapper;
        this.context = context;
    }

    EventDetail read(JsonNode data, String expectedRaceId, Instant generatedTime) {
        JsonNode raceNode = JsonFields.requiredObject(data, "race", context + " data");
        RaceDetail race = raceDetail(raceNode);
        raceId = race.raceId();
        if (expectedRaceId != null && !expectedRaceId.equals(raceId)) {
            throw new TabPayloadException(context + ": payload is for race " + raceId);
        }
        List<Runner> runners = runners(data);
        List<TotePool> pools = new ArrayList<>();
        boolean moneyPoolsReadable = pools(data, pools);
        List<MoneyTrackerRow> tracker = moneyTracker(data);
        if (tracker != null && !moneyPoolsReadable) {
            problem(Kind.MONEY_TRACKER, context + ": money flow not computed: the Win or Place pool could not be read");
            tracker = null;
        }
        if (tracker != null) {
            checkHoldSum(tracker, runners);
        }
        JsonNode results = data.get("results");
        if (results == null || results.isNull()) {
            results = JsonNodeFactory.instance.arrayNode();
        } else if (!results.isArray()) {
            problem(Kind.RESULTS, JsonFields.wrongType(context, "data.results", "an array", results).getMessage());
            results = JsonNodeFactory.instance.arrayNode();
        }
        return new EventDetail(race, runners, pools, tracker, results, dividends(data), generatedTime, problems);
    }

    // ---- race

    private RaceDetail raceDetail(JsonNode race) {
        String raceContext = context + " data.race";
        String id = requiredText(race, "event_id", raceContext);
        int raceNumber = requiredInt(race, "race_number", raceContext);
        Instant advertisedStart = optionalEpochSeconds(race, "advertised_start", raceContext);
        if (advertisedStart == null) {
            throw JsonFields.missing(raceContext, "advertised_start");
        }
        String status = RaceStatus.normalise(optionalText(race, "status", raceContext));
        if (status == null) {
            throw JsonFields.missing(raceContext, "status");
        }
        raceId = id;
        String name = optional(Kind.RACE_FIELD, () -> optionalText(race, "description", raceContext));
        Long prizeMoney = optional(Kind.RACE_FIELD, () -> {
            JsonNode prizes = race.get("prize_monies");
            Double total = prizes != null && prizes.isObject()
                    ? optionalDouble(prizes, "total_value", raceContext + ".prize_monies") : null;
            return total == null ? null : Math.round(total);
        });
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
                id,
                raceText(race, "meeting_id", raceContext),
                raceText(race, "meeting_name", raceContext),
                name == null ? "Race " + raceNumber : name,
                raceNumber,
                status,
                advertisedStart,
                optional(Kind.RACE_FIELD, () -> optionalEpochSeconds(race, "actual_start", raceContext)),
                optional(Kind.RACE_FIELD, () -> raceDateNz(race, raceContext)),
                raceText(race, "start_time_nz", raceContext),
                raceText(race, "type", raceContext),
                raceText(race, "country", raceContext),
                raceText(race, "state", raceContext),
                raceInt(race, "distance", raceContext),
                raceText(race, "weather", raceContext),
                raceText(race, "track_condition", raceContext),
                raceText(race, "track_direction", raceContext),
                raceText(race, "track_surface", raceContext),
                raceText(race, "rail_position", raceContext),
                raceInt(race, "entrant_count", raceContext),
                raceInt(race, "field_size", raceContext),
                raceInt(race, "positions_paid", raceContext),
                prizeMoney,
                raceText(race, "silk_url", raceContext),
                raceText(race, "silk_base_url", raceContext),
                videoChannels,
                optional(Kind.RACE_FIELD, () -> optionalBoolean(race, "protest", raceContext)));
    }

    private String raceText(JsonNode race, String field, String raceContext) {
        return optional(Kind.RACE_FIELD, () -> optionalText(race, field, raceContext));
    }

    private Integer raceInt(JsonNode race, String field, String raceContext) {
        return optional(Kind.RACE_FIELD, () -> optionalInt(race, field, raceContext));
    }

    private static LocalDate raceDateNz(JsonNode race, String raceContext) {
        String text = optionalText(race, "race_date_nz", raceContext);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new TabPayloadException(raceContext + ": field 'race_date_nz' is not YYYY-MM-DD: '" + text + "'");
        }
    }

    // ---- runners

    private List<Runner> runners(JsonNode data) {
        // the API names them runners; other consumers of the same feed call them entrants
        String field = "runners";
        JsonNode nodes = data.get(field);
        if (nodes == null || nodes.isNull()) {
            field = "entrants";
            nodes = data.get(field);
        }
        if (nodes == null || nodes.isNull()) {
            throw JsonFields.missing(context, "data.runners");
        }
        if (!nodes.isArray()) {
            throw JsonFields.wrongType(context, "data." + field, "an array", nodes);
        }
        List<Runner> runners = new ArrayList<>();
        TabPayloadException firstFailure = null;
        for (JsonNode node : nodes) {
            try {
                runners.add(runner(node));
            } catch (TabPayloadException e) {
                problem(Kind.RUNNER, e.getMessage());
                firstFailure = firstFailure == null ? e : firstFailure;
            }
        }
        if (runners.isEmpty() && firstFailure != null) {
            // an event none of whose runners can be read is an event without runners
            throw new TabPayloadException(context + ": no runner could be read (" + firstFailure.getMessage() + ")");
        }
        return runners;
    }

    private Runner runner(JsonNode runner) {
        if (!runner.isObject()) {
            throw new TabPayloadException(context + ": a runner entry is not a JSON object");
        }
        String entrantId = requiredText(runner, "entrant_id", context + " runner");
        String runnerContext = context + " runner " + entrantId;
        return new Runner(
                entrantId,
                requiredText(runner, "name", runnerContext),
                requiredInt(runner, "runner_number", runnerContext),
                barrier(runner),
                // a wrong scratching flag would be stored as a wrong fact: these make the runner unreadable
                Boolean.TRUE.equals(optionalBoolean(runner, "is_scratched", runnerContext)),
                Boolean.TRUE.equals(optionalBoolean(runner, "is_late_scratched", runnerContext)),
                optional(Kind.RUNNER_FIELD, () -> optionalEpochSeconds(runner, "scratch_time", runnerContext)),
                Boolean.TRUE.equals(optionalBoolean(runner, "is_emergency", runnerContext)),
                odds(runner, runnerContext),
                optional(Kind.RUNNER_FIELD, () -> optionalBoolean(runner, "favourite", runnerContext)),
                optional(Kind.RUNNER_FIELD, () -> optionalBoolean(runner, "mover", runnerContext)),
                runnerText(runner, "jockey", runnerContext),
                runnerText(runner, "trainer_name", runnerContext),
                runnerText(runner, "silk_colours", runnerContext),
                runnerText(runner, "silk_url_64x64", runnerContext),
                runnerText(runner, "silk_url_128x128", runnerContext),
                jsonText(runner.get("runner_change")));
    }

    private String runnerText(JsonNode runner, String field, String runnerContext) {
        return optional(Kind.RUNNER_FIELD, () -> optionalText(runner, field, runnerContext));
    }

    /** Each odds value stands alone: one of the wrong type is left out, the runner's other prices are kept. */
    private Odds odds(JsonNode runner, String runnerContext) {
        JsonNode odds = runner.get("odds");
        if (odds == null || odds.isNull()) {
            return Odds.NONE;
        }
        if (!odds.isObject()) {
            problem(Kind.RUNNER_ODDS, JsonFields.wrongType(runnerContext, "odds", "an object", odds).getMessage());
            return Odds.NONE;
        }
        return new Odds(price(odds, "fixed_win", runnerContext), price(odds, "fixed_place", runnerContext),
                price(odds, "pool_win", runnerContext), price(odds, "pool_place", runnerContext));
    }

    /** A price of 0 means "no price" in TAB feeds; it must not be stored as odds. */
    private Double price(JsonNode odds, String field, String runnerContext) {
        Double price = optional(Kind.RUNNER_ODDS, () -> optionalDouble(odds, field, runnerContext + " odds"));
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

    // ---- pools, money tracker, dividends

    /** Reads the pools into {@code pools}; false when a Win or Place pool was left out (money flow needs both). */
    private boolean pools(JsonNode data, List<TotePool> pools) {
        JsonNode nodes = data.get("tote_pools");
        if (nodes == null || nodes.isNull()) {
            return true;
        }
        if (!nodes.isArray()) {
            problem(Kind.TOTE_POOL, JsonFields.wrongType(context, "data.tote_pools", "an array", nodes).getMessage());
            return false;
        }
        boolean moneyPoolsReadable = true;
        for (JsonNode pool : nodes) {
            try {
                pools.add(pool(pool));
            } catch (TabPayloadException e) {
                problem(Kind.TOTE_POOL, e.getMessage());
                JsonNode product = pool.path("product_type");
                String key = product.isTextual() ? productKey(product.asText()) : "";
                moneyPoolsReadable &= !key.equals("win") && !key.equals("place");
            }
        }
        return moneyPoolsReadable;
    }

    private TotePool pool(JsonNode pool) {
        String poolContext = context + " tote pool";
        if (!pool.isObject()) {
            throw new TabPayloadException(poolContext + ": is not a JSON object");
        }
        String product = requiredText(pool, "product_type", poolContext);
        String key = productKey(product);
        boolean legs = hasLegs(pool);
        if (!SINGLE_RACE_PRODUCTS.contains(key) && !MULTI_RACE_PRODUCTS.contains(key) && !legs) {
            throw new TabPayloadException(poolContext + ": unknown pool product '" + product + "'");
        }
        Double total = optionalDouble(pool, "total", poolContext + " " + product);
        return new TotePool(product, total, optionalText(pool, "status", poolContext + " " + product),
                !SINGLE_RACE_PRODUCTS.contains(key) || legs);
    }

    private static String productKey(String product) {
        return product.toLowerCase(Locale.ROOT).replace(" ", "");
    }

    private static boolean hasLegs(JsonNode pool) {
        for (String legs : LEG_FIELDS) {
            JsonNode node = pool.get(legs);
            if (node != null && node.isArray() && !node.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Null when the payload carries no money tracker at all (not requested, or too early in the day). */
    private List<MoneyTrackerRow> moneyTracker(JsonNode data) {
        JsonNode tracker = data.get("money_tracker");
        if (tracker == null || tracker.isNull()) {
            return null;
        }
        JsonNode entrants = tracker.isObject() ? tracker.get("entrants") : null;
        if (tracker.isObject() && (entrants == null || entrants.isNull())) {
            return null;
        }
        if (entrants == null || !entrants.isArray()) {
            problem(Kind.MONEY_TRACKER, JsonFields.wrongType(context, tracker.isObject()
                    ? "data.money_tracker.entrants" : "data.money_tracker", tracker.isObject() ? "an array"
                    : "an object", tracker.isObject() ? entrants : tracker).getMessage());
            return null;
        }
        List<MoneyTrackerRow> rows = new ArrayList<>();
        for (JsonNode row : entrants) {
            String rowContext = context + " money_tracker row";
            try {
                if (!row.isObject()) {
                    throw new TabPayloadException(rowContext + ": is not a JSON object");
                }
                String entrantId = requiredText(row, "entrant_id", rowContext);
                Double hold = optionalDouble(row, "hold_percentage", rowContext + " " + entrantId);
                Double bet = optionalDouble(row, "bet_percentage", rowContext + " " + entrantId);
                rows.add(new MoneyTrackerRow(entrantId, hold == null ? 0 : hold, bet == null ? 0 : bet));
            } catch (TabPayloadException e) {
                problem(Kind.MONEY_TRACKER_ROW, e.getMessage());
            }
        }
        return rows;
    }

    /**
     * The runners' hold percentages should add up to 100: outside 100 ± 5 the money flow of this poll is suspect, so
     * it is reported (not normalised). A tracker whose runners hold nothing yet (no money in) is not a problem.
     */
    private void checkHoldSum(List<MoneyTrackerRow> rows, List<Runner> runners) {
        Set<String> known = new HashSet<>();
        runners.forEach(r -> known.add(r.entrantId()));
        double sum = 0;
        for (MoneyTrackerRow row : rows) {
            if (known.contains(row.entrantId())) {
                sum += row.holdPercentage();
            }
        }
        if (sum != 0 && Math.abs(sum - 100) > HOLD_SUM_TOLERANCE) {
            problem(Kind.HOLD_SUM, String.format(Locale.ROOT, "%s money_tracker: the runners' hold percentages sum to "
                    + "%s, outside 100 ± %s", context, number(sum), number(HOLD_SUM_TOLERANCE)));
        }
    }

    private List<Dividend> dividends(JsonNode data) {
        List<Dividend> dividends = new ArrayList<>();
        JsonNode nodes = data.get("dividends");
        if (nodes == null || nodes.isNull()) {
            return dividends;
        }
        if (!nodes.isArray()) {
            problem(Kind.DIVIDEND, JsonFields.wrongType(context, "data.dividends", "an array", nodes).getMessage());
            return dividends;
        }
        for (JsonNode dividend : nodes) {
            String dividendContext = context + " dividend";
            try {
                if (!dividend.isObject()) {
                    throw new TabPayloadException(dividendContext + ": is not a JSON object");
                }
                dividends.add(new Dividend(requiredText(dividend, "product_name", dividendContext),
                        RaceStatus.normalise(optionalText(dividend, "status", dividendContext)),
                        optionalText(dividend, "description", dividendContext), dividend));
            } catch (TabPayloadException e) {
                problem(Kind.DIVIDEND, e.getMessage());
            }
        }
        return dividends;
    }

    // ---- problems

    /** The value of an optional field, or null with a problem when it cannot be read. */
    private <T> T optional(Kind kind, Supplier<T> read) {
        try {
            return read.get();
        } catch (TabPayloadException e) {
            problem(kind, e.getMessage());
            return null;
        }
    }

    private void problem(Kind kind, String reason) {
        problems.add(new PayloadProblem(raceId, kind, reason));
    }

    /** Numbers in problem texts: {@code 93} rather than {@code 93.0}, {@code 12.5} as it is. */
    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
