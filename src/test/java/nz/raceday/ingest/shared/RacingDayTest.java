package nz.raceday.ingest.shared;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The NZ racing day of an instant, in winter (NZST, +12), summer (NZDT, +13) and on the switch days. */
class RacingDayTest {

    @Nested
    class Winter {

        @Test
        void shouldStillBeThePreviousDayOneSecondBeforeNzMidnight() {
            assertThat(dayAt("2025-07-16T11:59:59Z")).isEqualTo("2025-07-16");
        }

        @Test
        void shouldBeTheNextDayAtNzMidnight() {
            assertThat(dayAt("2025-07-16T12:00:00Z")).isEqualTo("2025-07-17");
        }

        @Test
        void shouldMapTheDailyJobTimeOf1700UtcToTheNextNzDate() {
            // 17:00 UTC on the 17th is 05:00 NZST on the 18th
            assertThat(dayAt("2025-07-17T17:00:00Z")).isEqualTo("2025-07-18");
        }

        @Test
        void shouldPutAnEarlyRaceBeforeUtcMidnightOnTheNzDay() {
            // 23:45Z on the 16th is 11:45 NZST on the 17th
            assertThat(dayAt("2025-07-16T23:45:00Z")).isEqualTo("2025-07-17");
        }
    }

    @Nested
    class Summer {

        @Test
        void shouldStillBeThePreviousDayOneSecondBeforeNzMidnight() {
            assertThat(dayAt("2026-01-15T10:59:59Z")).isEqualTo("2026-01-15");
        }

        @Test
        void shouldBeTheNextDayAtNzMidnight() {
            // a fixed +12 offset would still say the 15th
            assertThat(dayAt("2026-01-15T11:00:00Z")).isEqualTo("2026-01-16");
        }

        @Test
        void shouldMapTheDailyJobTimeOf1700UtcToTheNextNzDate() {
            assertThat(dayAt("2026-01-15T17:00:00Z")).isEqualTo("2026-01-16");
        }
    }

    @Nested
    class DaylightSavingStarts {

        // 2025-09-28 02:00 NZST becomes 03:00 NZDT: that day began at +12 and the next begins at +13

        @Test
        void shouldStartTheSwitchDayAtMidnightNzst() {
            assertThat(dayAt("2025-09-27T11:59:59Z")).isEqualTo("2025-09-27");
            assertThat(dayAt("2025-09-27T12:00:00Z")).isEqualTo("2025-09-28");
        }

        @Test
        void shouldStartTheFollowingDayAtMidnightNzdt() {
            assertThat(dayAt("2025-09-28T10:59:59Z")).isEqualTo("2025-09-28");
            assertThat(dayAt("2025-09-28T11:00:00Z")).isEqualTo("2025-09-29");
        }
    }

    @Nested
    class DaylightSavingEnds {

        // 2026-04-05 03:00 NZDT becomes 02:00 NZST: that day began at +13 and the next begins at +12

        @Test
        void shouldStartTheSwitchDayAtMidnightNzdt() {
            assertThat(dayAt("2026-04-04T10:59:59Z")).isEqualTo("2026-04-04");
            assertThat(dayAt("2026-04-04T11:00:00Z")).isEqualTo("2026-04-05");
        }

        @Test
        void shouldStartTheFollowingDayAtMidnightNzst() {
            // a fixed +13 offset would already say the 6th
            assertThat(dayAt("2026-04-05T11:59:59Z")).isEqualTo("2026-04-05");
            assertThat(dayAt("2026-04-05T12:00:00Z")).isEqualTo("2026-04-06");
        }
    }

    private static String dayAt(String utcInstant) {
        LocalDate day = RacingDay.today(Clock.fixed(Instant.parse(utcInstant), ZoneOffset.UTC));
        return day.toString();
    }
}
