package nz.raceday.ingest.polling;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Instants written as offsets from an advertised start, as a racing person reads them: "T-4:45", "T+2:15", "T-0". */
final class RaceTimes {

    private static final Pattern OFFSET = Pattern.compile("T([+-])(\\d+):(\\d\\d)");

    private RaceTimes() {
        // static helpers
    }

    /** {@code "T-4:45"} → start − 4 min 45 s; {@code "T+2:15"} → start + 2 min 15 s; {@code "T-0"}/{@code "T+0"} → start. */
    static Instant at(Instant start, String offset) {
        if (offset.equals("T-0") || offset.equals("T+0")) {
            return start;
        }
        Matcher m = OFFSET.matcher(offset);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an offset such as T-4:45: " + offset);
        }
        Duration d = Duration.ofMinutes(Long.parseLong(m.group(2))).plusSeconds(Long.parseLong(m.group(3)));
        return m.group(1).equals("-") ? start.minus(d) : start.plus(d);
    }

    /** The offset of an instant from the start, in the same notation (for readable failure messages). */
    static String offset(Instant start, Instant instant) {
        long seconds = Duration.between(start, instant).toSeconds();
        if (seconds == 0) {
            return "T-0";
        }
        long abs = Math.abs(seconds);
        return (seconds < 0 ? "T-" : "T+") + abs / 60 + ":" + String.format("%02d", abs % 60);
    }
}
