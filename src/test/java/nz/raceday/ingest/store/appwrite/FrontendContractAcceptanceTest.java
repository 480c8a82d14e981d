package nz.raceday.ingest.store.appwrite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nz.raceday.ingest.simulator.RaceState;
import nz.raceday.ingest.simulator.SimulatedDay;
import nz.raceday.ingest.simulator.SimulatedRace;
import nz.raceday.ingest.simulator.SimulatorSettings;
import nz.raceday.ingest.simulator.TabSimulatorServer;
import nz.raceday.ingest.store.StoredTimes;
import nz.raceday.ingest.testsupport.SimulatedDayDriver;
import org.junit.jupiter.api.Test;

/**
 * The acceptance checks of frontend-contract §4, made the way the RaceDay frontend makes its Appwrite calls (REST with
 * an API key, the same queries and selects; node-appwrite sends exactly these requests), against the documents the
 * import and the poller wrote through the Appwrite store into the Appwrite 1.6 test server. Check 15 needs the
 * Next.js frontend itself and is not run here.
 */
class FrontendContractAcceptanceTest extends AppwriteTeeRouteTestSupport {

    private static final String DB = "raceday-db";
    private static final List<String> RACE_SELECT = List.of("$id", "$createdAt", "$updatedAt", "raceId", "raceNumber",
            "name", "startTime", "actualStart", "status", "distance", "trackCondition", "weather", "type", "meeting",
            "meeting.$id", "meeting.$createdAt", "meeting.$updatedAt", "meeting.meetingId", "meeting.meetingName",
            "meeting.country", "meeting.raceType", "meeting.category", "meeting.date", "meeting.weather");
    private static final List<String> RESULTS_SELECT = List.of("$id", "$createdAt", "$updatedAt", "resultsAvailable",
            "resultsData", "dividendsData", "fixedOddsData", "resultStatus", "photoFinish", "stewardsInquiry",
            "protestLodged", "resultTime");
    private static final List<String> ENTRANT_SELECT = List.of("$id", "$createdAt", "$updatedAt", "entrantId", "name",
            "runnerNumber", "jockey", "trainerName", "silkColours", "silkUrl64", "silkUrl128", "isScratched", "raceId",
            "fixedWinOdds", "poolWinOdds", "fixedPlaceOdds", "poolPlaceOdds");
    private static final List<String> FLOW_SELECT = List.of("$id", "$createdAt", "$updatedAt", "raceId", "entrantId",
            "holdPercentage", "fixedWinOdds", "poolWinOdds", "fixedPlaceOdds", "poolPlaceOdds");
    private static final List<String> TIMELINE_SELECT = List.of("$id", "$createdAt", "$updatedAt", "raceId",
            "entrantId", "type", "timeInterval", "timeToStart", "intervalType", "holdPercentage", "incrementalWinAmount",
            "incrementalPlaceAmount", "winPoolAmount", "placePoolAmount", "winPoolPercentage", "placePoolPercentage",
            "fixedWinOdds", "fixedPlaceOdds", "poolWinOdds", "poolPlaceOdds", "eventTimestamp", "pollingTimestamp");
    private static final Set<String> STATUSES = Set.of("Open", "Closed", "Interim", "Final", "Abandoned");

