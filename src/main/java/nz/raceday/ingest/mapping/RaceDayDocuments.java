package nz.raceday.ingest.mapping;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import nz.raceday.ingest.shared.RaceStatus;
import nz.raceday.ingest.store.Write;
import nz.raceday.ingest.store.schema.Attribute;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import nz.raceday.ingest.tab.model.EventDetail;
import nz.raceday.ingest.tab.model.Meeting;
import nz.raceday.ingest.tab.model.RaceDetail;
import nz.raceday.ingest.tab.model.RaceSummary;
import nz.raceday.ingest.tab.model.Runner;

/**
 * Turns parsed TAB payloads into RaceDay documents (domain-spec §4). Values the API did not send are left
 * out of the document, so an upsert never replaces stored data with nothing. Free text is cut to the
 * attribute size of the schema rather than failing a whole race over a long jockey name.
 */
public final class RaceDayDocuments {

    /** Meetings are stored with this constant status (ORIG did the same; the list has no meeting status). */
    public static final String MEETING_STATUS = "active";
    public static final String DATA_SOURCE = "NZTAB";

    /**
     * A meeting of the meetings list. TAB's timestamp of the list is kept as {@code apiGeneratedTime}, updated
     * only when the meeting itself changes (it is new on every response).
     */
    public Write.Upsert meeting(Meeting meeting) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("meetingId", meeting.meetingId());
        text(doc, RaceDaySchema.MEETINGS, "meetingName", meeting.name());
        doc.put("country", meeting.country());
        text(doc, RaceDaySchema.MEETINGS, "state", meeting.state());
        text(doc, RaceDaySchema.MEETINGS, "raceType", meeting.categoryName());
        doc.put("category", meeting.category());
        text(doc, RaceDaySchema.MEETINGS, "categoryName", meeting.categoryName());
        doc.put("date", meeting.date());
        text(doc, RaceDaySchema.MEETINGS, "trackCondition", meeting.trackCondition());
        doc.put("status", MEETING_STATUS);
        text(doc, RaceDaySchema.MEETINGS, "trackDirection", meeting.trackDirection());
        text(doc, RaceDaySchema.MEETINGS, "trackSurface", meeting.trackSurface());
        text(doc, RaceDaySchema.MEETINGS, "railPosition", meeting.railPosition());
        text(doc, RaceDaySchema.MEETINGS, "weather", meeting.weather());
        doc.put("dataSource", DATA_SOURCE);
        Write.Upsert upsert = new Write.Upsert(RaceDaySchema.MEETINGS, meeting.meetingId(), doc);
        return meeting.generatedTime() == null ? upsert : upsert.withMetadata("apiGeneratedTime", meeting.generatedTime());
    }

    private static final Map<String, String> CATEGORY_NAMES = Map.of(
            "T", "Thoroughbred Horse Racing", "H", "Harness Horse Racing", "G", "Greyhound Racing");

    /**
     * The meeting of an event, from what the event says of it, for a race polled before (or without) the daily
     * import. Every attribute only fills gaps: the meetings list stays the authority. Empty when the event does not
     * say enough to make a valid meeting.
     */
    public Optional<Write.Upsert> meetingReference(EventDetail event) {
        RaceDetail race = event.race();
        if (race.meetingId() == null || race.meetingName() == null || race.country() == null || race.type() == null
                || race.raceDateNz() == null) {
            return Optional.empty();
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("meetingId", race.meetingId());
        text(doc, RaceDaySchema.MEETINGS, "meetingName", race.meetingName());
        text(doc, RaceDaySchema.MEETINGS, "country", race.country());
        text(doc, RaceDaySchema.MEETINGS, "state", race.state());
        String categoryName = CATEGORY_NAMES.getOrDefault(race.type(), race.type());
        text(doc, RaceDaySchema.MEETINGS, "raceType", categoryName);
        text(doc, RaceDaySchema.MEETINGS, "category", race.type());
        text(doc, RaceDaySchema.MEETINGS, "categoryName", categoryName);
        doc.put("date", race.raceDateNz());
        doc.put("status", MEETING_STATUS);
        doc.put("dataSource", DATA_SOURCE);
        return Optional.of(new Write.Upsert(RaceDaySchema.MEETINGS, race.meetingId(), doc).withFillOnly(doc.keySet()));
    }

    /**
     * Attributes of a race that the event detail owns: the meetings list only seeds them, so a later run of the
     * meetings step never undoes what the event said (the two sources differ in details such as weather text).
     */
    static final Set<String> RACE_ATTRIBUTES_OWNED_BY_EVENT = Set.of(
            "name", "startTime", "status", "distance", "trackCondition", "weather", "raceDateNz");

    /**
     * A race as the meetings list gives it. The racing day of the meeting is recorded as {@code raceDateNz}
     * until the event detail confirms it, so the races step can select the day's races by an indexed scalar.
     */
    public Write.Upsert raceSummary(RaceSummary race, String meetingId, LocalDate racingDay) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("raceId", race.raceId());
        text(doc, RaceDaySchema.RACES, "name", race.name());
        doc.put("raceNumber", (long) race.raceNumber());
        doc.put("startTime", race.startTime());
        text(doc, RaceDaySchema.RACES, "toteStartTime", race.toteStartTime());
        doc.put("raceDateNz", racingDay.toString());
        putIfPresent(doc, "distance", race.distance() == null ? null : race.distance().longValue());
        text(doc, RaceDaySchema.RACES, "trackCondition", race.trackCondition());
        text(doc, RaceDaySchema.RACES, "weather", race.weather());
        doc.put("status", race.status());
        doc.put("meeting", meetingId);
        return new Write.Upsert(RaceDaySchema.RACES, race.raceId(), doc).withFillOnly(RACE_ATTRIBUTES_OWNED_BY_EVENT);
    }

    /**
     * A race merged with its event detail. The advertised start comes from the event's epoch field: it is the
     * fresher value and moves when TAB delays a race.
     */
    public Write.Upsert raceDetail(EventDetail event) {
        RaceDetail race = event.race();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("raceId", race.raceId());
        text(doc, RaceDaySchema.RACES, "name", race.name());
        doc.put("raceNumber", (long) race.raceNumber());
        doc.put("startTime", race.advertisedStart());
        // TAB repeats the advertised start as actual_start until the jump; only a jumped race has a real one
        if (RaceStatus.hasJumped(race.status())) {
            putIfPresent(doc, "actualStart", race.actualStart());
        }
        text(doc, RaceDaySchema.RACES, "startTimeNz", race.startTimeNz());
        putIfPresent(doc, "raceDateNz", race.raceDateNz() == null ? null : race.raceDateNz().toString());
        putIfPresent(doc, "distance", race.distance() == null ? null : race.distance().longValue());
        text(doc, RaceDaySchema.RACES, "trackCondition", race.trackCondition());
        text(doc, RaceDaySchema.RACES, "trackSurface", race.trackSurface());
        text(doc, RaceDaySchema.RACES, "weather", race.weather());
        doc.put("status", race.status());
        text(doc, RaceDaySchema.RACES, "type", race.type());
        putIfPresent(doc, "totalPrizeMoney", race.totalPrizeMoney());
        putIfPresent(doc, "entrantCount", race.entrantCount() == null ? null : race.entrantCount().longValue());
        putIfPresent(doc, "fieldSize", race.fieldSize() == null ? null : race.fieldSize().longValue());
        putIfPresent(doc, "runnerCount", runnerCount(event));
        putIfPresent(doc, "positionsPaid", race.positionsPaid() == null ? null : race.positionsPaid().longValue());
        text(doc, RaceDaySchema.RACES, "silkUrl", race.silkUrl());
        text(doc, RaceDaySchema.RACES, "silkBaseUrl", race.silkBaseUrl());
        if (!race.videoChannels().isEmpty()) {
            jsonText(doc, RaceDaySchema.RACES, "videoChannels", JsonText.write(race.videoChannels()));
        }
        putIfPresent(doc, "meeting", race.meetingId());
        return new Write.Upsert(RaceDaySchema.RACES, race.raceId(), doc);
    }

    /**
     * One write of a race that stores what writing its summary and then its detail would store, so that an import
     * running both steps writes the race once. The detail's values win; an attribute only the summary has keeps the
     * summary's rule (a value the event owns but did not send only fills a gap).
     */
    public static Write.Upsert raceSummaryWithDetail(Write.Upsert summary, Write.Upsert detail) {
        if (!summary.documentId().equals(detail.documentId()) || !summary.metadata().isEmpty()
                || !detail.metadata().isEmpty() || !summary.cleared().isEmpty() || !detail.cleared().isEmpty()
                || !detail.fillOnly().isEmpty()) {
            throw new IllegalArgumentException("not a summary and a detail of one race: " + summary.documentId()
                    + ", " + detail.documentId());
        }
        Map<String, Object> merged = new LinkedHashMap<>(summary.attributes());
        merged.putAll(detail.attributes());
        Set<String> fillOnly = new java.util.HashSet<>(summary.fillOnly());
        fillOnly.removeAll(detail.attributes().keySet());
        return new Write.Upsert(RaceDaySchema.RACES, detail.documentId(), merged).withFillOnly(fillOnly);
    }

    /** Runners still in the race: the field size TAB reports, else counted from the runners. */
    private static Long runnerCount(EventDetail event) {
        if (event.race().fieldSize() != null) {
            return event.race().fieldSize().longValue();
        }
        if (event.runners().isEmpty()) {
            return null;
        }
        return event.runners().stream().filter(r -> !r.scratched()).count();
    }

    /** Every runner of the event, scratched ones included, with its current odds. */
    public List<Write.Upsert> entrants(EventDetail event) {
        List<Write.Upsert> writes = new ArrayList<>();
        for (Runner runner : event.runners()) {
            writes.add(entrant(runner, event.raceId()));
        }
        return writes;
    }

    private Write.Upsert entrant(Runner runner, String raceId) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("entrantId", runner.entrantId());
        text(doc, RaceDaySchema.ENTRANTS, "name", runner.name());
        doc.put("runnerNumber", (long) runner.runnerNumber());
        text(doc, RaceDaySchema.ENTRANTS, "barrier", runner.barrier());
        doc.put("raceId", raceId);
        doc.put("isScratched", runner.scratched());
        doc.put("isLateScratched", runner.lateScratched());
        putIfPresent(doc, "scratchTime", runner.scratchTime() == null ? null : runner.scratchTime().getEpochSecond());
        jsonText(doc, RaceDaySchema.ENTRANTS, "runnerChange", runner.runnerChange());
        putIfPresent(doc, "fixedWinOdds", runner.odds().fixedWin());
        putIfPresent(doc, "fixedPlaceOdds", runner.odds().fixedPlace());
        putIfPresent(doc, "poolWinOdds", runner.odds().poolWin());
        putIfPresent(doc, "poolPlaceOdds", runner.odds().poolPlace());
        putIfPresent(doc, "favourite", runner.favourite());
        putIfPresent(doc, "mover", runner.mover());
        text(doc, RaceDaySchema.ENTRANTS, "jockey", runner.jockey());
        text(doc, RaceDaySchema.ENTRANTS, "trainerName", runner.trainerName());
        text(doc, RaceDaySchema.ENTRANTS, "silkColours", runner.silkColours());
        text(doc, RaceDaySchema.ENTRANTS, "silkUrl64", runner.silkUrl64());
        text(doc, RaceDaySchema.ENTRANTS, "silkUrl128", runner.silkUrl128());
        doc.put("race", raceId);
        Write.Upsert write = new Write.Upsert(RaceDaySchema.ENTRANTS, runner.entrantId(), doc);
        if (runner.scratched()) {
            // TAB stops pricing a scratched runner: odds it had before would be shown as current, so remove them
            Set<String> stale = new java.util.LinkedHashSet<>(ODDS_ATTRIBUTES);
            stale.removeAll(doc.keySet());
            write = write.withCleared(stale);
        }
        return write;
    }

    private static final List<String> ODDS_ATTRIBUTES = List.of("fixedWinOdds", "fixedPlaceOdds", "poolWinOdds",
            "poolPlaceOdds");

    private static void putIfPresent(Map<String, Object> doc, String key, Object value) {
        if (value != null) {
            doc.put(key, value);
        }
    }

    /** Puts text cut to the attribute's size (in code points), so a long free-text value never fails a write. */
    private static void text(Map<String, Object> doc, String collectionId, String key, String value) {
        if (value == null) {
            return;
        }
        Attribute attribute = RaceDaySchema.collection(collectionId).attribute(key)
                .orElseThrow(() -> new IllegalArgumentException(collectionId + " has no attribute " + key));
        doc.put(key, truncate(value, attribute.size()));
    }

    /** Puts JSON text cut to the attribute's size by dropping whole trailing entries (see {@link JsonText#fit}). */
    private void jsonText(Map<String, Object> doc, String collectionId, String key, String value) {
        if (value != null) {
            doc.put(key, JsonText.fit(value, RaceDaySchema.collection(collectionId).attribute(key).orElseThrow().size()));
        }
    }

    static String truncate(String value, int maxCodePoints) {
        return JsonText.truncate(value, maxCodePoints);
    }
}
