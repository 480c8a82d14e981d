package nz.raceday.ingest.polling;

/**
 * One race's polling cycle: the body of the exchange that goes round {@code race-poll-cycle} (wait for the race's
 * next planned instant, then the hops its state calls for) for as long as the race is polled. There is at most one
 * per race, so two polls of a race never overlap.
 */
public final class RaceCycle {

    private final String raceId;
    private volatile PollSlot slot;

    public RaceCycle(String raceId) {
        this.raceId = raceId;
    }

    public String raceId() {
        return raceId;
    }

    /** The slot the cycle's current poll hop polls (set when the cycle's turn is a poll). */
    public PollSlot slot() {
        return slot;
    }

    void take(PollSlot slot) {
        this.slot = slot;
    }

    @Override
    public String toString() {
        return "polling cycle of race " + raceId;
    }
}