    private final SimulatorSettings settings = SimulatorSettings.defaults().toBuilder()
            .meetings(2).otherMeetings(0).racesPerMeeting(3).firstStart(Duration.ofMinutes(65)).build();
    private final TabSimulatorServer simulator = simulateTabDay(settings);
    private final SimulatedDay day = simulator.day();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void shouldPassTheFrontendsAcceptanceChecksOnAnOpenRaceAndThenOnItsResults() throws Exception {
        importDay(day.racingDay());
        SimulatedDayDriver driver = new SimulatedDayDriver(context, template, clock, day);
        SimulatedRace race = day.importedRaces().stream().filter(r -> r.special().isEmpty()).findFirst().orElseThrow();
        String x = race.id();
        String m = race.meeting().id();
        // race X Open, less than 60 minutes to its start
        driver.followUntil(race.originalAdvertisedStart().minus(Duration.ofMinutes(8)));
        assertThat(race.statusAt(clock.instant())).isEqualTo("Open");

        // 1. every selected attribute exists: each select query answers 2xx
        JsonNode p1 = list("races", eq("raceId", x), select(RACE_SELECT), limit(1));
        list("race-results", eq("raceId", x), select(RESULTS_SELECT), limit(1));
        JsonNode p4 = list("entrants", eq("raceId", x), select(ENTRANT_SELECT), order("orderAsc", "runnerNumber"));
        List<String> entrantIds = new ArrayList<>();
        p4.path("documents").forEach(d -> entrantIds.add(d.path("entrantId").asText()));
        JsonNode p8 = list("money-flow-history", eq("raceId", x), eq("entrantId", entrantIds.toArray()),
                select(FLOW_SELECT), order("orderDesc", "$createdAt"), limit(200));
        JsonNode t1 = timeline(x, entrantIds, null);

        // 2. today's meetings by NZ date, country and category
        String nzToday = clock.instant().atZone(ZoneId.of("Pacific/Auckland")).toLocalDate().toString();
        JsonNode d1 = list("meetings", eq("date", nzToday), eq("country", "AUS", "NZ"), eq("category", "T", "H"),
                order("orderAsc", "$createdAt"));
        assertThat(d1.path("documents").size()).isGreaterThanOrEqualTo(1);
        for (JsonNode meeting : d1.path("documents")) {
            assertThat(meeting.path("$id").asText()).isEqualTo(meeting.path("meetingId").asText());
            assertThat(meeting.path("country").asText()).isIn("NZ", "AUS");
            assertThat(meeting.path("category").asText()).isIn("T", "H");
            assertThat(meeting.path("date").asText()).endsWith("T00:00:00.000+00:00");
        }

        // 3. the races of meeting M, with the meeting expanded
        JsonNode d3 = list("races", eq("meeting", m), order("orderAsc", "raceNumber"), limit(20));
        assertThat(d3.path("documents").size()).isGreaterThanOrEqualTo(1);
        for (JsonNode r : d3.path("documents")) {
            assertThat(r.path("raceNumber").isIntegralNumber()).isTrue();
            assertThat(r.path("meeting").isObject()).as("meeting expanded").isTrue();
            assertThat(r.path("meeting").path("meetingId").asText()).isEqualTo(m);
            assertThat(r.path("meeting").path("meetingName").asText()).isNotBlank();
            assertThat(r.path("meeting").path("country").asText()).isNotBlank();
            assertThat(r.path("meeting").path("category").asText()).isNotBlank();
        }

        // 4. the race and the meeting by id
        JsonNode byId = get("races", x);
        assertThat(byId).isEqualTo(list("races", eq("raceId", x), limit(1)).path("documents").get(0));
        assertThat(p1.path("documents").get(0).path("meeting").path("meetingName").asText()).isNotBlank();
        get("meetings", m);

        // 5. statuses in Title case
        for (JsonNode r : list("races", limit(100)).path("documents")) {
            assertThat(r.path("status").asText()).isIn(STATUSES);
        }

        // 6. the whole field, unique runner numbers, booleans, numeric or null odds
        assertThat(p4.path("documents").size()).isEqualTo(race.runners().size()).isLessThanOrEqualTo(25);
        Set<Integer> numbers = new HashSet<>();
        for (JsonNode e : p4.path("documents")) {
            assertThat(e.path("runnerNumber").isIntegralNumber()).isTrue();
            assertThat(numbers.add(e.path("runnerNumber").asInt())).isTrue();
            assertThat(e.path("isScratched").isBoolean()).isTrue();
            assertThat(e.path("entrantId").asText()).isNotEmpty();
            for (String odds : List.of("fixedWinOdds", "poolWinOdds", "fixedPlaceOdds", "poolPlaceOdds")) {
                assertThat(e.path(odds).isNumber() || e.path(odds).isNull()).as(odds).isTrue();
            }
        }

        // 7. timeline rows: integer buckets and cents, increments against the nearest earlier bucket
        assertTimelineRows(t1, p4);

        // 8. one more poll creates new rows for every runner still in
        String lastCreated = lastCreatedAt(t1);
        driver.followUntil(clock.instant().plus(Duration.ofMinutes(1)));
        JsonNode newer = timeline(x, entrantIds, lastCreated);
        Set<String> newRowsFor = new HashSet<>();
        Set<String> oldIds = new HashSet<>();
        t1.path("documents").forEach(d -> oldIds.add(d.path("$id").asText()));
        newer.path("documents").forEach(d -> {
            assertThat(oldIds).doesNotContain(d.path("$id").asText());
            newRowsFor.add(d.path("entrantId").asText());
        });
        assertThat(newRowsFor).containsAll(activeEntrants(p4));

        // 9. the newest row of each runner has a hold share; they add up to about 100 %
        JsonNode p8now = list("money-flow-history", eq("raceId", x), eq("entrantId", entrantIds.toArray()),
                select(FLOW_SELECT), order("orderDesc", "$createdAt"), limit(200));
        Map<String, Double> newestHold = new HashMap<>();
        p8now.path("documents").forEach(d -> newestHold.putIfAbsent(d.path("entrantId").asText(),
                d.path("holdPercentage").isNull() ? null : d.path("holdPercentage").asDouble()));
        assertThat(newestHold.keySet()).containsAll(activeEntrants(p4));
        assertThat(newestHold.values()).doesNotContainNull();
        assertThat(newestHold.values().stream().mapToDouble(Double::doubleValue).sum()).isBetween(95.0, 105.0);
        assertThat(p8.path("documents").size()).isPositive();

        // 10. exactly one pools document, in cents
        JsonNode o2 = list("race-pools", eq("raceId", x), limit(1));
        assertThat(o2.path("total").asInt()).isEqualTo(1);
        RaceState truth = race.stateAt(StoredTimes.parse(o2.path("documents").get(0).path("lastUpdated").asText()));
        assertThat(o2.path("documents").get(0).path("winPoolTotal").asLong())
                .isEqualTo(truth.poolTotals().get("Win").movePointRight(2).longValueExact());
        assertThat(o2.path("documents").get(0).path("currency").asText()).isEqualTo("$");

        // 12. the next scheduled race carries its meeting's name
        JsonNode d5 = list("races", gt("startTime", StoredTimes.format(clock.instant())), ne("status", "Abandoned"),
                order("orderAsc", "startTime"), limit(1));
        assertThat(d5.path("documents").get(0).path("meeting").path("meetingName").asText()).isNotBlank();

        // 14. health query, and the alert configs the frontend creates on first use
        list("meetings", limit(1));
        createAlertConfigs();
        assertThat(list("user-alert-configs", eq("userId", "Default User"), eq("indicatorType", "percentage_range"),
                order("orderAsc", "displayOrder")).path("documents").size()).isEqualTo(6);

        // the race runs; 11. then its results are there, in the form the results block reads
        driver.followTheDay();
        assertThat(race.statusAt(clock.instant())).isEqualTo("Final");
        JsonNode p2 = list("race-results", eq("raceId", x), select(RESULTS_SELECT), limit(1));
        assertThat(p2.path("total").asInt()).isEqualTo(1);
        JsonNode results = p2.path("documents").get(0);
        assertThat(results.path("resultsAvailable").asBoolean()).isTrue();
        assertThat(results.path("resultStatus").asText()).isEqualTo("final");
        JsonNode placings = json.readTree(results.path("resultsData").asText());
        assertThat(placings.isArray() && placings.size() > 0).isTrue();
        placings.forEach(p -> assertThat(p.has("position") && p.has("runner_number") && p.has("name")
                && p.has("entrant_id")).isTrue());
        JsonNode dividends = json.readTree(results.path("dividendsData").asText());
        assertThat(dividends.size()).isPositive();
        dividends.forEach(d -> {
            assertThat(d.path("product_name").asText()).isNotBlank();
            assertThat(d.path("dividend").isNumber()).isTrue();
        });
        JsonNode finalRace = get("races", x);
        // written before the race turned Final: the page stops polling once it reads Final
        assertThat(results.path("$updatedAt").asText()).isLessThanOrEqualTo(finalRace.path("$updatedAt").asText());

        // 13. upcoming races never Final or Abandoned; a finished meeting has only Final and Abandoned races
        Instant now = clock.instant();
        JsonNode d6 = list("races", gt("startTime", StoredTimes.format(now.minus(Duration.ofMinutes(5)))),
                lte("startTime", StoredTimes.format(now.plus(Duration.ofMinutes(120)))), ne("status", "Abandoned"),
                ne("status", "Final"), ne("status", "Finalized"), order("orderAsc", "startTime"), limit(50));
        d6.path("documents").forEach(r -> assertThat(r.path("status").asText()).isNotIn("Final", "Abandoned"));
        JsonNode d4 = list("races", eq("meeting", m), select(List.of("status")), limit(50));
        d4.path("documents").forEach(r -> assertThat(r.path("status").asText()).isIn("Final", "Abandoned"));

        // Appwrite 1.6 strips the $ fields a select leaves out of listDocuments answers (appwrite-notes §3.9), which
        // its own spec's document model does not allow; node-appwrite copes. Those, and only those, are expected.
        assertThat(appwrite.specViolations()).isNotEmpty().allMatch(v -> v.contains("databases.listDocuments")
                && v.contains("response 200") && v.matches(
                        ".*missing required property '\\$(id|collectionId|databaseId|createdAt|updatedAt|permissions)'.*"));
        appwrite.clearSpecViolations();
    }

