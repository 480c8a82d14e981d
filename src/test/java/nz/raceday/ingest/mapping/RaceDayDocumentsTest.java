package nz.raceday.ingest.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nz.raceday.ingest.store.DocumentValues;
import nz.raceday.ingest.store.Write;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import nz.raceday.ingest.tab.TabPayloadParser;
import nz.raceday.ingest.tab.model.EventDetail;
import nz.raceday.ingest.tab.model.Meeting;
import nz.raceday.ingest.tab.model.MeetingsPage;
import nz.raceday.ingest.tab.model.RawMeeting;
import nz.raceday.ingest.testsupport.TabFixtures;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** RaceDay documents made from the recorded TAB payloads of 2025-07-17. */
class RaceDayDocumentsTest {

    private static final String MEETINGS_LIST = "meetings-list-2025-07-17.json";
    private static final String EVENT = "event-0f57e087-awapuni-r1-final-2025-07-17.json";
    private static final String AWAPUNI = TabFixtures.RECORDED_MEETING_ID;
    private static final String AWAPUNI_R1 = TabFixtures.RECORDED_EVENT_ID;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TabPayloadParser parser = new TabPayloadParser();
    private final RaceDayDocuments documents = new RaceDayDocuments();

    @Nested
    class Meetings {

        @Test
        void shouldMapAMeetingUnderItsTabId() {
            Write.Upsert write = documents.meeting(listedMeeting(AWAPUNI));

            assertThat(write.collectionId()).isEqualTo(RaceDaySchema.MEETINGS);
            assertThat(write.documentId()).isEqualTo(AWAPUNI);
            assertThat(write.attributes())
                    .containsEntry("meetingId", AWAPUNI)
                    .containsEntry("meetingName", "Awapuni Synthetic")
                    .containsEntry("country", "NZ")
                    .containsEntry("state", "NZ")
                    .containsEntry("raceType", "Thoroughbred Horse Racing")
                    .containsEntry("category", "T")
                    .containsEntry("categoryName", "Thoroughbred Horse Racing")
                    .containsEntry("date", LocalDate.of(2025, 7, 17))
                    .containsEntry("trackCondition", "Synthetic")
                    .containsEntry("status", "active")
                    .containsEntry("dataSource", "NZTAB");
        }

        @Test
        void shouldLeaveOutFieldsTheListDoesNotSend() {
            Map<String, Object> doc = documents.meeting(listedMeeting(AWAPUNI)).attributes();

            assertThat(doc).doesNotContainKeys("weather", "railPosition", "trackDirection", "trackSurface");
        }

        @Test
        void shouldLeaveOutBlankTrackCondition() {
            // Elazig (TUR), the first meeting of the list, has track_condition ""
            Meeting elazig = parseMeeting(meetingsPage().meetings().get(0));

            assertThat(documents.meeting(elazig).attributes()).doesNotContainKey("trackCondition");
        }
    }

    @Nested
    class RaceSummaries {

        @Test
        void shouldMapARaceOfTheMeetingsList() {
            Meeting awapuni = listedMeeting(AWAPUNI);

            Write.Upsert write = documents.raceSummary(awapuni.races().get(0), AWAPUNI, TabFixtures.DAY);

            assertThat(write.collectionId()).isEqualTo(RaceDaySchema.RACES);
            assertThat(write.documentId()).isEqualTo(AWAPUNI_R1);
            assertThat(write.attributes())
                    .containsEntry("raceId", AWAPUNI_R1)
                    .containsEntry("name", "PRYDA HANDICAP 1700")
                    .containsEntry("raceNumber", 1L)
                    .containsEntry("startTime", Instant.parse("2025-07-17T00:50:00Z"))
                    .containsEntry("toteStartTime", "12:50:00")
                    .containsEntry("raceDateNz", "2025-07-17")
                    .containsEntry("distance", 1700L)
                    .containsEntry("trackCondition", "Synthetic")
                    .containsEntry("weather", "Overcast")
                    .containsEntry("status", "Final")
                    .containsEntry("meeting", AWAPUNI);
        }

        @Test
        void shouldRecordTheNzRacingDayForARaceStartingTheUtcDayBefore() {
            // Winton R1 (NZ harness) starts 2025-07-16T23:45:00Z, which is 11:45 NZST on the 17th
            Meeting winton = listedMeeting("85fc0c65-6b71-4aaf-a879-51aaefe4b746");

            Map<String, Object> doc = documents.raceSummary(winton.races().get(0), winton.meetingId(), TabFixtures.DAY)
                    .attributes();

            assertThat(doc)
                    .containsEntry("startTime", Instant.parse("2025-07-16T23:45:00Z"))
                    .containsEntry("raceDateNz", "2025-07-17");
        }

