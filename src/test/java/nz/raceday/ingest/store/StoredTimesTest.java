package nz.raceday.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** The one stored datetime format, Appwrite's {@code 2025-07-17T00:50:00.000+00:00}. */
class StoredTimesTest {

    @Test
    void shouldFormatInstantsInUtcWithMilliseconds() {
        assertThat(StoredTimes.format(Instant.parse("2025-07-17T00:50:00Z"))).isEqualTo("2025-07-17T00:50:00.000+00:00");
        assertThat(StoredTimes.format(Instant.parse("2025-07-17T11:16:59.18904298Z")))
                .isEqualTo("2025-07-17T11:16:59.189+00:00");
    }

    @Test
    void shouldFormatARacingDayAsMidnightUtc() {
        assertThat(StoredTimes.format(LocalDate.of(2025, 7, 17))).isEqualTo("2025-07-17T00:00:00.000+00:00");
    }

    @Test
    void shouldNormaliseAnyOffsetToUtc() {
        assertThat(StoredTimes.normalise("2025-07-17T12:50:00+12:00")).isEqualTo("2025-07-17T00:50:00.000+00:00");
        assertThat(StoredTimes.normalise("2026-01-16T00:30:00+13:00")).isEqualTo("2026-01-15T11:30:00.000+00:00");
        assertThat(StoredTimes.normalise("2025-07-17T00:50:00.000+00:00")).isEqualTo("2025-07-17T00:50:00.000+00:00");
    }

    @Test
    void shouldParseBackToTheSameInstant() {
        assertThat(StoredTimes.parse("2025-07-17T00:50:00.000+00:00")).isEqualTo(Instant.parse("2025-07-17T00:50:00Z"));
    }

    @Test
    void shouldRejectTextWithoutOffsetOrNotIso() {
        assertThatThrownBy(() -> StoredTimes.normalise("2025-07-17T00:50:00"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'2025-07-17T00:50:00'");
        assertThatThrownBy(() -> StoredTimes.normalise("2025-07-17 00:52:46 +0000 UTC"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoredTimes.normalise("2025-07-17")).isInstanceOf(IllegalArgumentException.class);
    }
}