    // ---- checks

    private void assertTimelineRows(JsonNode timeline, JsonNode entrants) {
        Map<String, List<JsonNode>> byEntrant = new HashMap<>();
        for (JsonNode row : timeline.path("documents")) {
            assertThat(row.path("timeInterval").isIntegralNumber()).isTrue();
            int interval = row.path("timeInterval").asInt();
            assertThat(interval <= 5 || interval % 5 == 0).as("bucket " + interval).isTrue();
            for (String cents : List.of("incrementalWinAmount", "incrementalPlaceAmount", "winPoolAmount",
                    "placePoolAmount")) {
                assertThat(row.path(cents).isIntegralNumber()).as(cents).isTrue();
            }
            byEntrant.computeIfAbsent(row.path("entrantId").asText(), k -> new ArrayList<>()).add(row);
        }
        assertThat(byEntrant.keySet()).containsAll(activeEntrants(entrants));
        // rows come ordered by $createdAt: each increment is against the newest earlier row of the nearest
        // earlier (higher) bucket, or the full amount at 55 and above when there is none
        for (List<JsonNode> rows : byEntrant.values()) {
            for (int i = 0; i < rows.size(); i++) {
                JsonNode row = rows.get(i);
                int bucket = row.path("timeInterval").asInt();
                JsonNode previous = null;
                for (int j = 0; j < i; j++) {
                    int earlier = rows.get(j).path("timeInterval").asInt();
                    if (earlier > bucket && (previous == null
                            || earlier <= previous.path("timeInterval").asInt())) {
                        previous = rows.get(j);
                    }
                }
                long win = row.path("winPoolAmount").asLong();
                long expected = previous == null ? (bucket >= 55 ? win : 0)
                        : win - previous.path("winPoolAmount").asLong();
                assertThat(row.path("incrementalWinAmount").asLong()).as(row.toString()).isEqualTo(expected);
            }
        }
    }

