package nz.raceday.ingest.daily;

/**
 * What happened to one meeting or race in one step; the per-item result the fan-out aggregates.
 *
 * @param step    step id
 * @param subject meeting or race id (may be null for an unreadable meeting)
 * @param status  stored, failed or skipped
 * @param detail  failure or skip reason, or a short note
 */
public record ItemOutcome(String step, String subject, Status status, String detail) {

    /** The three ways an item can end. */
    public enum Status { STORED, FAILED, SKIPPED }

    public static ItemOutcome stored(String step, String subject) {
        return new ItemOutcome(step, subject, Status.STORED, null);
    }

    public static ItemOutcome failed(String step, String subject, String reason) {
        return new ItemOutcome(step, subject, Status.FAILED, reason);
    }

    public static ItemOutcome skipped(String step, String subject, String reason) {
        return new ItemOutcome(step, subject, Status.SKIPPED, reason);
    }
}