        @Test
        void shouldLeaveOutBlankWeather() {
            Meeting elazig = parseMeeting(meetingsPage().meetings().get(0));

            Map<String, Object> doc = documents.raceSummary(elazig.races().get(0), elazig.meetingId(), TabFixtures.DAY)
                    .attributes();

            assertThat(doc).doesNotContainKeys("weather", "trackCondition", "toteStartTime");
        }
    }

    @Nested
    class RaceDetails {

        @Test
        void shouldMapTheEventDetailOfARace() {
            Write.Upsert write = documents.raceDetail(recordedEvent());

            assertThat(write.documentId()).isEqualTo(AWAPUNI_R1);
            assertThat(write.attributes())
                    .containsEntry("raceId", AWAPUNI_R1)
                    .containsEntry("name", "PRYDA HANDICAP 1700")
                    .containsEntry("raceNumber", 1L)
                    .containsEntry("status", "Final")
                    .containsEntry("type", "T")
                    .containsEntry("distance", 1700L)
                    .containsEntry("trackCondition", "Synthetic")
                    .containsEntry("trackSurface", "Synthetic")
                    .containsEntry("weather", "Overcast")
                    .containsEntry("totalPrizeMoney", 17_000L)
                    .containsEntry("entrantCount", 8L)
                    .containsEntry("fieldSize", 8L)
                    .containsEntry("positionsPaid", 3L)
                    .containsEntry("silkBaseUrl", "drr38safykj6s.cloudfront.net")
                    .containsEntry("meeting", AWAPUNI);
        }

        @Test
        void shouldTakeTheStartTimeFromTheAdvertisedStartEpoch() {
            Map<String, Object> doc = documents.raceDetail(recordedEvent()).attributes();

            assertThat(doc)
                    .containsEntry("startTime", Instant.parse("2025-07-17T00:50:00Z"))
                    .containsEntry("actualStart", Instant.parse("2025-07-17T00:52:46Z"));
        }

        @Test
        void shouldFollowADelayedAdvertisedStart() {
            // TAB moved the race back five minutes: 1752713400 + 300
            EventDetail delayed = editedEvent(data -> race(data).put("advertised_start", 1_752_713_700L));

            assertThat(documents.raceDetail(delayed).attributes())
                    .containsEntry("startTime", Instant.parse("2025-07-17T00:55:00Z"));
        }

        @Test
        void shouldKeepTheNzLocalFieldsAsText() {
            Map<String, Object> doc = documents.raceDetail(recordedEvent()).attributes();

            assertThat(doc)
                    .containsEntry("raceDateNz", "2025-07-17")
                    .containsEntry("startTimeNz", "12:50:00 NZST");
        }

        @Test
        void shouldStoreVideoChannelsAsAJsonArray() {
            EventDetail two = editedEvent(data -> race(data).putArray("video_channels").add("Trackside1").add("Trackside2"));

            assertThat(documents.raceDetail(recordedEvent()).attributes()).containsEntry("videoChannels", "[\"Trackside1\"]");
            assertThat(documents.raceDetail(two).attributes())
                    .containsEntry("videoChannels", "[\"Trackside1\",\"Trackside2\"]");
        }

        @Test
        void shouldLeaveOutEmptyVideoChannels() {
            EventDetail none = editedEvent(data -> race(data).putArray("video_channels"));

            assertThat(documents.raceDetail(none).attributes()).doesNotContainKey("videoChannels");
        }

        @Test
        void shouldTakeTheRunnerCountFromTheFieldSize() {
            assertThat(documents.raceDetail(recordedEvent()).attributes()).containsEntry("runnerCount", 8L);
        }

        @Test
        void shouldCountRunnersStillInWhenTheFieldSizeIsMissing() {
            EventDetail twoScratched = editedEvent(data -> {
                race(data).remove("field_size");
                runner(data, 2).put("is_scratched", true);
                runner(data, 5).put("is_scratched", true);
            });

            assertThat(documents.raceDetail(twoScratched).attributes()).containsEntry("runnerCount", 6L);
        }

        @Test
        void shouldClearTheStoredOddsOfARunnerScratchedWithoutPrices() {
            EventDetail scratched = editedEvent(data -> runner(data, 3).put("is_scratched", true).remove("odds"));

            Write.Upsert entrant = documents.entrants(scratched).get(3);

            assertThat(entrant.cleared())
                    .containsExactlyInAnyOrder("fixedWinOdds", "fixedPlaceOdds", "poolWinOdds", "poolPlaceOdds");
            assertThat(documents.entrants(scratched).get(4).cleared()).isEmpty();
        }

