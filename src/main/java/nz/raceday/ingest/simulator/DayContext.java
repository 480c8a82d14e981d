package nz.raceday.ingest.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * What every part of a simulated day shares: the settings, the start instant (whole seconds) and the NZ racing day.
 * Market data (odds, money, pools) moves in 15-second ticks counted from the start, because TAB refreshes every 15 s.
 */
record DayContext(SimulatorSettings settings, Instant start, LocalDate racingDay) {

    static final ZoneId NZ = ZoneId.of("Pacific/Auckland");
    static final Duration TICK = Duration.ofSeconds(15);

    long seed() {
        return settings.seed();
    }

    /** The tick an instant falls in: tick n covers [start + 15n s, start + 15(n+1) s). */
    long tick(Instant instant) {
        return Math.floorDiv(Duration.between(start, instant).toMillis(), TICK.toMillis());
    }

    /** The first instant of tick n. */
    Instant tickStart(long n) {
        return start.plusMillis(n * TICK.toMillis());
    }

    /** The latest tick boundary at or before the instant. */
    Instant floorToTick(Instant instant) {
        return tickStart(tick(instant));
    }
}
