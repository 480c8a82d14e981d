package nz.raceday.ingest.polling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cadence as a pure function of status, advertised start and time, with the defaults of issue 4:
 * 60m:5m, 20m:2m, 10m:1m, 5m:15s; 15 s while still Open after the start; 30 s Closed/Interim; 5 min after the jump
 * otherwise; no polls later than 120 min after the advertised start. Expected instants are written by hand as
 * offsets from the advertised start ("T-4:45" = 4 min 45 s before it).
 */
class PollingCadenceTest {

    private static final Instant START = Instant.parse("2025-07-17T00:50:00Z");

    private final PollingCadence cadence = PollingCadence.defaults();

    static Instant t(String offset) {
        return RaceTimes.at(START, offset);
    }

    static Instant t(Instant start, String offset) {
        return RaceTimes.at(start, offset);
    }

    @Nested
    class WhileOpen {

        @ParameterizedTest(name = "Open, previous {0} -> next {1}")
        @CsvSource({
            // before the window: the window's first point
            "T-90:00, T-60:00",
            "T-61:00, T-60:00",
            // 5-minute band T-60 .. T-20
            "T-60:00, T-55:00",
            "T-55:00, T-50:00",
            "T-25:00, T-20:00",
            "T-22:00, T-20:00",
            // 2-minute band T-20 .. T-10
            "T-20:00, T-18:00",
            "T-18:00, T-16:00",
            "T-12:00, T-10:00",
            "T-11:00, T-10:00",
            // 1-minute band T-10 .. T-5
            "T-10:00, T-9:00",
            "T-6:00, T-5:00",
            "T-5:30, T-5:00",
            // 15-second band T-5 .. the jump
            "T-5:00, T-4:45",
            "T-4:45, T-4:30",
            "T-1:00, T-0:45",
            "T-0:15, T-0",
            "T-0:07, T-0",
            // still Open at or after the advertised start (delayed jump): every 15 s from the start itself
            "T-0, T+0:15",
            "T+0:15, T+0:30",
            "T+2:00, T+2:15",
            "T+2:07, T+2:15",
            "T+60:00, T+60:15",
        })
        void shouldPlanTheNextGridPointOfTheDefaultTable(String previous, String expected) {
            assertThat(cadence.nextPoll("Open", START, t(previous))).contains(t(expected));
        }

        @ParameterizedTest(name = "Open, off-grid {0} -> next {1}")
        @CsvSource({
            "T-37:30, T-35:00",
            "T-59:59, T-55:00",
            "T-20:01, T-20:00",
            "T-19:59, T-18:00",
            "T-13:10, T-12:00",
            "T-9:59, T-9:00",
            "T-9:00, T-8:00",
            "T-4:50, T-4:45",
            "T-4:44, T-4:30",
        })
        void shouldSnapAnOffGridInstantToTheNextGridPoint(String previous, String expected) {
            assertThat(cadence.nextPoll("Open", START, t(previous))).contains(t(expected));
        }

        @Test
        void shouldMatchStatusesCaseInsensitively() {
            assertThat(cadence.nextPoll("OPEN", START, t("T-60:00"))).contains(t("T-55:00"));
            assertThat(cadence.nextPoll("open", START, t("T+1:00"))).contains(t("T+1:15"));
        }

        @Test
        void shouldTreatAMissingStatusAsOpen() {
            assertThat(cadence.nextPoll(null, START, t("T-12:00"))).contains(t("T-10:00"));
            assertThat(cadence.nextPoll("", START, t("T+0"))).contains(t("T+0:15"));
        }

        @Test
        void shouldMoveTheGridWithAMovedStart() {
            Instant movedStart = START.plus(Duration.ofMinutes(7));

            // T-12 of the old start is T-19 of the new one: the 2-minute band of the new grid
            assertThat(cadence.nextPoll("Open", movedStart, t("T-12:00"))).contains(t(movedStart, "T-18:00"));
            // the old jump is T-7 of the new start: 1-minute band, T-6
            assertThat(cadence.nextPoll("Open", movedStart, START)).contains(t(movedStart, "T-6:00"));
            // a start brought forward: the old T-10 is 3 min after the new start, still Open → 15 s grid from it
            Instant earlier = START.minus(Duration.ofMinutes(13));
            assertThat(cadence.nextPoll("Open", earlier, t("T-10:00"))).contains(t(earlier, "T+3:15"));
        }
    }

