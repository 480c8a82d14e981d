package nz.raceday.ingest.simulator;

/** The faults {@link TabSimulatorServer} injects. */
public enum FaultKind {

    /** 500 (JSON error envelope), 502 or 503 (HTML from the "proxy"). */
    SERVER_ERROR,

    /** The request is held for {@code timeoutHold}, then answered normally. */
    TIMEOUT,

    /** 429 with {@code Retry-After}; a drawn one starts a burst of further 429s. */
    THROTTLED,

    /** 200 with a truncated JSON body that does not parse. */
    MALFORMED
}