        @Test
        void shouldLeaveOutNullApiValues() {
            EventDetail sparse = editedEvent(data -> race(data).putNull("weather").putNull("actual_start")
                    .putNull("prize_monies").putNull("track_surface").put("silk_url", ""));

            assertThat(documents.raceDetail(sparse).attributes())
                    .doesNotContainKeys("weather", "actualStart", "totalPrizeMoney", "trackSurface", "silkUrl");
        }
    }

    @Nested
    class Entrants {

        @Test
        void shouldMapEveryRunnerUnderItsEntrantId() {
            List<String> entrantIds = new ArrayList<>();
            TabFixtures.readTree(EVENT).path("data").path("runners")
                    .forEach(r -> entrantIds.add(r.path("entrant_id").asText()));

            List<Write.Upsert> writes = documents.entrants(recordedEvent());

            assertThat(writes).extracting(Write::documentId).containsExactlyElementsOf(entrantIds);
            assertThat(writes).allSatisfy(w -> {
                assertThat(w.collectionId()).isEqualTo(RaceDaySchema.ENTRANTS);
                assertThat(w.attributes()).containsEntry("entrantId", w.documentId())
                        .containsEntry("raceId", AWAPUNI_R1)
                        .containsEntry("race", AWAPUNI_R1);
            });
        }

        @Test
        void shouldMapARunnerFieldByField() {
            Map<String, Object> tickford = documents.entrants(recordedEvent()).get(0).attributes();

            assertThat(tickford)
                    .containsEntry("name", "Tickford")
                    .containsEntry("runnerNumber", 1L)
                    .containsEntry("barrier", "7")
                    .containsEntry("isScratched", false)
                    .containsEntry("isLateScratched", false)
                    .containsEntry("fixedWinOdds", 5.0)
                    .containsEntry("fixedPlaceOdds", 1.8)
                    .containsEntry("poolWinOdds", 4.4)
                    .containsEntry("poolPlaceOdds", 1.5)
                    .containsEntry("favourite", false)
                    .containsEntry("mover", true)
                    .containsEntry("jockey", "Kate Hercock")
                    .containsEntry("trainerName", "Richard French")
                    .containsEntry("silkColours", "Cerise & gold hoops, cerise sleeves & quartered cap")
                    .containsEntry("runnerChange",
                            "{\"12/11/2020\":\"Gelding\",\"30/07/2021\":\"Stable Change - Steve Hamill\"}");
        }

        @Test
        void shouldKeepTextBarriersOfHarnessRunners() {
            EventDetail harness = editedEvent(data -> runner(data, 0).put("barrier", "Sr2"));

            assertThat(documents.entrants(harness).get(0).attributes()).containsEntry("barrier", "Sr2");
        }

        @Test
        void shouldLeaveOutScratchTimeOfRunnersStillIn() {
            assertThat(documents.entrants(recordedEvent()))
                    .allSatisfy(w -> assertThat(w.attributes()).doesNotContainKey("scratchTime"));
        }

        @Test
        void shouldStoreTheScratchTimeOfAScratchedRunnerAsEpochSeconds() {
            EventDetail scratched = editedEvent(data -> runner(data, 7).put("is_scratched", true)
                    .put("scratch_time", 1_752_710_000L));

            assertThat(documents.entrants(scratched).get(7).attributes())
                    .containsEntry("isScratched", true)
                    .containsEntry("scratchTime", 1_752_710_000L);
        }

        @Test
        void shouldLeaveOutNullApiValues() {
            EventDetail sparse = editedEvent(data -> runner(data, 0).putNull("jockey").putNull("favourite")
                    .putNull("runner_change").put("silk_colours", " ").remove("odds"));

            assertThat(documents.entrants(sparse).get(0).attributes())
                    .doesNotContainKeys("jockey", "favourite", "runnerChange", "silkColours", "fixedWinOdds",
                            "fixedPlaceOdds", "poolWinOdds", "poolPlaceOdds")
                    .doesNotContainValue(null);
        }
    }

    @Nested
    class FreeTextSizes {

        private static final String HORSE = "\uD83C\uDFC7"; // one code point, two UTF-16 chars