    @Nested
    class AfterTheJump {

        @ParameterizedTest(name = "{0} -> previous + 30 s")
        @ValueSource(strings = {"Closed", "Interim", "CLOSED", "interim"})
        void shouldPollClosedAndInterimEveryThirtySeconds(String status) {
            assertThat(cadence.nextPoll(status, START, t("T+0:10"))).contains(t("T+0:40"));
            assertThat(cadence.nextPoll(status, START, t("T+3:07"))).contains(t("T+3:37"));
        }

        @Test
        void shouldPollClosedEveryThirtySecondsEvenBeforeTheAdvertisedStart() {
            // TAB closed betting early: not the pre-jump grid any more
            assertThat(cadence.nextPoll("Closed", START, t("T-2:00"))).contains(t("T-1:30"));
        }

        /** Running (and Live) are the race being run, like Closed: 30 s (domain-spec §7.2, frontend-contract §3.1). */
        @ParameterizedTest(name = "{0} -> previous + 30 s")
        @ValueSource(strings = {"Running", "running", "Live"})
        void shouldPollRunningLikeClosed(String status) {
            assertThat(cadence.nextPoll(status, START, t("T+1:00"))).contains(t("T+1:30"));
        }

        @Test
        void shouldTreatAnUnknownStatusLikeOpenBeforeTheStartAndAtTheAfterJumpIntervalAfterIt() {
            assertThat(cadence.nextPoll("Postponed", START, t("T-30:00"))).contains(t("T-25:00"));
            assertThat(cadence.nextPoll("Postponed", START, t("T+1:00"))).contains(t("T+6:00"));
        }

        @ParameterizedTest(name = "{0} stops polling")
        @ValueSource(strings = {"Final", "final", "FINAL", "Finalized", "finalized", "Abandoned", "abandoned"})
        void shouldStopAtATerminalStatus(String status) {
            assertThat(cadence.nextPoll(status, START, t("T+2:00"))).isEmpty();
            assertThat(cadence.nextPoll(status, START, t("T-30:00"))).isEmpty();
        }
    }

    @Nested
    class GivingUp {

        @Test
        void shouldStillPollExactlyAtTheGiveUpTime() {
            assertThat(cadence.nextPoll("Closed", START, t("T+119:30"))).contains(t("T+120:00"));
            assertThat(cadence.nextPoll("Open", START, t("T+119:50"))).contains(t("T+120:00"));
        }

        @Test
        void shouldNotPlanAPollPastTheGiveUpTime() {
            assertThat(cadence.nextPoll("Closed", START, t("T+119:45"))).isEmpty();
            assertThat(cadence.nextPoll("Open", START, t("T+120:00"))).isEmpty();
            assertThat(cadence.nextPoll("Postponed", START, t("T+116:00"))).isEmpty();
        }

        @Test
        void shouldNotBeActivePastTheGiveUpTime() {
            assertThat(cadence.isActive("Open", START, t("T+120:00"))).isTrue();
            assertThat(cadence.isActive("Open", START, t("T+120:01"))).isFalse();
            assertThat(cadence.isActive("Final", START, t("T-30:00"))).isFalse();
        }
    }

    @Nested
    class FirstPoll {

        @Test
        void shouldStartAtTheWindowWhenPlannedBeforeIt() {
            assertThat(cadence.firstPoll("Open", START, t("T-180:00"))).contains(t("T-60:00"));
            assertThat(cadence.firstPoll("Open", START, t("T-60:01"))).contains(t("T-60:00"));
        }

        @Test
        void shouldPollAtOnceInsideTheWindow() {
            assertThat(cadence.firstPoll("Open", START, t("T-60:00"))).contains(t("T-60:00"));
            assertThat(cadence.firstPoll("Open", START, t("T-37:30"))).contains(t("T-37:30"));
            assertThat(cadence.firstPoll("Closed", START, t("T+3:00"))).contains(t("T+3:00"));
            assertThat(cadence.firstPoll("Open", START, t("T+120:00"))).contains(t("T+120:00"));
        }

