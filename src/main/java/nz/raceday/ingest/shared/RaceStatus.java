package nz.raceday.ingest.shared;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Race statuses as TAB spells them (Title case), which is also how they are stored: the frontend compares
 * them exactly (frontend-contract §3.1). Input is matched case-insensitively because other consumers of
 * the same data lower-case it.
 */
public final class RaceStatus {

    public static final String OPEN = "Open";
    public static final String CLOSED = "Closed";
    public static final String INTERIM = "Interim";
    public static final String FINAL = "Final";
    public static final String ABANDONED = "Abandoned";

    private static final Map<String, String> KNOWN = Map.of(
            "open", OPEN, "closed", CLOSED, "interim", INTERIM, "final", FINAL, "abandoned", ABANDONED,
            "finalized", "Finalized", "running", "Running", "live", "Live", "postponed", "Postponed");

    /** Statuses after which a race never changes again. */
    private static final Set<String> TERMINAL = Set.of(FINAL, "Finalized", ABANDONED);

    private RaceStatus() {
        // static helpers
    }

    /**
     * The canonical spelling of a status: a known status in TAB's Title case, an unknown one with its first
     * letter upper-cased and the rest lower-cased, blank as null.
     */
    public static String normalise(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        String key = status.trim().toLowerCase(Locale.ROOT);
        String known = KNOWN.get(key);
        if (known != null) {
            return known;
        }
        return Character.toUpperCase(key.charAt(0)) + key.substring(1);
    }

    /** Statuses of a race that has started running (or finished); not Open, not Abandoned. */
    private static final Set<String> JUMPED = Set.of(CLOSED, INTERIM, FINAL, "Finalized", "Running", "Live");

    /** Whether the race has jumped: its {@code actual_start} is then the real start, not the advertised one. */
    public static boolean hasJumped(String status) {
        String normalised = normalise(status);
        return normalised != null && JUMPED.contains(normalised);
    }

    /** The statuses after which a race never changes again, as stored. */
    public static Set<String> terminal() {
        return TERMINAL;
    }

    public static boolean isTerminal(String status) {
        String normalised = normalise(status);
        return normalised != null && TERMINAL.contains(normalised);
    }
}
