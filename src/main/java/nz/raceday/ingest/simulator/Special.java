package nz.raceday.ingest.simulator;

/**
 * The unusual things a simulated day contains, each on its own AUS/NZ race (see {@link SimulatedDay} for which race
 * gets which and when).
 */
public enum Special {

    /** One runner is scratched about 2 minutes before the advertised start (is_late_scratched true). */
    LATE_SCRATCHING,

    /** The race turns Abandoned 1 minute before its advertised start and stays so: no results, no dividends. */
    ABANDONED,

    /** The race stays Open 2 minutes past its advertised start, then jumps; the advertised start does not change. */
    DELAYED_START,

    /** 10 minutes before the advertised start, it moves 3 minutes later (in events and in the meetings list). */
    MOVED_START
}
