package nz.raceday.ingest.daily;

import java.util.Locale;

/** The three steps of the daily import, in the order they depend on each other. */
public enum ImportStep {
    /** Meetings of the racing day and the races they list. */
    MEETINGS,
    /** Event detail merged into every race of the day. */
    RACES,
    /** Every runner of every race of the day, with its initial odds. */
    ENTRANTS;

    /** The name used in routes, logs and failure records: {@code meetings}, {@code races}, {@code entrants}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ImportStep of(String id) {
        for (ImportStep step : values()) {
            if (step.id().equalsIgnoreCase(id.trim())) {
                return step;
            }
        }
        throw new IllegalArgumentException("unknown import step '" + id + "' (meetings, races, entrants)");
    }
}
