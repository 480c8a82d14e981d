package nz.raceday.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line of {@code simulate}: every option, durations, rates, and usage errors with their reason. */
class SimulatorOptionsTest {

    @Test
    void shouldUseTheDefaultsWithoutOptions() {
        SimulatorOptions options = SimulatorOptions.parse(List.of());

        assertThat(options).isEqualTo(new SimulatorOptions.Run(SimulatorSettings.defaults(), false, 0));
    }

    @Test
    void shouldReadEveryOption() {
        SimulatorOptions options = SimulatorOptions.parse(List.of("--meetings", "30", "--races", "10", "--runners",
                "12", "--first-start", "3m", "--spacing", "90s", "--latency", "50ms", "--error-rate", "0.1",
                "--timeout-rate", "0.05", "--throttle-rate", "0.02", "--malformed-rate", "0.02", "--timeout-hold",
                "20s", "--seed", "7", "--port", "8099", "--api-only", "--other-meetings", "3", "--closed-for", "30s",
                "--interim-for", "2m", "--form-depth", "4", "--retry-after", "2", "--throttle-burst", "3"));

        assertThat(options).isInstanceOf(SimulatorOptions.Run.class);
        SimulatorOptions.Run run = (SimulatorOptions.Run) options;
        assertThat(run.apiOnly()).isTrue();
        assertThat(run.port()).isEqualTo(8099);
        assertThat(run.settings()).isEqualTo(SimulatorSettings.builder().meetings(30).racesPerMeeting(10)
                .runnersPerRace(12).firstStart(Duration.ofMinutes(3)).spacing(Duration.ofSeconds(90))
                .latency(Duration.ofMillis(50)).errorRate(0.1).timeoutRate(0.05).throttleRate(0.02)
                .malformedRate(0.02).timeoutHold(Duration.ofSeconds(20)).seed(7).otherMeetings(3)
                .closedFor(Duration.ofSeconds(30)).interimFor(Duration.ofMinutes(2)).formDepth(4).retryAfterSeconds(2)
                .throttleBurst(3).build());
    }

    @Test
    void shouldAcceptValuesAfterAnEqualsSignAndRatesAsPercentages() {
        SimulatorOptions.Run run = (SimulatorOptions.Run) SimulatorOptions.parse(List.of("--seed=-3",
                "--error-rate=10%", "--latency=1h"));

        assertThat(run.settings().seed()).isEqualTo(-3);
        assertThat(run.settings().errorRate()).isEqualTo(0.1);
        assertThat(run.settings().latency()).isEqualTo(Duration.ofHours(1));
    }

    @ParameterizedTest
    @CsvSource({"250ms,PT0.25S", "90s,PT1M30S", "3m,PT3M", "1h,PT1H", "0s,PT0S"})
    void shouldParseDurationsWithAUnit(String text, String expected) {
        assertThat(SimulatorOptions.parseDuration(text)).isEqualTo(Duration.parse(expected));
    }

    @Test
    void shouldRejectADurationWithoutAUnit() {
        assertThatThrownBy(() -> SimulatorOptions.parseDuration("90"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("250ms, 90s, 3m or 1h");
    }

    @Test
    void shouldAnswerHelpWhereverItIsAsked() {
        assertThat(SimulatorOptions.parse(List.of("--help"))).isInstanceOf(SimulatorOptions.Help.class);
        assertThat(SimulatorOptions.parse(List.of("--meetings", "3", "--help")))
                .isInstanceOf(SimulatorOptions.Help.class);
        assertThat(SimulatorOptions.parse(List.of("-h"))).isInstanceOf(SimulatorOptions.Help.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--bogus|unknown option '--bogus' for simulate",
        "meetings|unexpected argument 'meetings'",
        "--meetings|--meetings needs a value",
        "--meetings --races 3|--meetings needs a value",
        "--meetings x|--meetings needs a whole number, got 'x'",
        "--meetings 0|--meetings must be between 1 and 200, got 0",
        "--other-meetings 300|--other-meetings must be between 0 and 200, got 300",
        "--races 99|--races must be between 1 and 30, got 99",
        "--spacing 90|--spacing needs a duration such as 250ms, 90s, 3m or 1h, got '90'",
        "--spacing 1500ms|--spacing must be whole seconds",
        "--error-rate 2|--error-rate must be between 0 and 1 (0%..100%), got '2'",
        "--error-rate lots|--error-rate needs a share between 0 and 1 (0.05) or a percentage (5%), got 'lots'",
        "--error-rate 0.6 --timeout-rate 0.6|the fault rates together",
        "--port 70000|--port must be between 0 and 65535, got 70000",
        "--seed 1 --seed 2|option --seed is given more than once",
        "--api-only=yes|--api-only takes no value",
    })
    void shouldRejectBadUsageWithTheReason(String args, String reason) {
        SimulatorOptions options = SimulatorOptions.parse(List.of(args.split(" ")));

        assertThat(options).isInstanceOf(SimulatorOptions.Invalid.class);
        assertThat(((SimulatorOptions.Invalid) options).reason()).contains(reason);
    }

    @Test
    void shouldDescribeEveryOptionWithItsDefaultInTheUsage() {
        for (String option : List.of("--meetings", "--other-meetings", "--races", "--runners", "--first-start",
                "--spacing", "--closed-for", "--interim-for", "--form-depth", "--seed", "--latency", "--error-rate",
                "--timeout-rate", "--throttle-rate", "--malformed-rate", "--timeout-hold", "--retry-after",
                "--throttle-burst", "--port", "--api-only", "--help")) {
            assertThat(SimulatorOptions.USAGE).contains("  " + option + " ");
        }
        assertThat(SimulatorOptions.USAGE)
                .contains("races per meeting (default 4)")
                .contains("runners per race (default 8)")
                .contains("(default 3m)")
                .contains("(default 90s)")
                .contains("(default 20s)")
                .contains("(default 42)")
                .contains("250ms, 90s, 3m or 1h");
    }
}