        @ParameterizedTest(name = "{0}: no first poll")
        @ValueSource(strings = {"Final", "final", "Finalized", "Abandoned", "ABANDONED"})
        void shouldNotPollATerminalRace(String status) {
            assertThat(cadence.firstPoll(status, START, t("T-30:00"))).isEmpty();
            assertThat(cadence.firstPoll(status, START, t("T-90:00"))).isEmpty();
        }

        @Test
        void shouldNotPollARaceGivenUp() {
            assertThat(cadence.firstPoll("Open", START, t("T+120:01"))).isEmpty();
            assertThat(cadence.firstPoll("Closed", START, t("T+180:00"))).isEmpty();
        }

        @Test
        void shouldUseTheMovedStartsWindow() {
            Instant moved = START.plus(Duration.ofMinutes(30));
            assertThat(cadence.firstPoll("Open", moved, t("T-70:00"))).contains(t("T-30:00"));
        }
    }

    @Nested
    class Configuration {

        @Test
        void shouldHaveTheIssueDefaults() {
            assertThat(cadence.bands()).containsExactly(
                    new PollingCadence.Band(Duration.ofMinutes(60), Duration.ofMinutes(5)),
                    new PollingCadence.Band(Duration.ofMinutes(20), Duration.ofMinutes(2)),
                    new PollingCadence.Band(Duration.ofMinutes(10), Duration.ofMinutes(1)),
                    new PollingCadence.Band(Duration.ofMinutes(5), Duration.ofSeconds(15)));
            assertThat(cadence.openAfterStart()).isEqualTo(Duration.ofSeconds(15));
            assertThat(cadence.closedInterval()).isEqualTo(Duration.ofSeconds(30));
            assertThat(cadence.afterJumpInterval()).isEqualTo(Duration.ofMinutes(5));
            assertThat(cadence.giveUpAfterStart()).isEqualTo(Duration.ofMinutes(120));
            assertThat(cadence.window()).isEqualTo(Duration.ofMinutes(60));
        }

        @Test
        void shouldParseCustomBands() {
            PollingCadence custom = PollingCadence.parse(" 90m:10m , 30m:3m,2m:30s ", "20s", "45s", "10m", "3h");

            assertThat(custom.window()).isEqualTo(Duration.ofMinutes(90));
            assertThat(custom.firstPoll("Open", START, t("T-120:00"))).contains(t("T-90:00"));
            assertThat(custom.nextPoll("Open", START, t("T-90:00"))).contains(t("T-80:00"));
            // T-30 ends the 10-minute band; 3-minute points T-27 ... T-3, then T-2, 30 s to the jump
            assertThat(custom.nextPoll("Open", START, t("T-40:00"))).contains(t("T-30:00"));
            assertThat(custom.nextPoll("Open", START, t("T-30:00"))).contains(t("T-27:00"));
            assertThat(custom.nextPoll("Open", START, t("T-3:00"))).contains(t("T-2:00"));
            assertThat(custom.nextPoll("Open", START, t("T-2:00"))).contains(t("T-1:30"));
            assertThat(custom.nextPoll("Open", START, t("T-0:30"))).contains(t("T-0"));
            assertThat(custom.nextPoll("Open", START, t("T-0"))).contains(t("T+0:20"));
            assertThat(custom.nextPoll("Closed", START, t("T+1:00"))).contains(t("T+1:45"));
            assertThat(custom.nextPoll("Running", START, t("T+1:00"))).contains(t("T+1:45"));
            assertThat(custom.nextPoll("Postponed", START, t("T+1:00"))).contains(t("T+11:00"));
            assertThat(custom.nextPoll("Closed", START, t("T+179:00"))).contains(t("T+179:45"));
            assertThat(custom.nextPoll("Closed", START, t("T+179:30"))).isEmpty();
        }

        @Test
        void shouldEndABandWhoseIntervalDoesNotDivideItAtTheNextBand() {
            PollingCadence custom = PollingCadence.parse("60m:7m,20m:2m", "15s", "30s", "5m", "120m");

            // T-60, T-53, ... T-25; the next 7-minute point (T-18) would fall into the next band
            assertThat(custom.nextPoll("Open", START, t("T-32:00"))).contains(t("T-25:00"));
            assertThat(custom.nextPoll("Open", START, t("T-25:00"))).contains(t("T-20:00"));
            // the last band ends at the jump itself
            assertThat(custom.nextPoll("Open", START, t("T-2:00"))).contains(t("T-0"));
        }

