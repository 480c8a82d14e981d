package nz.raceday.ingest.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import nz.raceday.ingest.polling.PollCounts;
import nz.raceday.ingest.polling.PollDocuments;
import nz.raceday.ingest.polling.RaceMemory;
import nz.raceday.ingest.simulator.SimulatedDay;
import nz.raceday.ingest.simulator.SimulatedPayloads;
import nz.raceday.ingest.simulator.SimulatedRace;
import nz.raceday.ingest.simulator.SimulatorSettings;
import nz.raceday.ingest.store.Write;
import nz.raceday.ingest.tab.TabPayloadException;
import nz.raceday.ingest.tab.TabPayloadParser;
import nz.raceday.ingest.tab.model.EventDetail;
import nz.raceday.ingest.tab.model.Meeting;
import nz.raceday.ingest.tab.model.MeetingsPage;
import nz.raceday.ingest.tab.model.PayloadProblem;
import nz.raceday.ingest.tab.model.RaceSummary;
import nz.raceday.ingest.tab.model.RawMeeting;
import nz.raceday.ingest.testsupport.TabFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Golden record of every document the pipeline would store from good payloads: every recorded TAB fixture (the
 * meetings list, the meeting by id, the futures list, the recorded event and the events made from it for every race
 * of the recorded day) and the events of a seeded simulated day at several moments of each race's life. A parser or
 * mapping change that alters any stored value, its type, an id or a write's flags shows here as a diff of
 * {@code src/test/resources/golden/*.txt}.
 *
 * <p>After an intended change, regenerate with {@code -Draceday.golden.update=true} and review the diff.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class StoredDocumentsGoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("raceday.golden.update");
    /** A fixed poll instant for the recorded event: three minutes before its advertised start (00:50Z). */
    private static final Instant RECORDED_POLL_TIME = Instant.parse("2025-07-17T00:47:00Z");

    private final TabPayloadParser parser = new TabPayloadParser();
    private final RaceDayDocuments documents = new RaceDayDocuments();
    private final PollDocuments pollDocuments = new PollDocuments(documents);
    private final TabFixtures fixtures = new TabFixtures();

    @Test
    void meetingsListDocumentsAreUnchanged() {
        assertGolden("meetings-list-2025-07-17.txt", meetingDocuments("meetings-list-2025-07-17.json"));
    }

    @Test
    void meetingByIdDocumentsAreUnchanged() {
        assertGolden("meeting-by-id-grafton-2025-07-17.txt", meetingDocuments("meeting-by-id-grafton-2025-07-17.json"));
    }

    @Test
    void futuresListDocumentsAndProblemsAreUnchanged() {
        assertGolden("futures-list-2025-07-17.txt", meetingDocuments("futures-list-2025-07-17.json"));
    }

    @Test
    void responsesThatAreNotMeetingsListsAreRejectedAsBefore() {
        List<String> lines = new ArrayList<>();
        for (String other : List.of("races-list-2025-07-17.json", "extras-list-2025-07-17.json",
                "extras-meeting-addington-2025-07-17.json", "nztab-openapi.json")) {
            lines.add(other + " meetings: " + failureOf(() -> parser.parseMeetingsPage(TabFixtures.read(other))));
            lines.add(other + " event: " + failureOf(() -> parser.parseEvent(TabFixtures.read(other), null)));
        }
        assertGolden("not-meetings-lists.txt", lines);
    }

    @Test
    void recordedEventPollDocumentsAreUnchanged() {
        List<String> lines = new ArrayList<>();
        byte[] body = TabFixtures.read("event-0f57e087-awapuni-r1-final-2025-07-17.json");
        lines.addAll(eventDocuments(body, TabFixtures.RECORDED_EVENT_ID, RECORDED_POLL_TIME));
        assertGolden("event-0f57e087-awapuni-r1-final-2025-07-17.txt", lines);
    }

    @Test
    void eventsMadeFromTheRecordedEventForEveryRaceOfTheDayAreUnchanged() {
        List<String> lines = new ArrayList<>();
        java.util.Set<String> categoriesShown = new java.util.HashSet<>();
        for (Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> race
                : new java.util.TreeMap<>(fixtures.expectedRaces()).entrySet()) {
            List<String> event = eventDocuments(fixtures.event(race.getKey()), race.getKey(), RECORDED_POLL_TIME);
            // in full for the first race of each category (gallops, harness, greyhounds), as a digest for the rest
            lines.addAll(categoriesShown.add(race.getValue().path("category").asText()) ? event : digest(event));
        }
        assertGolden("events-of-the-recorded-day.txt", lines);
    }

    @Test
    void simulatedEventsThroughARaceLifeAreUnchanged() {
        Instant start = Instant.parse("2026-11-22T00:00:00Z");
        SimulatorSettings settings = SimulatorSettings.defaults().toBuilder().meetings(2).otherMeetings(1)
                .racesPerMeeting(4).runnersPerRace(10).firstStart(Duration.ofMinutes(20))
                .spacing(Duration.ofMinutes(10)).seed(42).build();
        SimulatedDay day = SimulatedDay.create(settings, start);
        SimulatedPayloads payloads = new SimulatedPayloads(day);
        String query = "with_money_tracker=true&with_tote_trends_data=true&with_will_pays=true";
        List<String> lines = new ArrayList<>();
        for (SimulatedRace race : day.importedRaces()) {
            Instant jump = race.originalAdvertisedStart();
            for (Duration offset : List.of(Duration.ofMinutes(-19), Duration.ofMinutes(-3), Duration.ofSeconds(-20),
                    Duration.ofMinutes(1), Duration.ofMinutes(4), Duration.ofMinutes(8))) {
                Instant at = jump.plus(offset);
                SimulatedPayloads.Response response = payloads.event(race.id(), query, at);
                lines.add("# " + race.id() + " at " + at + " HTTP " + response.status());
                if (response.status() == 200) {
                    // in full for the first two races, as a digest for the rest
                    List<String> event = eventDocuments(response.body(), race.id(), at);
                    lines.addAll(race.raceNumber() <= 2 && race.meeting() == day.importedRaces().get(0).meeting()
                            ? event : digest(event));
                }
            }
        }
        assertGolden("simulated-events.txt", lines);
    }

    @Test
    void goodPayloadsHaveNoProblemsBeyondTheRecordedHoldSum() {
        List<String> recordedDay = new ArrayList<>();
        for (String raceId : new TreeSet<>(fixtures.expectedRaces().keySet())) {
            parser.parseEvent(fixtures.event(raceId), raceId).problems()
                    .forEach(p -> recordedDay.add(p.kind().label() + ": " + p.reason().replace(raceId, "<race>")));
        }
        // the recorded tracker gives 8 % to three entrants that are not runners: its runners hold 93 %
        assertThat(recordedDay).hasSize(fixtures.expectedRaces().size()).containsOnly(
                "hold_sum: event <race> money_tracker: the runners' hold percentages sum to 93, outside 100 ± 5");

        SimulatedDay day = SimulatedDay.create(SimulatorSettings.defaults().toBuilder().meetings(3).otherMeetings(0)
                .racesPerMeeting(4).seed(7).build(), Instant.parse("2026-11-22T00:00:00Z"));
        SimulatedPayloads payloads = new SimulatedPayloads(day);
        List<String> simulated = new ArrayList<>();
        for (SimulatedRace race : day.importedRaces()) {
            for (Duration offset : List.of(Duration.ofMinutes(-10), Duration.ofMinutes(-1), Duration.ofMinutes(3))) {
                SimulatedPayloads.Response response = payloads.event(race.id(), "with_money_tracker=true",
                        race.originalAdvertisedStart().plus(offset));
                parser.parseEvent(response.body(), race.id()).problems().forEach(p -> simulated.add(p.reason()));
            }
        }
        assertThat(simulated).isEmpty();
    }

    // ---- documents

    private List<String> meetingDocuments(String fixture) {
        List<String> lines = new ArrayList<>();
        MeetingsPage page = parser.parseMeetingsPage(TabFixtures.read(fixture));
        lines.add("generatedTime " + page.generatedTime());
        for (RawMeeting raw : page.meetings()) {
            lines.add("# meeting " + raw.label() + " " + raw.country() + " " + raw.category());
            Meeting meeting;
            try {
                meeting = parser.parseMeeting(raw, page.generatedTime());
            } catch (TabPayloadException e) {
                lines.add("failed: " + e.getMessage());
                continue;
            }
            lines.add(write(documents.meeting(meeting)));
            for (RaceSummary race : meeting.races()) {
                lines.add(write(documents.raceSummary(race, meeting.meetingId(), meeting.date())));
            }
            for (PayloadProblem problem : meeting.raceProblems()) {
                lines.add("problem " + problem.raceId() + ": " + problem.reason());
            }
        }
        return lines;
    }

    private List<String> eventDocuments(byte[] body, String raceId, Instant pollTime) {
        List<String> lines = new ArrayList<>();
        lines.add("# event " + raceId + " polled " + pollTime);
        EventDetail event;
        try {
            event = parser.parseEvent(body, raceId);
        } catch (TabPayloadException e) {
            lines.add("failed: " + e.getMessage());
            return lines;
        }
        lines.add("generatedTime " + event.generatedTime());
        // what the daily import stores of an event
        lines.add(write(documents.raceDetail(event)));
        // what a first poll stores of it
        PollDocuments.PollWrites writes = pollDocuments.build(event, pollTime, Optional.empty(), new RaceMemory(),
                new PollCounts(1, 1, 0));
        writes.batch().writes().forEach(w -> lines.add(write(w)));
        return lines;
    }

    /** One line per write: kind, collection, id, flags and every attribute with its Java type. */
    static String write(Write write) {
        StringBuilder line = new StringBuilder();
        line.append(write instanceof Write.Create ? "create " : "upsert ").append(write.collectionId()).append('/')
                .append(write.documentId());
        if (write instanceof Write.Upsert upsert) {
            flags(line, "fillOnly", upsert.fillOnly());
            flags(line, "metadata", upsert.metadata());
            flags(line, "cleared", upsert.cleared());
        }
        for (Map.Entry<String, Object> attribute : write.attributes().entrySet()) {
            Object value = attribute.getValue();
            line.append(" | ").append(attribute.getKey()).append('=').append(value.getClass().getSimpleName())
                    .append(':').append(value);
        }
        return line.toString();
    }

    private static void flags(StringBuilder line, String name, java.util.Set<String> keys) {
        if (!keys.isEmpty()) {
            line.append(' ').append(name).append(new TreeSet<>(keys));
        }
    }

    /** The first line of an event's documents and a SHA-256 of all of them: a change shows, if not its detail. */
    private static List<String> digest(List<String> event) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            event.forEach(line -> sha.update((line + "\n").getBytes(StandardCharsets.UTF_8)));
            return List.of(event.get(0), "sha256 " + java.util.HexFormat.of().formatHex(sha.digest()) + " of "
                    + event.size() + " lines");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String failureOf(Runnable parse) {
        try {
            parse.run();
            return "parsed";
        } catch (TabPayloadException e) {
            return e.getMessage();
        }
    }

    private static void assertGolden(String name, List<String> lines) {
        String actual = String.join("\n", lines) + "\n";
        Path file = GOLDEN.resolve(name);
        try {
            if (UPDATE) {
                Files.createDirectories(GOLDEN);
                Files.writeString(file, actual, StandardCharsets.UTF_8);
            }
            assertThat(file).as("golden file (create it with -Draceday.golden.update=true)").exists();
            String expected = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(actual.split("\n", -1)).as(name + " (regenerate with -Draceday.golden.update=true)")
                    .containsExactly(expected.split("\n", -1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
