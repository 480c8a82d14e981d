package nz.raceday.ingest.shared;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Race statuses in TAB's Title case, whatever case they arrive in. */
class RaceStatusTest {

    @Test
    void shouldSpellKnownStatusesInTitleCase() {
        assertThat(RaceStatus.normalise("final")).isEqualTo("Final");
        assertThat(RaceStatus.normalise("OPEN")).isEqualTo("Open");
        assertThat(RaceStatus.normalise(" Interim ")).isEqualTo("Interim");
        assertThat(RaceStatus.normalise("abandoned")).isEqualTo("Abandoned");
        assertThat(RaceStatus.normalise("Closed")).isEqualTo("Closed");
    }

    @Test
    void shouldCapitaliseAnUnknownStatus() {
        assertThat(RaceStatus.normalise("DELAYED")).isEqualTo("Delayed");
    }

    @Test
    void shouldTreatBlankAsNoStatus() {
        assertThat(RaceStatus.normalise("")).isNull();
        assertThat(RaceStatus.normalise("  ")).isNull();
        assertThat(RaceStatus.normalise(null)).isNull();
    }

    @Test
    void shouldKnowTheTerminalStatuses() {
        assertThat(RaceStatus.isTerminal("final")).isTrue();
        assertThat(RaceStatus.isTerminal("Abandoned")).isTrue();
        assertThat(RaceStatus.isTerminal("FINALIZED")).isTrue();
        assertThat(RaceStatus.isTerminal("Closed")).isFalse();
        assertThat(RaceStatus.isTerminal("Interim")).isFalse();
        assertThat(RaceStatus.isTerminal(null)).isFalse();
    }
}
