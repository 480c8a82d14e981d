package nz.raceday.ingest.shared;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The NZ racing day: the calendar date in {@code Pacific/Auckland}. Never a fixed offset: NZST is +12 and
 * NZDT +13 (domain-spec §1.6, §9.2).
 */
public final class RacingDay {

    public static final ZoneId NZ = ZoneId.of("Pacific/Auckland");

    private RacingDay() {
        // static helpers
    }

    public static LocalDate today(Clock clock) {
        return of(clock.instant());
    }

    /** The NZ racing day an instant falls on. */
    public static LocalDate of(java.time.Instant instant) {
        return LocalDate.ofInstant(instant, NZ);
    }
}
