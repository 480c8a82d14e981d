package nz.raceday.ingest.daily;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Step names as routes, logs and failure records use them. */
class ImportStepTest {

    @Test
    void shouldUseLowerCaseIds() {
        assertThat(ImportStep.MEETINGS.id()).isEqualTo("meetings");
        assertThat(ImportStep.RACES.id()).isEqualTo("races");
        assertThat(ImportStep.ENTRANTS.id()).isEqualTo("entrants");
    }

    @Test
    void shouldListTheStepsInDependencyOrder() {
        assertThat(ImportStep.values()).containsExactly(ImportStep.MEETINGS, ImportStep.RACES, ImportStep.ENTRANTS);
    }

    @Test
    void shouldReadIdsIgnoringCaseAndSurroundingSpace() {
        assertThat(ImportStep.of(" Races ")).isEqualTo(ImportStep.RACES);
        assertThat(ImportStep.of("ENTRANTS")).isEqualTo(ImportStep.ENTRANTS);
    }

    @Test
    void shouldRejectAnUnknownStepListingTheKnownOnes() {
        assertThatThrownBy(() -> ImportStep.of("odds"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'odds'")
                .hasMessageContaining("meetings, races, entrants");
    }
}