        @ParameterizedTest(name = "band text ''{0}''")
        @ValueSource(strings = {"60m-5m", "60m", "60m:5m:1m", "60m:5m,,20m:2m", "60m:5m,", "", " "})
        void shouldRejectBandTextThatIsNotFromColonInterval(String bands) {
            assertThatThrownBy(() -> PollingCadence.parse(bands, "15s", "30s", "5m", "120m"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not <from>:<interval>");
        }

        @Test
        void shouldRejectABandWithABadDuration() {
            assertThatThrownBy(() -> PollingCadence.parse("60x:5m", "15s", "30s", "5m", "120m"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("'60x' is not a duration such as 15s, 5m, 2h or 500ms");
        }

        @Test
        void shouldRejectBandsThatDoNotComeEverCloserToTheJump() {
            assertThatThrownBy(() -> PollingCadence.parse("20m:2m,60m:5m", "15s", "30s", "5m", "120m"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("polling bands must start ever closer to the jump");
            assertThatThrownBy(() -> PollingCadence.parse("60m:5m,60m:2m", "15s", "30s", "5m", "120m"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("polling bands must start ever closer to the jump");
        }

        @ParameterizedTest(name = "band ''{0}''")
        @ValueSource(strings = {"60m:0m", "60m:-5m", "0m:5m", "-60m:5m", "60m:5m,20m:0s"})
        void shouldRejectABandWithoutAPositiveStartAndInterval(String bands) {
            assertThatThrownBy(() -> PollingCadence.parse(bands, "15s", "30s", "5m", "120m"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("band needs a positive start and interval");
        }

        @Test
        void shouldRejectZeroOrNegativeIntervals() {
            String bands = "60m:5m";
            assertThatThrownBy(() -> PollingCadence.parse(bands, "0s", "30s", "5m", "120m"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("polling intervals must be positive: PT0S");
            assertThatThrownBy(() -> PollingCadence.parse(bands, "15s", "-30s", "5m", "120m"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("polling intervals must be positive: PT-30S");
            assertThatThrownBy(() -> PollingCadence.parse(bands, "15s", "30s", "0m", "120m"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("polling intervals must be positive");
            assertThatThrownBy(() -> PollingCadence.parse(bands, "15s", "30s", "5m", "0h"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("polling intervals must be positive");
        }

        @Test
        void shouldRejectACadenceWithoutBands() {
            assertThatThrownBy(() -> new PollingCadence(java.util.List.of(), Duration.ofSeconds(15),
                    Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(2)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("polling cadence needs at least one band");
        }

        @Test
        void shouldCompareEqualWhenParsedFromTheSameText() {
            // the planner re-applies the configured cadence every minute and only logs a real change
            assertThat(PollingCadence.parse("60m:5m,20m:2m,10m:1m,5m:15s", "15s", "30s", "5m", "120m"))
                    .isEqualTo(PollingCadence.defaults());
            assertThat(PollingCadence.parse("60m:5m,20m:2m,10m:1m,5m:15s", "15s", "30s", "5m", "2h"))
                    .isEqualTo(PollingCadence.defaults());
        }
    }

    @Nested
    class Durations {

        @ParameterizedTest(name = "''{0}'' = {1} ms")
        @CsvSource({
            "500ms, 500",
            "15s, 15000",
            "5m, 300000",
            "2h, 7200000",
            "' 5M ', 300000",
            "2H, 7200000",
            "0s, 0",
            "1h30m, 5400000",
        })
        void shouldParseMillisSecondsMinutesAndHours(String text, long millis) {
            assertThat(PollingCadence.duration(text)).isEqualTo(Duration.ofMillis(millis));
        }

        @ParameterizedTest(name = "''{0}''")
        @ValueSource(strings = {"abc", "", " ", "5", "m", "ms", "5d", "1.5m", "5 m", "five minutes", "15sec"})
        void shouldRejectGarbage(String text) {
            assertThatThrownBy(() -> PollingCadence.duration(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("'" + text + "' is not a duration such as 15s, 5m, 2h or 500ms");
        }
    }
}