        @Test
        void shouldCutOverLongTextToTheAttributeSize() {
            EventDetail longJockey = editedEvent(data -> runner(data, 0).put("jockey", "j".repeat(300)));

            assertThat((String) documents.entrants(longJockey).get(0).attributes().get("jockey"))
                    .isEqualTo("j".repeat(255));
        }

        @Test
        void shouldCountCodePointsNotCharsWhenCutting() {
            // 255 horses fit entrants.jockey (255) although they are 510 UTF-16 chars
            String horses = HORSE.repeat(255);
            EventDetail event = editedEvent(data -> runner(data, 0).put("jockey", horses));

            assertThat(documents.entrants(event).get(0).attributes()).containsEntry("jockey", horses);
        }

        @Test
        void shouldNeverSplitAnEmojiAtTheBoundary() {
            // 254 letters, then horses: the cut falls after the first horse, not in its middle
            String name = "a".repeat(254) + HORSE + HORSE + HORSE;
            EventDetail event = editedEvent(data -> runner(data, 0).put("trainer_name", name));

            String cut = (String) documents.entrants(event).get(0).attributes().get("trainerName");

            assertThat(cut).isEqualTo("a".repeat(254) + HORSE);
            assertThat(cut.codePointCount(0, cut.length())).isEqualTo(255);
        }

        @Test
        void shouldCutTheRunnerChangeJsonToItsSizeByDroppingWholeEntries() throws Exception {
            EventDetail event = editedEvent(data -> {
                ObjectNode changes = runner(data, 0).putObject("runner_change");
                for (int i = 10; i < 60; i++) {
                    changes.put(i + "/01/2025", "Stable Change - Somebody");
                }
            });

            String cut = (String) documents.entrants(event).get(0).attributes().get("runnerChange");

            assertThat(cut.length()).isLessThanOrEqualTo(500);
            JsonNode kept = new com.fasterxml.jackson.databind.ObjectMapper().readTree(cut);
            // an entry is 39 characters plus a separating comma: 12 entries and the braces take 481, 13 take 521
            assertThat(kept.size()).isEqualTo(12);
            assertThat(kept.fieldNames()).toIterable().startsWith("10/01/2025", "11/01/2025");
            assertThat(kept.path("21/01/2025").asText()).isEqualTo("Stable Change - Somebody");
        }
    }

    @Nested
    class SchemaFit {

        @Test
        void shouldProduceMeetingAndRaceDocumentsTheSchemaAcceptsForEveryRecordedMeeting() {
            MeetingsPage page = meetingsPage();
            int races = 0;
            for (RawMeeting raw : page.meetings()) {
                Meeting meeting = parseMeeting(raw);
                assertFits(documents.meeting(meeting));
                for (var race : meeting.races()) {
                    assertFits(documents.raceSummary(race, meeting.meetingId(), meeting.date()));
                    races++;
                }
            }
            assertThat(races).isEqualTo(748);
        }

        @Test
        void shouldProduceRaceAndEntrantDocumentsTheSchemaAccepts() {
            EventDetail event = recordedEvent();

            assertFits(documents.raceDetail(event));
            documents.entrants(event).forEach(this::assertFits);
        }

        private void assertFits(Write.Upsert write) {
            var collection = RaceDaySchema.collection(write.collectionId());
            Map<String, Object> values = DocumentValues.canonical(collection, write);
            DocumentValues.checkRequired(collection, write, values);
        }
    }

    // ---- helpers

    private MeetingsPage meetingsPage() {
        return parser.parseMeetingsPage(TabFixtures.read(MEETINGS_LIST));
    }

    private Meeting parseMeeting(RawMeeting raw) {
        return parser.parseMeeting(raw, null);
    }

    private Meeting listedMeeting(String meetingId) {
        RawMeeting raw = meetingsPage().meetings().stream().filter(m -> meetingId.equals(m.meetingId())).findFirst()
                .orElseThrow();
        return parseMeeting(raw);
    }

    private EventDetail recordedEvent() {
        return parser.parseEvent(TabFixtures.read(EVENT), AWAPUNI_R1);
    }

    private EventDetail editedEvent(Consumer<ObjectNode> editData) {
        ObjectNode event = (ObjectNode) TabFixtures.readTree(EVENT).deepCopy();
        editData.accept((ObjectNode) event.path("data"));
        try {
            return parser.parseEvent(JSON.writeValueAsBytes(event), AWAPUNI_R1);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode race(ObjectNode data) {
        return (ObjectNode) data.path("race");
    }

    private static ObjectNode runner(ObjectNode data, int index) {
        JsonNode runner = data.path("runners").get(index);
        return (ObjectNode) runner;
    }
}
