package nz.raceday.ingest.tab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nz.raceday.ingest.tab.model.EventDetail;
import nz.raceday.ingest.tab.model.Meeting;
import nz.raceday.ingest.tab.model.MeetingsPage;
import nz.raceday.ingest.tab.model.MoneyTrackerRow;
import nz.raceday.ingest.tab.model.PayloadProblem;
import nz.raceday.ingest.tab.model.RaceDetail;
import nz.raceday.ingest.tab.model.RaceSummary;
import nz.raceday.ingest.tab.model.RawMeeting;
import nz.raceday.ingest.tab.model.Runner;
import nz.raceday.ingest.tab.model.TotePool;
import nz.raceday.ingest.testsupport.TabFixtures;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Reading real and deliberately quirky TAB payloads into the pipeline's model. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TabPayloadParserTest {

    private static final String MEETINGS_LIST = "meetings-list-2025-07-17.json";
    private static final String MEETING_BY_ID = "meeting-by-id-grafton-2025-07-17.json";
    private static final String FUTURES_LIST = "futures-list-2025-07-17.json";
    private static final String EVENT = "event-0f57e087-awapuni-r1-final-2025-07-17.json";
    private static final String EVENT_ID = TabFixtures.RECORDED_EVENT_ID;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TabPayloadParser parser = new TabPayloadParser();

    @Nested
    class RecordedMeetings {

        @Test
        void shouldReadEveryMeetingOfTheMeetingsListWithItsIdentifyingFields() {
            List<JsonNode> expected = meetingsOf(TabFixtures.readTree(MEETINGS_LIST));

            MeetingsPage page = parser.parseMeetingsPage(TabFixtures.read(MEETINGS_LIST));

            assertThat(page.meetings()).hasSize(76).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                RawMeeting raw = page.meetings().get(i);
                JsonNode json = expected.get(i);
                assertThat(raw.meetingId()).isEqualTo(json.path("meeting").asText());
                assertThat(raw.name()).isEqualTo(json.path("name").asText());
                assertThat(raw.country()).isEqualTo(json.path("country").asText());
                assertThat(raw.category()).isEqualTo(json.path("category").asText());
            }
        }

        @Test
        void shouldTakeTheGeneratedTimeFromTheEnvelopeHeader() {
            MeetingsPage page = parser.parseMeetingsPage(TabFixtures.read(MEETINGS_LIST));

            assertThat(page.generatedTime()).isEqualTo(Instant.parse("2025-07-17T10:48:11.805562713Z"));
        }

        @Test
        void shouldParseEveryListedMeetingWithAllItsRacesAndNoProblems() {
            MeetingsPage page = parser.parseMeetingsPage(TabFixtures.read(MEETINGS_LIST));
            List<JsonNode> expected = meetingsOf(TabFixtures.readTree(MEETINGS_LIST));

            int races = 0;
            for (int i = 0; i < expected.size(); i++) {
                Meeting meeting = parser.parseMeeting(page.meetings().get(i), page.generatedTime());
                JsonNode json = expected.get(i);
                assertThat(meeting.raceProblems()).as(meeting.name()).isEmpty();
                assertThat(meeting.meetingId()).isEqualTo(json.path("meeting").asText());
                assertThat(meeting.date()).isEqualTo(LocalDate.parse(json.path("date").asText().substring(0, 10)));
                assertThat(meeting.categoryName()).isEqualTo(json.path("category_name").asText());
                assertThat(meeting.generatedTime()).isEqualTo(page.generatedTime());
                assertThat(meeting.races()).extracting(RaceSummary::raceId)
                        .containsExactlyElementsOf(ids(json.path("races"), "id"));
                races += meeting.races().size();
            }
            // 748 races over the 76 meetings of the recorded day
            assertThat(races).isEqualTo(748);
        }

        @Test
        void shouldReadARaceSummaryFieldByField() {
            // the first race of the list: Elazig (TUR) R1
            Meeting elazig = parseListedMeeting(0);

            RaceSummary race = elazig.races().get(0);

            assertThat(race.raceId()).isEqualTo("d24d7148-cecc-4dab-845b-b886ab19cd9a");
            assertThat(race.raceNumber()).isEqualTo(1);
            assertThat(race.name()).isEqualTo("Race 1");
            assertThat(race.startTime()).isEqualTo(Instant.parse("2025-07-16T14:15:00Z"));
            assertThat(race.status()).isEqualTo("Final");
            assertThat(race.distance()).isEqualTo(2000);
            assertThat(race.trackCondition()).as("blank text is absent").isNull();
            assertThat(race.weather()).isNull();
            assertThat(elazig.trackCondition()).isNull();
        }

        @Test
        void shouldReadTheMeetingByIdResponseIncludingToteStartTimes() {
            JsonNode json = meetingsOf(TabFixtures.readTree(MEETING_BY_ID)).get(0);
            MeetingsPage page = parser.parseMeetingsPage(TabFixtures.read(MEETING_BY_ID));

            Meeting grafton = parser.parseMeeting(page.meetings().get(0), page.generatedTime());

            assertThat(page.meetings()).hasSize(1);
            assertThat(grafton.name()).isEqualTo("Grafton");
            assertThat(grafton.country()).isEqualTo("AUS");
            assertThat(grafton.state()).isEqualTo("NSW");
            assertThat(grafton.trackCondition()).isEqualTo("Good4");
            assertThat(grafton.date()).isEqualTo(LocalDate.of(2025, 7, 17));
            assertThat(grafton.raceProblems()).isEmpty();
            assertThat(grafton.races()).hasSize(json.path("races").size()).hasSize(8);
            RaceSummary first = grafton.races().get(0);
            assertThat(first.toteStartTime()).isEqualTo("14:42:00");
            assertThat(first.weather()).isEqualTo("FINE");
            assertThat(first.startTime()).isEqualTo(Instant.parse("2025-07-17T02:42:00Z"));
        }

        @Test
        void shouldReportFuturesRacesWithBlankStatusAsRaceProblemsNotExceptions() {
            MeetingsPage page = parser.parseMeetingsPage(TabFixtures.read(FUTURES_LIST));
            List<JsonNode> expected = meetingsOf(TabFixtures.readTree(FUTURES_LIST));
            assertThat(page.meetings()).hasSize(64).hasSameSizeAs(expected);

            int problems = 0;
            for (int i = 0; i < expected.size(); i++) {
                JsonNode json = expected.get(i);
                if (json.path("country").asText().isEmpty()) {
                    continue; // the one multi-venue meeting without a country: see the next test
                }
                Meeting meeting = parser.parseMeeting(page.meetings().get(i), page.generatedTime());
                assertThat(meeting.races()).as(meeting.name()).isEmpty();
                assertThat(meeting.raceProblems()).extracting(p -> p.raceId())
                        .containsExactlyElementsOf(ids(json.path("races"), "id"));
                assertThat(meeting.raceProblems()).allSatisfy(p -> assertThat(p.reason()).contains("'status'"));
                problems += meeting.raceProblems().size();
            }
            // every futures meeting lists exactly one race (race_number 0, status "")
            assertThat(problems).isEqualTo(63);
        }

        @Test
        void shouldFailAFuturesMeetingWithoutCountryNamingTheMeetingAndField() {
            MeetingsPage page = parser.parseMeetingsPage(TabFixtures.read(FUTURES_LIST));
            RawMeeting special = page.meetings().stream().filter(m -> m.country() == null).findFirst().orElseThrow();

            assertThatThrownBy(() -> parser.parseMeeting(special, page.generatedTime()))
                    .isInstanceOf(TabPayloadException.class)
                    .hasMessageContaining("Special (Multi Venue)")
                    .hasMessageContaining("6ba53a0c-99e0-494b-82ca-35966f9c0d19")
                    .hasMessageContaining("'country'");
        }
    }

    @Nested
    class RecordedEvent {

        private final EventDetail event = parser.parseEvent(TabFixtures.read(EVENT), EVENT_ID);
        private final JsonNode json = TabFixtures.readTree(EVENT).path("data");

        @Test
        void shouldReadTheRaceIdentityAndStatus() {
            RaceDetail race = event.race();

            assertThat(event.raceId()).isEqualTo(EVENT_ID);
            assertThat(race.meetingId()).isEqualTo(TabFixtures.RECORDED_MEETING_ID);
            assertThat(race.meetingName()).isEqualTo("Awapuni Synthetic");
            assertThat(race.name()).isEqualTo("PRYDA HANDICAP 1700");
            assertThat(race.raceNumber()).isEqualTo(1);
            assertThat(race.status()).isEqualTo("Final");
            assertThat(race.type()).isEqualTo("T");
            assertThat(race.country()).isEqualTo("NZ");
            assertThat(event.generatedTime()).isEqualTo(Instant.parse("2025-07-17T11:16:59.18904298Z"));
        }

        @Test
        void shouldTakeStartTimesFromTheEpochFieldsNotTheNonIsoStrings() {
            // advertised_start 1752713400 s = 20286 days (2025-07-17) + 3000 s; actual_start is 166 s later
            assertThat(event.race().advertisedStart()).isEqualTo(Instant.parse("2025-07-17T00:50:00Z"));
            assertThat(event.race().actualStart()).isEqualTo(Instant.parse("2025-07-17T00:52:46Z"));
        }

        @Test
        void shouldKeepTheNzLocalDateAndTimeAsSent() {
            assertThat(event.race().raceDateNz()).isEqualTo(LocalDate.of(2025, 7, 17));
            assertThat(event.race().startTimeNz()).isEqualTo("12:50:00 NZST");
        }

        @Test
        void shouldReadTrackCountsPrizeMoneyAndVideoChannels() {
            RaceDetail race = event.race();

            assertThat(race.distance()).isEqualTo(1700);
            assertThat(race.weather()).isEqualTo("Overcast");
            assertThat(race.trackCondition()).isEqualTo("Synthetic");
            assertThat(race.trackDirection()).isEqualTo("Left");
            assertThat(race.trackSurface()).isEqualTo("Synthetic");
            assertThat(race.entrantCount()).isEqualTo(8);
            assertThat(race.fieldSize()).isEqualTo(8);
            assertThat(race.positionsPaid()).isEqualTo(3);
            assertThat(race.totalPrizeMoney()).isEqualTo(17_000L);
            assertThat(race.videoChannels()).containsExactly("Trackside1");
            assertThat(race.silkBaseUrl()).isEqualTo("drr38safykj6s.cloudfront.net");
        }

        @Test
        void shouldReadAllEightRunnersInOrder() {
            assertThat(event.runners()).hasSize(8);
            assertThat(event.runners()).extracting(Runner::entrantId)
                    .containsExactlyElementsOf(ids(json.path("runners"), "entrant_id"));
            assertThat(event.runners()).extracting(Runner::runnerNumber).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        }

        @Test
        void shouldReadNumericBarriersAsText() {
            List<String> expected = new ArrayList<>();
            json.path("runners").forEach(r -> expected.add(String.valueOf(r.path("barrier").intValue())));

            assertThat(event.runners()).extracting(Runner::barrier).containsExactlyElementsOf(expected);
            assertThat(event.runners().get(0).barrier()).isEqualTo("7");
        }

        @Test
        void shouldKeepRunnerChangeAsCompactJsonText() {
            Runner tickford = event.runners().get(0);

            assertThat(tickford.runnerChange())
                    .isEqualTo("{\"12/11/2020\":\"Gelding\",\"30/07/2021\":\"Stable Change - Steve Hamill\"}");
        }

        @Test
        void shouldTreatScratchTimeZeroAsNotScratched() {
            assertThat(event.runners()).allSatisfy(r -> {
                assertThat(r.scratchTime()).isNull();
                assertThat(r.scratched()).isFalse();
                assertThat(r.lateScratched()).isFalse();
            });
        }

        @Test
        void shouldReadAllFourOddsAndTheRunnerDetails() {
            Runner tickford = event.runners().get(0);

            assertThat(tickford.name()).isEqualTo("Tickford");
            assertThat(tickford.odds().fixedWin()).isEqualTo(5.0);
            assertThat(tickford.odds().fixedPlace()).isEqualTo(1.8);
            assertThat(tickford.odds().poolWin()).isEqualTo(4.4);
            assertThat(tickford.odds().poolPlace()).isEqualTo(1.5);
            assertThat(tickford.favourite()).isFalse();
            assertThat(tickford.mover()).isTrue();
            assertThat(tickford.jockey()).isEqualTo("Kate Hercock");
            assertThat(tickford.trainerName()).isEqualTo("Richard French");
            assertThat(tickford.silkUrl64()).endsWith("/tickford_64x64.png");
            assertThat(tickford.silkUrl128()).endsWith("/tickford_128x128.png");
            assertThat(event.runners().get(3).favourite()).as("Ruji is the favourite").isTrue();
        }
    }

    @Nested
    class EventQuirks {

        @Test
        void shouldKeepTextBarriersOfHarnessRunners() {
            EventDetail event = parseEditedEvent(data -> runner(data, 0).put("barrier", "Fr1"));

            assertThat(event.runners().get(0).barrier()).isEqualTo("Fr1");
        }

        @Test
        void shouldNormaliseStatusesToTitleCase() {
            EventDetail lower = parseEditedEvent(data -> race(data).put("status", "final"));
            EventDetail upper = parseEditedEvent(data -> race(data).put("status", "OPEN"));

            assertThat(lower.race().status()).isEqualTo("Final");
            assertThat(upper.race().status()).isEqualTo("Open");
        }

        @Test
        void shouldNormaliseRaceSummaryStatusesToTitleCase() {
            Meeting meeting = parseEditedListedMeeting(0, m -> ((ObjectNode) m.path("races").get(0)).put("status", "aBaNdOnEd"));

            assertThat(meeting.races().get(0).status()).isEqualTo("Abandoned");
        }

        @Test
        void shouldReadEntrantsWhenTheRunnersKeyIsAbsent() {
            EventDetail event = parseEditedEvent(data -> data.set("entrants", data.remove("runners")));

            assertThat(event.runners()).hasSize(8);
            assertThat(event.runners().get(0).name()).isEqualTo("Tickford");
        }

        @Test
        void shouldAcceptNumericStringsAndIntegralFloatsForIntegerFields() {
            EventDetail event = parseEditedEvent(data -> {
                race(data).put("race_number", "1").put("distance", 1700.0).put("entrant_count", " 8 ")
                        .put("advertised_start", "1752713400").put("actual_start", 1752713566.0);
                runner(data, 2).put("runner_number", "3").put("barrier", 6.0);
            });

            assertThat(event.race().raceNumber()).isEqualTo(1);
            assertThat(event.race().distance()).isEqualTo(1700);
            assertThat(event.race().entrantCount()).isEqualTo(8);
            assertThat(event.race().advertisedStart()).isEqualTo(Instant.parse("2025-07-17T00:50:00Z"));
            assertThat(event.race().actualStart()).isEqualTo(Instant.parse("2025-07-17T00:52:46Z"));
            assertThat(event.runners().get(2).runnerNumber()).isEqualTo(3);
            assertThat(event.runners().get(2).barrier()).isEqualTo("6");
        }

        @Test
        void shouldRejectFractionalNumbersForIntegerFieldsNamingTheField() {
            assertThatThrownBy(() -> parseEditedEvent(data -> race(data).put("race_number", 1.5)))
                    .isInstanceOf(TabPayloadException.class)
                    .hasMessageContaining("event " + EVENT_ID)
                    .hasMessageContaining("'race_number'");
        }

        @Test
        void shouldTreatOddsOfZeroAsAbsent() {
            EventDetail event = parseEditedEvent(data -> ((ObjectNode) runner(data, 0).path("odds"))
                    .put("fixed_win", 0).put("pool_place", 0.0));

            Runner tickford = event.runners().get(0);
            assertThat(tickford.odds().fixedWin()).isNull();
            assertThat(tickford.odds().poolPlace()).isNull();
            assertThat(tickford.odds().fixedPlace()).isEqualTo(1.8);
            assertThat(tickford.odds().poolWin()).isEqualTo(4.4);
        }

        @Test
        void shouldReadTheScratchTimeOfAScratchedRunner() {
            // 1752710000 s = 2025-07-16T23:53:20Z
            EventDetail event = parseEditedEvent(data -> runner(data, 7).put("is_scratched", true)
                    .put("is_late_scratched", true).put("scratch_time", 1752710000));

            Runner scratched = event.runners().get(7);
            assertThat(scratched.scratched()).isTrue();
            assertThat(scratched.lateScratched()).isTrue();
            assertThat(scratched.scratchTime()).isEqualTo(Instant.parse("2025-07-16T23:53:20Z"));
        }

        @Test
        void shouldTreatNullAndEmptyRunnerChangeAsAbsent() {
            EventDetail event = parseEditedEvent(data -> {
                runner(data, 0).putNull("runner_change");
                runner(data, 1).putObject("runner_change");
            });

            assertThat(event.runners().get(0).runnerChange()).isNull();
            assertThat(event.runners().get(1).runnerChange()).isNull();
        }

        @Test
        void shouldNameARaceWithoutDescriptionAfterItsNumber() {
            EventDetail event = parseEditedEvent(data -> race(data).remove("description"));

            assertThat(event.race().name()).isEqualTo("Race 1");
        }

        @Test
        void shouldIgnoreUnknownFields() {
            EventDetail event = parseEditedEvent(data -> {
                race(data).put("brand_new_field", "x");
                runner(data, 0).putObject("another_new_block").put("a", 1);
            });

            assertThat(event.runners()).hasSize(8);
        }
    }

    /** Issue 10 item 3: an item that cannot be read is left out with its reason; the rest of the event is used. */
    @Nested
    class OneOddItemLosesOnlyItself {

        private static final String TICKFORD = "61181b8c-a540-43a8-900c-83ebe680e218";

        @Test
        void shouldAcceptAFractionalHoldPercentageAsANumber() {
            EventDetail event = parseEditedEvent(data -> tracker(data, 1).put("hold_percentage", 12.5)
                    .put("bet_percentage", "7.25"));

            assertThat(event.moneyTracker()).hasSize(76);
            assertThat(event.moneyTracker().get(1).holdPercentage()).isEqualTo(12.5);
            assertThat(event.moneyTracker().get(1).betPercentage()).isEqualTo(7.25);
            assertThat(event.problems()).extracting(PayloadProblem::kind).doesNotContain(
                    PayloadProblem.Kind.MONEY_TRACKER_ROW);
        }

        @Test
        void shouldDropAMoneyTrackerRowWithoutEntrantIdAndKeepTheOthers() {
            EventDetail event = parseEditedEvent(data -> tracker(data, 5).remove("entrant_id"));

            assertThat(event.moneyTracker()).hasSize(75);
            assertThat(problemsOf(event, PayloadProblem.Kind.MONEY_TRACKER_ROW)).singleElement().satisfies(p -> {
                assertThat(p.raceId()).isEqualTo(EVENT_ID);
                assertThat(p.reason()).isEqualTo("event " + EVENT_ID
                        + " money_tracker row: required field 'entrant_id' is missing");
            });
            assertEverythingElseRead(event);
        }

        @Test
        void shouldDropAMoneyTrackerRowWhosePercentageIsNotANumber() {
            EventDetail event = parseEditedEvent(data -> tracker(data, 1).put("hold_percentage", "lots"));

            assertThat(event.moneyTracker()).hasSize(75);
            assertThat(problemsOf(event, PayloadProblem.Kind.MONEY_TRACKER_ROW)).singleElement()
                    .satisfies(p -> assertThat(p.reason()).contains("'hold_percentage' should be a number"));
        }

        @Test
        void shouldDropOnlyTheOddsValueOfTheWrongTypeAndKeepTheRunner() {
            EventDetail event = parseEditedEvent(data -> ((ObjectNode) runner(data, 0).path("odds"))
                    .putObject("fixed_win").put("price", 5));

            Runner tickford = event.runners().get(0);
            assertThat(event.runners()).hasSize(8);
            assertThat(tickford.odds().fixedWin()).isNull();
            assertThat(tickford.odds().fixedPlace()).isEqualTo(1.8);
            assertThat(tickford.odds().poolWin()).isEqualTo(4.4);
            assertThat(tickford.odds().poolPlace()).isEqualTo(1.5);
            assertThat(problemsOf(event, PayloadProblem.Kind.RUNNER_ODDS)).singleElement()
                    .satisfies(p -> assertThat(p.reason()).isEqualTo("event " + EVENT_ID + " runner " + TICKFORD
                            + " odds: field 'fixed_win' should be a number but is object"));
            assertEverythingElseRead(event);
        }

        @Test
        void shouldDropAnOddsFieldThatIsNotAnObject() {
            EventDetail event = parseEditedEvent(data -> runner(data, 0).put("odds", "SUSPENDED"));

            assertThat(event.runners().get(0).odds()).isEqualTo(nz.raceday.ingest.tab.model.Odds.NONE);
            assertThat(event.runners().get(0).name()).isEqualTo("Tickford");
            assertThat(problemsOf(event, PayloadProblem.Kind.RUNNER_ODDS)).singleElement()
                    .satisfies(p -> assertThat(p.reason()).contains("field 'odds' should be an object but is string"));
        }

        @Test
        void shouldDropAnOptionalRunnerFieldOfTheWrongTypeAndKeepTheRunner() {
            EventDetail event = parseEditedEvent(data -> runner(data, 0).putArray("jockey").add("Kate"));

            assertThat(event.runners().get(0).jockey()).isNull();
            assertThat(event.runners().get(0).odds().fixedWin()).isEqualTo(5.0);
            assertThat(problemsOf(event, PayloadProblem.Kind.RUNNER_FIELD)).singleElement()
                    .satisfies(p -> assertThat(p.reason()).contains("runner " + TICKFORD).contains("'jockey'"));
        }

        @Test
        void shouldDropARunnerWithoutEntrantIdAndKeepTheOtherRunners() {
            EventDetail event = parseEditedEvent(data -> runner(data, 2).remove("entrant_id"));

            assertThat(event.runners()).hasSize(7);
            assertThat(event.runners()).extracting(Runner::runnerNumber).containsExactly(1, 2, 4, 5, 6, 7, 8);
            assertThat(problemsOf(event, PayloadProblem.Kind.RUNNER)).singleElement()
                    .satisfies(p -> assertThat(p.reason()).contains("'entrant_id' is missing"));
        }

        @Test
        void shouldDropARunnerWhoseScratchingFlagCannotBeRead() {
            EventDetail event = parseEditedEvent(data -> runner(data, 7).put("is_scratched", "maybe"));

            assertThat(event.runners()).hasSize(7);
            assertThat(problemsOf(event, PayloadProblem.Kind.RUNNER)).singleElement()
                    .satisfies(p -> assertThat(p.reason()).contains("'is_scratched' should be a boolean"));
        }

        @Test
        void shouldDropAPoolOfAnUnknownProductAndKeepTheOtherPools() {
            EventDetail event = parseEditedEvent(data -> ((ArrayNode) data.path("tote_pools")).addObject()
                    .put("product_type", "Swinger").put("total", 120.5).put("status", "OPEN"));

            assertThat(event.pools()).hasSize(6).extracting(TotePool::productType)
                    .containsExactly("Trifecta", "Place", "FirstFour", "Quinella", "Win", "EarlyQuadrella");
            assertThat(problemsOf(event, PayloadProblem.Kind.TOTE_POOL)).singleElement()
                    .satisfies(p -> assertThat(p.reason()).isEqualTo("event " + EVENT_ID
                            + " tote pool: unknown pool product 'Swinger'"));
            assertThat(event.moneyTracker()).as("money flow still computed").hasSize(76);
        }

        @Test
        void shouldKeepAPoolOfAnUnknownNameThatListsItsLegsAsMultiRace() {
            EventDetail event = parseEditedEvent(data -> {
                ObjectNode pool = ((ArrayNode) data.path("tote_pools")).addObject().put("product_type", "SuperSix")
                        .put("total", 900.0);
                pool.putArray("tote_treble").addArray().add(1).add(2).add(3);
            });

            assertThat(event.pools()).hasSize(7);
            assertThat(event.pools().get(6).multiRace()).isTrue();
            assertThat(problemsOf(event, PayloadProblem.Kind.TOTE_POOL)).isEmpty();
        }

        @Test
        void shouldNotComputeMoneyFlowWhenTheWinPoolCannotBeRead() {
            // pool 4 is Win (9151.38): without it every runner's amount would be stored as 0
            EventDetail event = parseEditedEvent(data -> ((ObjectNode) data.path("tote_pools").get(4))
                    .put("total", "n/a"));

            assertThat(event.pools()).extracting(TotePool::productType).doesNotContain("Win").hasSize(5);
            assertThat(event.moneyTracker()).isNull();
            assertThat(event.problems()).extracting(PayloadProblem::kind).contains(PayloadProblem.Kind.TOTE_POOL,
                    PayloadProblem.Kind.MONEY_TRACKER);
            assertThat(event.runners()).hasSize(8);
        }

        @Test
        void shouldDropADividendWithoutProductName() {
            EventDetail event = parseEditedEvent(data -> ((ObjectNode) data.path("dividends").get(0))
                    .remove("product_name"));

            assertThat(event.dividends()).hasSize(TabFixtures.readTree(EVENT).path("data").path("dividends").size() - 1);
            assertThat(problemsOf(event, PayloadProblem.Kind.DIVIDEND)).singleElement()
                    .satisfies(p -> assertThat(p.reason()).contains("'product_name' is missing"));
        }

        @Test
        void shouldTreatResultsThatAreNotAnArrayAsAbsent() {
            EventDetail event = parseEditedEvent(data -> data.put("results", "pending"));

            assertThat(event.results()).isEmpty();
            assertThat(problemsOf(event, PayloadProblem.Kind.RESULTS)).hasSize(1);
            assertThat(event.dividends()).isNotEmpty();
        }

        @Test
        void shouldDropAnOptionalRaceFieldOfTheWrongTypeAndKeepTheRace() {
            EventDetail event = parseEditedEvent(data -> race(data).put("distance", "far").putObject("weather"));

            assertThat(event.race().distance()).isNull();
            assertThat(event.race().weather()).isNull();
            assertThat(event.race().trackCondition()).isEqualTo("Synthetic");
            assertThat(problemsOf(event, PayloadProblem.Kind.RACE_FIELD)).extracting(PayloadProblem::reason)
                    .containsExactly("event " + EVENT_ID + " data.race: field 'distance' should be a whole number but "
                            + "is string", "event " + EVENT_ID + " data.race: field 'weather' should be text but is "
                            + "object");
        }

        @Test
        void shouldFailAnEventWithoutRunners() {
            assertThatThrownBy(() -> parseEditedEvent(data -> data.remove("runners")))
                    .isInstanceOf(TabPayloadException.class)
                    .hasMessage("event " + EVENT_ID + ": required field 'data.runners' is missing");
        }

        @Test
        void shouldFailAnEventNoneOfWhoseRunnersCanBeRead() {
            assertThatThrownBy(() -> parseEditedEvent(data -> data.path("runners")
                    .forEach(r -> ((ObjectNode) r).remove("name"))))
                    .isInstanceOf(TabPayloadException.class)
                    .hasMessageContaining("event " + EVENT_ID + ": no runner could be read")
                    .hasMessageContaining("'name' is missing");
        }

        @Test
        void shouldReportProblemsToTheParsersReporter() {
            PayloadProblems reporter = new PayloadProblems();
            TabPayloadParser reporting = new TabPayloadParser(reporter);
            ObjectNode edited = (ObjectNode) TabFixtures.readTree(EVENT).deepCopy();
            tracker((ObjectNode) edited.path("data"), 5).remove("entrant_id");

            reporting.parseEvent(bytes(edited), EVENT_ID);

            assertThat(reporter.count(PayloadProblem.Kind.MONEY_TRACKER_ROW)).isEqualTo(1);
        }

        private void assertEverythingElseRead(EventDetail event) {
            assertThat(event.raceId()).isEqualTo(EVENT_ID);
            assertThat(event.runners()).hasSize(8);
            assertThat(event.pools()).hasSize(6);
            assertThat(event.results()).isNotEmpty();
            assertThat(event.dividends()).isNotEmpty();
        }
    }

    /** Issue 10 item 4(b): the runners' hold percentages should sum to 100 ± 5; outside, the poll has a problem. */
    @Nested
    class HoldSum {

        @Test
        void shouldReportTheRecordedEventWhoseRunnersHoldNinetyThreePercent() {
            // 101 % over all 11 tracker ids; the 3 ids that are not runners hold 8 %, so the runners hold 93 %
            EventDetail event = parser.parseEvent(TabFixtures.read(EVENT), EVENT_ID);

            assertThat(problemsOf(event, PayloadProblem.Kind.HOLD_SUM)).singleElement()
                    .satisfies(p -> assertThat(p.reason()).isEqualTo("event " + EVENT_ID
                            + " money_tracker: the runners' hold percentages sum to 93, outside 100 ± 5"));
            assertThat(event.moneyTracker()).as("nothing dropped or normalised").hasSize(76)
                    .extracting(MoneyTrackerRow::holdPercentage).contains(9.0, 4.0);
        }

        @Test
        void shouldAcceptSumsWithinFivePointsOfOneHundred() {
            assertThat(holdSumProblems(100)).isEmpty();
            assertThat(holdSumProblems(95)).isEmpty();
            assertThat(holdSumProblems(105)).isEmpty();
        }

        @Test
        void shouldReportSumsOutsideFivePointsOfOneHundred() {
            assertThat(holdSumProblems(94.5)).singleElement().asString().contains("sum to 94.5, outside 100 ± 5");
            assertThat(holdSumProblems(105.25)).singleElement().asString().contains("sum to 105.25");
            assertThat(holdSumProblems(160)).hasSize(1);
        }

        @Test
        void shouldNotReportATrackerWhoseRunnersHoldNothingYet() {
            assertThat(holdSumProblems(0)).isEmpty();
        }

        /**
         * The recorded event with its tracker replaced: one row per runner, the first runner holding
         * {@code sum - 7 × 10} and the seven others 10 each, plus a row of 20 for an entrant that is not a runner
         * (which must not count).
         */
        private List<PayloadProblem> holdSumProblems(double sum) {
            EventDetail event = parseEditedEvent(data -> {
                ArrayNode rows = ((ObjectNode) data.path("money_tracker")).putArray("entrants");
                List<String> ids = ids(data.path("runners"), "entrant_id");
                for (int i = 0; i < ids.size(); i++) {
                    double hold = sum == 0 ? 0 : i == 0 ? sum - 70 : 10;
                    rows.addObject().put("entrant_id", ids.get(i)).put("hold_percentage", hold).put("bet_percentage", 0);
                }
                rows.addObject().put("entrant_id", "not-a-runner").put("hold_percentage", 20).put("bet_percentage", 0);
            });
            return problemsOf(event, PayloadProblem.Kind.HOLD_SUM);
        }
    }

    @Nested
    class UnusablePayloads {

        @Test
        void shouldRejectAnHtmlBodyAsNotJson() {
            byte[] html = "<html><body>502 Bad Gateway</body></html>".getBytes(StandardCharsets.UTF_8);

            assertThatThrownBy(() -> parser.parseEvent(html, EVENT_ID))
                    .isInstanceOf(TabPayloadException.class)
                    .hasMessageStartingWith("event " + EVENT_ID)
                    .hasMessageContaining("not valid JSON");
            assertThatThrownBy(() -> parser.parseMeetingsPage(html))
                    .isInstanceOf(TabPayloadException.class)
                    .hasMessageStartingWith("meetings list")
                    .hasMessageContaining("not valid JSON");
        }

        @Test
        void shouldRejectAnEmptyBody() {
            assertThatThrownBy(() -> parser.parseEvent(new byte[0], EVENT_ID))
                    .isInstanceOf(TabPayloadException.class)
                    .hasMessage("event " + EVENT_ID + ": empty response body");
            assertThatThrownBy(() -> parser.parseMeetingsPage(null))
                    .isInstanceOf(TabPayloadException.class)
                    .hasMessage("meetings list: empty response body");
        }

        @Test
        void shouldRejectJsonThatIsNotAnObject() {
            assertThatThrownBy(() -> parser.parseEvent("[]".getBytes(StandardCharsets.UTF_8), EVENT_ID))
                    .isInstanceOf(TabPayloadException.class)
                    .hasMessageContaining("not a JSON object");
        }

        @Test
        void shouldRejectAnEventWithoutDataRace() {
            assertThatThrownBy(() -> parseEditedEvent(data -> data.remove("race")))
                    .isInstanceOf(TabPayloadException.class)
                    .hasMessageContaining("event " + EVENT_ID)
                    .hasMessageContaining("'race'")
                    .hasMessageContaining("missing");
        }

        @Test
        void shouldRejectAnEventWithoutEventId() {
            assertThatThrownBy(() -> parseEditedEvent(data -> race(data).remove("event_id")))
                    .isInstanceOf(TabPayloadException.class)
                    .hasMessageContaining("event " + EVENT_ID + " data.race")
                    .hasMessageContaining("'event_id' is missing");
        }

        @Test
        void shouldRejectAnEventWithoutAdvertisedStart() {
            assertThatThrownBy(() -> parseEditedEvent(data -> race(data).remove("advertised_start")))
                    .isInstanceOf(TabPayloadException.class)
                    .hasMessageContaining("event " + EVENT_ID)
                    .hasMessageContaining("'advertised_start' is missing");
        }

        @Test
        void shouldRejectAnEventWithoutStatus() {
            assertThatThrownBy(() -> parseEditedEvent(data -> race(data).put("status", "")))
                    .isInstanceOf(TabPayloadException.class)
                    .hasMessageContaining("event " + EVENT_ID)
                    .hasMessageContaining("'status' is missing");
        }

        @Test
        void shouldRejectAPayloadForAnotherRace() {
            String requested = "11111111-2222-3333-4444-555555555555";

            assertThatThrownBy(() -> parser.parseEvent(TabFixtures.read(EVENT), requested))
                    .isInstanceOf(TabPayloadException.class)
                    .hasMessageContaining("event " + requested)
                    .hasMessageContaining("payload is for race " + EVENT_ID);
        }

        @Test
        void shouldRejectAMeetingsPageWithoutDataMeetings() {
            ObjectNode page = (ObjectNode) TabFixtures.readTree(MEETINGS_LIST).deepCopy();
            ((ObjectNode) page.path("data")).remove("meetings");

            assertThatThrownBy(() -> parser.parseMeetingsPage(bytes(page)))
                    .isInstanceOf(TabPayloadException.class)
                    .hasMessage("meetings list: required field 'data.meetings' is missing");
        }

        @Test
        void shouldRejectTheRecordedResponsesThatAreNotMeetingsLists() {
            for (String other : List.of("races-list-2025-07-17.json", "extras-list-2025-07-17.json",
                    "extras-meeting-addington-2025-07-17.json")) {
                assertThatThrownBy(() -> parser.parseMeetingsPage(TabFixtures.read(other)))
                        .as(other)
                        .isInstanceOf(TabPayloadException.class)
                        .hasMessageContaining("'data.meetings'");
            }
        }

        @Test
        void shouldAcceptAnEmptyMeetingsDay() {
            ObjectNode page = (ObjectNode) TabFixtures.readTree(MEETINGS_LIST).deepCopy();
            ((ObjectNode) page.path("data")).putArray("meetings");

            assertThat(parser.parseMeetingsPage(bytes(page)).meetings()).isEmpty();
        }

        @Test
        void shouldFailAMeetingWithoutDateNamingTheMeeting() {
            JsonNode json = meetingsOf(TabFixtures.readTree(MEETINGS_LIST)).get(0);

            assertThatThrownBy(() -> parseEditedListedMeeting(0, m -> m.remove("date")))
                    .isInstanceOf(TabPayloadException.class)
                    .hasMessageContaining("meeting " + json.path("name").asText())
                    .hasMessageContaining(json.path("meeting").asText())
                    .hasMessageContaining("'date' is missing");
        }

        @Test
        void shouldReportARaceWithoutStartTimeAndStillReadTheOtherRaces() {
            JsonNode json = meetingsOf(TabFixtures.readTree(MEETINGS_LIST)).get(0);
            String brokenRace = json.path("races").get(1).path("id").asText();

            Meeting meeting = parseEditedListedMeeting(0, m -> ((ObjectNode) m.path("races").get(1)).remove("start_time"));

            assertThat(meeting.raceProblems()).singleElement().satisfies(problem -> {
                assertThat(problem.raceId()).isEqualTo(brokenRace);
                assertThat(problem.reason()).contains(brokenRace).contains("'start_time' is missing");
            });
            assertThat(meeting.races()).extracting(RaceSummary::raceId)
                    .hasSize(json.path("races").size() - 1)
                    .doesNotContain(brokenRace);
        }

        @Test
        void shouldReportARaceWithANonIsoStartTime() {
            Meeting meeting = parseEditedListedMeeting(0,
                    m -> ((ObjectNode) m.path("races").get(0)).put("start_time", "2025-07-16 14:15:00 +0000 UTC"));

            assertThat(meeting.raceProblems()).singleElement()
                    .satisfies(problem -> assertThat(problem.reason()).contains("'start_time' is not an ISO-8601 instant"));
        }

        @Test
        void shouldReportAnOutOfRangeDistanceAsARaceProblem() {
            Meeting meeting = parseEditedListedMeeting(0,
                    m -> ((ObjectNode) m.path("races").get(0)).put("distance", 3_000_000_000L));

            assertThat(meeting.raceProblems()).singleElement()
                    .satisfies(problem -> assertThat(problem.reason()).contains("'distance'"));
        }
    }

    // ---- helpers

    private Meeting parseListedMeeting(int index) {
        MeetingsPage page = parser.parseMeetingsPage(TabFixtures.read(MEETINGS_LIST));
        return parser.parseMeeting(page.meetings().get(index), page.generatedTime());
    }

    private Meeting parseEditedListedMeeting(int index, Consumer<ObjectNode> edit) {
        ObjectNode page = (ObjectNode) TabFixtures.readTree(MEETINGS_LIST).deepCopy();
        edit.accept((ObjectNode) page.path("data").path("meetings").get(index));
        MeetingsPage parsed = parser.parseMeetingsPage(bytes(page));
        return parser.parseMeeting(parsed.meetings().get(index), parsed.generatedTime());
    }

    private EventDetail parseEditedEvent(Consumer<ObjectNode> editData) {
        ObjectNode event = (ObjectNode) TabFixtures.readTree(EVENT).deepCopy();
        editData.accept((ObjectNode) event.path("data"));
        return parser.parseEvent(bytes(event), EVENT_ID);
    }

    private static ObjectNode race(ObjectNode data) {
        return (ObjectNode) data.path("race");
    }

    private static ObjectNode tracker(ObjectNode data, int index) {
        return (ObjectNode) data.path("money_tracker").path("entrants").get(index);
    }

    private static List<PayloadProblem> problemsOf(EventDetail event, PayloadProblem.Kind kind) {
        return event.problems().stream().filter(p -> p.kind() == kind).toList();
    }

    private static ObjectNode runner(ObjectNode data, int index) {
        return (ObjectNode) data.path("runners").get(index);
    }

    private static List<JsonNode> meetingsOf(JsonNode envelope) {
        List<JsonNode> meetings = new ArrayList<>();
        envelope.path("data").path("meetings").forEach(meetings::add);
        return meetings;
    }

    private static List<String> ids(JsonNode array, String field) {
        List<String> ids = new ArrayList<>();
        array.forEach(item -> ids.add(item.path(field).asText()));
        return ids;
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
