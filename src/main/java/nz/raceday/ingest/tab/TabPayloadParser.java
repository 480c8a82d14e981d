package nz.raceday.ingest.tab;

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

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import nz.raceday.ingest.shared.RaceStatus;
import nz.raceday.ingest.tab.model.EventDetail;
import nz.raceday.ingest.tab.model.Meeting;
import nz.raceday.ingest.tab.model.MeetingsPage;
import nz.raceday.ingest.tab.model.PayloadProblem;
import nz.raceday.ingest.tab.model.RaceSummary;
import nz.raceday.ingest.tab.model.RawMeeting;

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
    private final PayloadProblems problems;

    /** A parser whose payload problems are counted only by itself (tests, one-off tools). */
    public TabPayloadParser() {
        this(new PayloadProblems());
    }

    /** A parser reporting the parts of payloads it drops to {@code problems}. */
    public TabPayloadParser(PayloadProblems problems) {
        this.mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        this.problems = problems;
    }

    /** Where this parser reports what it drops. */
    public PayloadProblems problems() {
        return problems;
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
        List<PayloadProblem> raceProblems = new ArrayList<>();
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
                    raceProblems.add(new PayloadProblem(raceId, PayloadProblem.Kind.RACE_SUMMARY, e.getMessage()));
                }
            }
        }
        problems.report(raceProblems);
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
                raceProblems);
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
     * Reads {@code /racing/events/{id}}. Only a payload without its race or its runners fails; any other item that
     * cannot be read is left out, listed in {@link EventDetail#problems()} and reported (counted and logged).
     *
     * @param expectedRaceId the id that was requested; a payload for another race is rejected
     */
    public EventDetail parseEvent(byte[] body, String expectedRaceId) {
        String context = "event " + expectedRaceId;
        JsonNode envelope = readEnvelope(body, context, EventPayloadReader.STORED_FIELDS);
        JsonNode data = requiredObject(envelope, "data", context);
        EventDetail event = new EventPayloadReader(mapper, context).read(data, expectedRaceId, generatedTime(envelope));
        problems.report(event.problems());
        return event;
    }

    private JsonNode readEnvelope(byte[] body, String context) {
        return readEnvelope(body, context, null);
    }

    /** The response as a tree; with a shape, only the parts of it the shape names (see {@link LimitedTree}). */
    private JsonNode readEnvelope(byte[] body, String context, LimitedTree.Shape shape) {
        if (body == null || body.length == 0) {
            throw new TabPayloadException(context + ": empty response body");
        }
        JsonNode envelope;
        try {
            if (shape == null) {
                envelope = mapper.readTree(body);
            } else {
                try (JsonParser parser = mapper.createParser(body)) {
                    envelope = LimitedTree.read(parser, shape);
                }
            }
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
