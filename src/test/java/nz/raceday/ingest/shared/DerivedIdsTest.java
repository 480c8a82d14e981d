package nz.raceday.ingest.shared;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import nz.raceday.ingest.store.DocumentValues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Deterministic ids for documents without a TAB id. */
class DerivedIdsTest {

    private static final String RUN = "2025-07-17-all-190000-a1b2c3";
    private static final String RACE = "0f57e087-00d9-4c61-9549-835abe2ae2ed";

    @Test
    void shouldGiveTheSameIdForTheSameParts() {
        assertThat(DerivedIds.of(RUN, "races", RACE)).isEqualTo(DerivedIds.of(RUN, "races", RACE));
    }

    @Test
    void shouldGiveA36CharacterUuidThatIsAValidDocumentId() {
        String id = DerivedIds.of(RUN, "races", RACE);

        assertThat(id).hasSize(36);
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
        assertThatCode(() -> DocumentValues.checkDocumentId("import-failures", id)).doesNotThrowAnyException();
    }

    @Test
    void shouldGiveDifferentIdsForDifferentParts() {
        String id = DerivedIds.of(RUN, "races", RACE);

        assertThat(DerivedIds.of(RUN, "entrants", RACE)).isNotEqualTo(id);
        assertThat(DerivedIds.of("2025-07-18-all-190000-a1b2c3", "races", RACE)).isNotEqualTo(id);
        assertThat(DerivedIds.of(RUN, RACE, "races")).as("order matters").isNotEqualTo(id);
    }

    @Test
    void shouldKeepPartBoundaries() {
        assertThat(DerivedIds.of("ab", "c")).isNotEqualTo(DerivedIds.of("a", "bc"));
        assertThat(DerivedIds.of("abc")).isNotEqualTo(DerivedIds.of("ab", "c"));
    }
}
