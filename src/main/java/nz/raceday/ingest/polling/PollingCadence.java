package nz.raceday.ingest.polling;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.camel.util.TimeUtils;

import nz.raceday.ingest.shared.RaceStatus;

/**
 * When a race is polled, as a pure function of its status, advertised start and the time (resilience4j's
 * IntervalFunction is the model: small, validated, table-tested).
 *
 * <p>Before the jump the polls sit on a grid anchored at the advertised start: by default T-60, T-55 ... T-20
 * (every 5 min), T-18 ... T-10 (2 min), T-9 ... T-5 (1 min), then every 15 s to the jump. A race still Open after
 * its advertised start keeps the open-after-start interval (delayed jumps are where users watch hardest). Closed and
 * Interim races (and Running/Live) are polled every {@code closedInterval} until Final or Abandoned; any other status
 * after the advertised start every {@code afterJumpInterval}. Polling stops at Final, Finalized or Abandoned, and {@code giveUpAfterStart}
 * after the advertised start whatever the status.
 *
 * @param bands             polling bands, furthest from the jump first
 * @param openAfterStart    interval while a race is still Open after its advertised start
 * @param closedInterval    interval for Closed and Interim races
 * @param afterJumpInterval interval for unexpected non-final statuses after the advertised start
 * @param giveUpAfterStart  no polls later than this after the advertised start
 */
public record PollingCadence(List<Band> bands, Duration openAfterStart, Duration closedInterval,
        Duration afterJumpInterval, Duration giveUpAfterStart) {

    /**
     * Polls every {@code interval} from {@code from} before the start until the next band begins.
     *
     * @param from     time to start at which the band begins (exclusive of nothing: the first poll is at T-from)
     * @param interval time between polls in the band
     */
    public record Band(Duration from, Duration interval) {
        public Band {
            if (from.isNegative() || from.isZero() || interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("band needs a positive start and interval: " + from + ":" + interval);
            }
        }
    }

    public PollingCadence {
        bands = List.copyOf(bands);
        if (bands.isEmpty()) {
            throw new IllegalArgumentException("polling cadence needs at least one band");
        }
        for (int i = 1; i < bands.size(); i++) {
            if (bands.get(i).from().compareTo(bands.get(i - 1).from()) >= 0) {
                throw new IllegalArgumentException("polling bands must start ever closer to the jump: " + bands);
            }
        }
        for (Duration d : List.of(openAfterStart, closedInterval, afterJumpInterval, giveUpAfterStart)) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("polling intervals must be positive: " + d);
            }
        }
    }

    /** The default of issue 4: T-60 5 min, T-20 2 min, T-10 1 min, T-5 15 s; 15 s late; Closed/Interim 30 s. */
    public static PollingCadence defaults() {
        return parse("60m:5m,20m:2m,10m:1m,5m:15s", "15s", "30s", "5m", "120m");
    }

    /**
     * Builds a cadence from configuration text.
     *
     * @param bands ({@code 60m:5m,20m:2m,10m:1m,5m:15s}: band start before the jump : interval)
     */
    public static PollingCadence parse(String bands, String openAfterStart, String closedInterval,
            String afterJumpInterval, String giveUpAfterStart) {
        List<Band> parsed = new ArrayList<>();
        for (String band : bands.split(",", -1)) {
            String[] parts = band.trim().split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException("polling band '" + band.trim() + "' is not <from>:<interval>");
            }
            parsed.add(new Band(duration(parts[0]), duration(parts[1])));
        }
        return new PollingCadence(parsed, duration(openAfterStart), duration(closedInterval),
                duration(afterJumpInterval), duration(giveUpAfterStart));
    }

    /** Durations Camel's parser reads exactly: whole numbers with a unit, such as {@code 15s} or {@code 1h30m}. */
    private static final Pattern DURATION = Pattern.compile("-?(\\d+(ms|h|m|s))+");

    /**
     * Parses {@code 15s}, {@code 5m}, {@code 2h}, {@code 500ms} (and combinations such as {@code 1h30m}) with Camel's
     * {@link TimeUtils}, the parser of Camel's own duration options. Camel reads what it cannot parse ({@code abc},
     * {@code -5s}) as zero and a bare number as milliseconds, so only text of the strict form reaches it: a bad
     * setting fails with a message instead of turning into zero. A negative duration parses (as it did), so that the
     * cadence's own checks can say what must be positive.
     */
    public static Duration duration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (!DURATION.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as 15s, 5m, 2h or 500ms");
        }
        return value.startsWith("-") ? TimeUtils.toDuration(value.substring(1)).negated() : TimeUtils.toDuration(value);
    }

    /** How long before the advertised start polling begins. */
    public Duration window() {
        return bands.get(0).from();
    }

    /** Whether the race is polled at all any more. */
    public boolean isActive(String status, Instant advertisedStart, Instant now) {
        return !RaceStatus.isTerminal(status) && !now.isAfter(advertisedStart.plus(giveUpAfterStart));
    }

    /**
     * The first poll of a race the schedule has not polled yet: now when the race is already inside its window (the
     * schedule catches up at once, after a restart too), else the start of the window. Empty when the race is not
     * polled any more.
     */
    public Optional<Instant> firstPoll(String status, Instant advertisedStart, Instant now) {
        if (!isActive(status, advertisedStart, now)) {
            return Optional.empty();
        }
        Instant windowStart = advertisedStart.minus(window());
        return Optional.of(now.isBefore(windowStart) ? windowStart : now);
    }

    /**
     * The poll after one planned at {@code previous}. Empty when polling stops.
     *
     * @param status          the race's latest status
     * @param advertisedStart its latest advertised start (a moved start moves the grid)
     * @param previous        when the previous poll was planned (or made)
     */
    public Optional<Instant> nextPoll(String status, Instant advertisedStart, Instant previous) {
        if (RaceStatus.isTerminal(status)) {
            return Optional.empty();
        }
        Instant next;
        String normalised = RaceStatus.normalise(status);
        if (RaceStatus.hasJumped(normalised)) {
            // Closed, Interim (and Running/Live, which TAB may also report while the race is run)
            next = previous.plus(closedInterval);
        } else if (normalised == null || RaceStatus.OPEN.equals(normalised) || previous.isBefore(advertisedStart)) {
            next = nextGridPoint(advertisedStart, previous);
        } else {
            // an unexpected status after the start (Postponed, ...): keep an eye on it, not at 15 s
            next = previous.plus(afterJumpInterval);
        }
        return next.isAfter(advertisedStart.plus(giveUpAfterStart)) ? Optional.empty() : Optional.of(next);
    }

    /** The first point of the pre-jump grid (or of the still-Open-after-start grid) strictly after {@code after}. */
    Instant nextGridPoint(Instant advertisedStart, Instant after) {
        long toStart = Duration.between(after, advertisedStart).toMillis();
        for (int i = 0; i < bands.size(); i++) {
            long from = bands.get(i).from().toMillis();
            long step = bands.get(i).interval().toMillis();
            long end = i + 1 < bands.size() ? bands.get(i + 1).from().toMillis() : 0;
            if (toStart > from) {
                return advertisedStart.minusMillis(from);
            }
            // band points are T-from, T-from+step, ... while still before T-end
            long candidate = from - ((from - toStart) / step + 1) * step;
            if (candidate > end) {
                return advertisedStart.minusMillis(candidate);
            }
        }
        if (toStart > 0) {
            return advertisedStart;
        }
        // still Open at or after the advertised start: every openAfterStart from the start itself
        long step = openAfterStart.toMillis();
        return advertisedStart.plusMillis((-toStart / step + 1) * step);
    }
}
