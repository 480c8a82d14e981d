package nz.raceday.ingest.polling;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;

import nz.raceday.ingest.tab.model.MoneyTrackerRow;

/**
 * Money-flow maths of domain-spec §5 with ORIG's defects fixed: money-tracker rows are summed per entrant (not the
 * last row taken), rows for entrants that are not runners are dropped, every amount is integer cents, and an
 * increment is measured against the latest row of the nearest earlier bucket.
 */
public final class MoneyFlow {

    /** Buckets at or above this many minutes to start carry the full amount when nothing came before (baseline). */
    static final int BASELINE_BUCKET = 55;

    private MoneyFlow() {
        // static maths
    }

    /** An entrant's share: the sums of its money-tracker rows, in percent (TAB sends whole numbers; fractions count). */
    public record Share(double hold, double bet) {
    }

    /** Win and place pool amounts in cents. */
    public record Amounts(long win, long place) {
    }

    /** Sums the rows per entrant, keeping only the given (runner) entrants, in runner order. */
    public static Map<String, Share> shares(List<MoneyTrackerRow> rows, List<String> runnerIds) {
        Set<String> known = Set.copyOf(runnerIds);
        Map<String, double[]> sums = new LinkedHashMap<>();
        runnerIds.forEach(id -> sums.put(id, new double[2]));
        for (MoneyTrackerRow row : rows) {
            if (known.contains(row.entrantId())) {
                double[] sum = sums.get(row.entrantId());
                sum[0] += row.holdPercentage();
                sum[1] += row.betPercentage();
            }
        }
        Map<String, Share> shares = new LinkedHashMap<>();
        sums.forEach((id, sum) -> shares.put(id, new Share(sum[0], sum[1])));
        return shares;
    }

    /** Whole minutes from the poll to the advertised start, rounded half up; negative after the start. */
    public static int timeToStart(Instant advertisedStart, Instant pollTime) {
        return (int) Math.round(Duration.between(pollTime, advertisedStart).toMillis() / 60_000.0);
    }

    /**
     * The timeline column (§5.3): 60 for an hour or more out, then 55, 50, ... 5 (the first threshold at or below),
     * then 4, 3, 2, 1, 0, and after the start the (negative) minutes themselves. Integer buckets only: the frontend
     * matches columns by exact equality.
     */
    public static int timeInterval(int timeToStart) {
        if (timeToStart >= 60) {
            return 60;
        }
        if (timeToStart >= 5) {
            return timeToStart - timeToStart % 5;
        }
        return timeToStart;
    }

    /** {@code 5m} more than 30 minutes out, {@code 2m} more than 5, {@code 30s} before the start, {@code live} after. */
    public static String intervalType(int timeToStart) {
        if (timeToStart > 30) {
            return "5m";
        }
        if (timeToStart > 5) {
            return "2m";
        }
        return timeToStart > 0 ? "30s" : "live";
    }

    /** Dollars as integer cents. */
    public static long cents(double dollars) {
        return Math.round(dollars * 100);
    }

    /**
     * An entrant's part of the win and place pools: its hold share applied to both (TAB gives one share per entrant,
     * not one per pool).
     */
    public static Amounts amounts(long winPoolCents, long placePoolCents, double holdPercent) {
        return new Amounts(Math.round(winPoolCents * holdPercent / 100.0), Math.round(placePoolCents * holdPercent / 100.0));
    }

    /**
     * The money that arrived since the nearest earlier bucket.
     *
     * @param earlier latest amounts per bucket already stored for the entrant (bucket → amounts)
     * @param outside the amounts of the entrant's latest row in another bucket than this poll's, or null
     * @param bucket  this poll's bucket
     * @param current this poll's amounts
     * @return against the latest row of the nearest earlier bucket (a higher one: further from the start); with no
     *         earlier bucket but rows of another bucket before (a start moved later put this poll above the buckets
     *         polled so far) against the latest such row, as only a race's first row carries the full amount; in the
     *         race's first bucket the full amounts for a baseline bucket (55 or more), else zero
     */
    public static Amounts increments(NavigableMap<Integer, Amounts> earlier, Amounts outside, int bucket,
            Amounts current) {
        Map.Entry<Integer, Amounts> previous = earlier.higherEntry(bucket);
        if (previous != null) {
            return difference(current, previous.getValue());
        }
        if (outside != null) {
            return difference(current, outside);
        }
        return bucket >= BASELINE_BUCKET ? current : new Amounts(0, 0);
    }

    private static Amounts difference(Amounts current, Amounts before) {
        return new Amounts(current.win() - before.win(), current.place() - before.place());
    }
}
