package nz.raceday.ingest.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The real recorded TAB responses of 2025-07-17 (src/test/resources/nztab, copied from the shared fixtures) and
 * what a test can derive from them independently of the production parser.
 *
 * <p>Only one event (Awapuni R1, {@link #RECORDED_EVENT_ID}) was recorded. Events of the other races are made
 * from it: its JSON with the race, meeting and runner ids replaced and the race fields taken from the meetings
 * list, so every event keeps the real payload's shape and quirks. Harness races get text barriers
 * ({@code "Fr1"}), as real harness payloads do.
 */
public final class TabFixtures {

    public static final LocalDate DAY = LocalDate.parse("2025-07-17");
    public static final String RECORDED_EVENT_ID = "0f57e087-00d9-4c61-9549-835abe2ae2ed";
    public static final String RECORDED_MEETING_ID = "e9f2039d-d489-4a7d-aae1-d66225f1a5f4";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId NZ = ZoneId.of("Pacific/Auckland");

    private final JsonNode meetingsList;
    private final byte[] recordedEvent;
    private final List<String> recordedEntrantIds = new ArrayList<>();

    public TabFixtures() {
        this.meetingsList = readTree("meetings-list-2025-07-17.json");
        this.recordedEvent = read("event-0f57e087-awapuni-r1-final-2025-07-17.json");
        try {
            for (JsonNode runner : JSON.readTree(recordedEvent).path("data").path("runners")) {
                recordedEntrantIds.add(runner.path("entrant_id").asText());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] read(String fixture) {
        try (InputStream in = TabFixtures.class.getResourceAsStream("/nztab/" + fixture)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + fixture);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode readTree(String fixture) {
        try {
            return JSON.readTree(read(fixture));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All meetings of the recorded list, in order. */
    public List<JsonNode> allMeetings() {
        List<JsonNode> meetings = new ArrayList<>();
        meetingsList.path("data").path("meetings").forEach(meetings::add);
        return meetings;
    }

    /** The meetings the import must keep: country AUS/NZ and category T/H, computed here from the raw JSON. */
    public List<JsonNode> expectedMeetings() {
        return allMeetings().stream()
                .filter(m -> Set.of("AUS", "NZ").contains(m.path("country").asText()))
                .filter(m -> Set.of("T", "H").contains(m.path("category").asText()))
                .toList();
    }

    /** race id → meeting JSON, for every race of the expected meetings. */
    public Map<String, JsonNode> expectedRaces() {
        Map<String, JsonNode> races = new LinkedHashMap<>();
        for (JsonNode meeting : expectedMeetings()) {
            meeting.path("races").forEach(r -> races.put(r.path("id").asText(), meeting));
        }
        return races;
    }

    /** The entrant ids the event of a race carries (the recorded ids for the recorded race, derived ids otherwise). */
    public List<String> entrantIds(String raceId) {
        if (raceId.equals(RECORDED_EVENT_ID)) {
            return List.copyOf(recordedEntrantIds);
        }
        return recordedEntrantIds.stream().map(old -> derivedId(raceId, old)).toList();
    }

    /** The meetings-list response for a page, echoing the paging parameters as TAB does. */
    public byte[] meetingsPage(int limit, int offset) {
        ObjectNode page = meetingsList.deepCopy();
        ArrayNode all = (ArrayNode) page.path("data").path("meetings");
        ArrayNode slice = JSON.createArrayNode();
        for (int i = offset; i < Math.min(all.size(), offset + limit); i++) {
            slice.add(all.get(i));
        }
        ((ObjectNode) page.path("data")).set("meetings", slice);
        ((ObjectNode) page.path("params")).put("limit", limit).put("offset", offset);
        return bytes(page);
    }

    /** The meetings-list response as recorded, with a change applied to the meeting at the given index. */
    public byte[] meetingsListWith(int meetingIndex, java.util.function.Consumer<ObjectNode> change) {
        ObjectNode page = meetingsList.deepCopy();
        change.accept((ObjectNode) page.path("data").path("meetings").get(meetingIndex));
        return bytes(page);
    }

    /** The event response of any race of the expected meetings (null for an unknown race). */
    public byte[] event(String raceId) {
        if (raceId.equals(RECORDED_EVENT_ID)) {
            return recordedEvent.clone();
        }
        JsonNode meeting = expectedRaces().get(raceId);
        if (meeting == null) {
            return null;
        }
        JsonNode summary = null;
        for (JsonNode race : meeting.path("races")) {
            if (race.path("id").asText().equals(raceId)) {
                summary = race;
            }
        }
        String text = new String(recordedEvent, StandardCharsets.UTF_8)
                .replace(RECORDED_EVENT_ID, raceId)
                .replace(RECORDED_MEETING_ID, meeting.path("meeting").asText());
        for (String old : recordedEntrantIds) {
            text = text.replace(old, derivedId(raceId, old));
        }
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(text);
            ObjectNode race = (ObjectNode) event.path("data").path("race");
            Instant start = Instant.parse(summary.path("start_time").asText());
            ZonedDateTime nz = start.atZone(NZ);
            race.put("meeting_name", meeting.path("name").asText());
            race.put("display_meeting_name", meeting.path("name").asText());
            race.put("description", summary.path("name").asText());
            race.put("race_number", summary.path("race_number").asInt());
            race.put("status", summary.path("status").asText());
            race.put("advertised_start", start.getEpochSecond());
            race.put("actual_start", start.getEpochSecond());
            race.put("advertised_start_string", nonIso(start));
            race.put("actual_start_string", nonIso(start));
            race.put("race_date_nz", meeting.path("date").asText().substring(0, 10));
            race.put("start_time_nz", nz.format(DateTimeFormatter.ofPattern("HH:mm:ss")) + " "
                    + (NZ.getRules().isDaylightSavings(start) ? "NZDT" : "NZST"));
            race.put("distance", summary.path("distance").asInt());
            race.put("type", meeting.path("category").asText());
            race.put("country", meeting.path("country").asText());
            race.put("state", meeting.path("state").asText());
            if (meeting.path("category").asText().equals("H")) {
                int n = 1;
                for (JsonNode runner : event.path("data").path("runners")) {
                    ((ObjectNode) runner).put("barrier", "Fr" + n++);
                }
            }
            return bytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String nonIso(Instant instant) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss '+0000 UTC'").withZone(ZoneId.of("UTC")).format(instant);
    }

    private static String derivedId(String raceId, String recordedEntrantId) {
        return UUID.nameUUIDFromBytes((raceId + "/" + recordedEntrantId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