    private static Set<String> activeEntrants(JsonNode entrants) {
        Set<String> active = new HashSet<>();
        entrants.path("documents").forEach(e -> {
            if (!e.path("isScratched").asBoolean()) {
                active.add(e.path("entrantId").asText());
            }
        });
        return active;
    }

    private static String lastCreatedAt(JsonNode list) {
        String last = "";
        for (JsonNode d : list.path("documents")) {
            String created = d.path("$createdAt").asText();
            last = created.compareTo(last) > 0 ? created : last;
        }
        return last;
    }

    private void createAlertConfigs() throws IOException, InterruptedException {
        for (int order = 1; order <= 6; order++) {
            ObjectNode data = json.createObjectNode();
            data.put("userId", "Default User");
            data.put("indicatorType", "percentage_range");
            data.put("percentageRangeMin", order * 5.0);
            if (order < 6) {
                data.put("percentageRangeMax", order * 5.0 + 5);
            } else {
                data.putNull("percentageRangeMax");
            }
            data.put("color", "#E5E7EB");
            data.put("isDefault", true);
            data.put("enabled", true);
            data.put("displayOrder", order);
            data.put("lastUpdated", StoredTimes.format(clock.instant()));
            data.put("createdAt", StoredTimes.format(clock.instant()));
            data.put("audibleAlertsEnabled", true);
            ObjectNode body = json.createObjectNode();
            body.put("documentId", "unique()");
            body.set("data", data);
            HttpResponse<String> response = http.send(request("/databases/" + DB
                    + "/collections/user-alert-configs/documents").POST(HttpRequest.BodyPublishers.ofString(
                    body.toString())).header("Content-Type", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        }
    }

    // ---- the frontend's calls

    private JsonNode timeline(String raceId, List<String> entrantIds, String createdAfter) throws Exception {
        List<String> queries = new ArrayList<>(List.of(eq("raceId", raceId), eq("entrantId", entrantIds.toArray()),
                select(TIMELINE_SELECT), order("orderAsc", "$createdAt"), limit(200), eq("type",
                        "bucketed_aggregation"), isNotNull("timeInterval"), gt("timeInterval", -65),
                lt("timeInterval", 66)));
        if (createdAfter != null) {
            queries.add(gt("$createdAt", createdAfter));
        }
        return list("money-flow-history", queries.toArray(String[]::new));
    }

    private JsonNode list(String collection, String... queries) throws IOException, InterruptedException {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        for (String q : queries) {
            query.add("queries%5B%5D=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        }
        return send(request("/databases/" + DB + "/collections/" + collection + "/documents" + query).GET().build());
    }

    private JsonNode get(String collection, String id) throws IOException, InterruptedException {
        return send(request("/databases/" + DB + "/collections/" + collection + "/documents/" + id).GET().build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(appwrite.endpoint() + path))
                .header("X-Appwrite-Project", appwrite.projectId())
                .header("X-Appwrite-Key", appwrite.apiKey());
    }

    private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(request.uri() + ": " + response.body()).isBetween(200, 299);
        return json.readTree(response.body());
    }

    private String eq(String attribute, Object... values) {
        return query("equal", attribute, values);
    }

    private String ne(String attribute, Object value) {
        return query("notEqual", attribute, value);
    }

    private String gt(String attribute, Object value) {
        return query("greaterThan", attribute, value);
    }

    private String lt(String attribute, Object value) {
        return query("lessThan", attribute, value);
    }

    private String lte(String attribute, Object value) {
        return query("lessThanEqual", attribute, value);
    }

    private String isNotNull(String attribute) {
        ObjectNode node = json.createObjectNode().put("method", "isNotNull").put("attribute", attribute);
        return node.toString();
    }

    private String order(String method, String attribute) {
        return json.createObjectNode().put("method", method).put("attribute", attribute).toString();
    }

    private String limit(int limit) {
        ObjectNode node = json.createObjectNode().put("method", "limit");
        node.putArray("values").add(limit);
        return node.toString();
    }

    private String select(List<String> attributes) {
        ObjectNode node = json.createObjectNode().put("method", "select");
        ArrayNode values = node.putArray("values");
        attributes.forEach(values::add);
        return node.toString();
    }

    private String query(String method, String attribute, Object... values) {
        ObjectNode node = json.createObjectNode().put("method", method).put("attribute", attribute);
        ArrayNode array = node.putArray("values");
        for (Object value : values) {
            array.add(json.valueToTree(value));
        }
        return node.toString();
    }
}
