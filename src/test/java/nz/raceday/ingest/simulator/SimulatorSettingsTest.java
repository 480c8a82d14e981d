package nz.raceday.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The simulator's knobs: defaults for a 15-minute day and validation with clear messages. */
class SimulatorSettingsTest {

    @Test
    void shouldDefaultToAFifteenMinuteDayWithoutLatencyOrFaults() {
        SimulatorSettings settings = SimulatorSettings.defaults();

        assertThat(settings.meetings()).isEqualTo(2);
        assertThat(settings.otherMeetings()).isEqualTo(2);
        assertThat(settings.racesPerMeeting()).isEqualTo(4);
        assertThat(settings.runnersPerRace()).isEqualTo(8);
        assertThat(settings.firstStart()).isEqualTo(Duration.ofMinutes(3));
        assertThat(settings.spacing()).isEqualTo(Duration.ofSeconds(90));
        assertThat(settings.closedFor()).isEqualTo(Duration.ofSeconds(45));
        assertThat(settings.interimFor()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.latency()).isZero();
        assertThat(settings.totalFaultRate()).isZero();
        assertThat(settings.timeoutHold()).isEqualTo(Duration.ofSeconds(20));
        assertThat(settings.retryAfterSeconds()).isEqualTo(1);
        assertThat(settings.throttleBurst()).isEqualTo(5);
        assertThat(settings.formDepth()).isEqualTo(12);
        assertThat(settings.seed()).isEqualTo(42);
    }

    @Test
    void shouldBuildVariantsWithoutChangingTheOriginal() {
        SimulatorSettings base = SimulatorSettings.defaults();

        SimulatorSettings variant = base.toBuilder().meetings(30).racesPerMeeting(10).runnersPerRace(12)
                .latency(Duration.ofMillis(50)).build();

        assertThat(variant.meetings()).isEqualTo(30);
        assertThat(variant.latency()).isEqualTo(Duration.ofMillis(50));
        assertThat(base).isEqualTo(SimulatorSettings.defaults());
        assertThat(base.withSeed(7).seed()).isEqualTo(7);
        assertThat(base.withFaultRates(0.1, 0.05, 0.02, 0.02).totalFaultRate()).isCloseTo(0.19,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(SimulatorSettings.builder().build()).isEqualTo(base);
    }

    static Stream<Arguments> invalidSettings() {
        return Stream.of(
                Arguments.of((UnaryOperator<SimulatorSettings.Builder>) b -> b.meetings(0),
                        "meetings must be between 1 and 200, got 0"),
                Arguments.of((UnaryOperator<SimulatorSettings.Builder>) b -> b.otherMeetings(-1),
                        "otherMeetings must be between 0 and 200, got -1"),
                Arguments.of((UnaryOperator<SimulatorSettings.Builder>) b -> b.racesPerMeeting(31),
                        "racesPerMeeting must be between 1 and 30, got 31"),
                Arguments.of((UnaryOperator<SimulatorSettings.Builder>) b -> b.runnersPerRace(1),
                        "runnersPerRace must be between 2 and 24, got 1"),
                Arguments.of((UnaryOperator<SimulatorSettings.Builder>) b -> b.firstStart(Duration.ofSeconds(-1)),
                        "firstStart must not be negative"),
                Arguments.of((UnaryOperator<SimulatorSettings.Builder>) b -> b.spacing(Duration.ofMillis(1500)),
                        "spacing must be whole seconds"),
                Arguments.of((UnaryOperator<SimulatorSettings.Builder>) b -> b.closedFor(Duration.ZERO),
                        "closedFor must be positive"),
                Arguments.of((UnaryOperator<SimulatorSettings.Builder>) b -> b.interimFor(null),
                        "interimFor must not be null"),
                Arguments.of((UnaryOperator<SimulatorSettings.Builder>) b -> b.latency(Duration.ofMillis(-5)),
                        "latency must not be negative"),
                Arguments.of((UnaryOperator<SimulatorSettings.Builder>) b -> b.errorRate(1.5),
                        "errorRate must be between 0.0 and 1.0, got 1.5"),
                Arguments.of((UnaryOperator<SimulatorSettings.Builder>) b -> b.malformedRate(Double.NaN),
                        "malformedRate must be between 0.0 and 1.0"),
                Arguments.of((UnaryOperator<SimulatorSettings.Builder>) b -> b.errorRate(0.6).timeoutRate(0.6),
                        "the fault rates together (error + timeout + throttle + malformed) must not exceed 1.0"),
                Arguments.of((UnaryOperator<SimulatorSettings.Builder>) b -> b.timeoutHold(Duration.ZERO),
                        "timeoutHold must be positive"),
                Arguments.of((UnaryOperator<SimulatorSettings.Builder>) b -> b.retryAfterSeconds(-1),
                        "retryAfterSeconds must be between 0 and 3600, got -1"),
                Arguments.of((UnaryOperator<SimulatorSettings.Builder>) b -> b.throttleBurst(1001),
                        "throttleBurst must be between 0 and 1000, got 1001"),
                Arguments.of((UnaryOperator<SimulatorSettings.Builder>) b -> b.formDepth(51),
                        "formDepth must be between 0 and 50, got 51"));
    }

    @ParameterizedTest
    @MethodSource("invalidSettings")
    void shouldRejectInvalidSettingsNamingTheSettingAndTheValue(UnaryOperator<SimulatorSettings.Builder> change,
            String message) {
        assertThatThrownBy(() -> change.apply(SimulatorSettings.builder()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void shouldAcceptFaultRatesThatTogetherMakeOne() {
        SimulatorSettings settings = SimulatorSettings.defaults().withFaultRates(0.25, 0.25, 0.25, 0.25);

        assertThat(settings.totalFaultRate()).isEqualTo(1.0);
    }
}
