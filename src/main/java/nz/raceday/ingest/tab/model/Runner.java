package nz.raceday.ingest.tab.model;

import java.time.Instant;

/**
 * A runner of an event ({@code data.runners[]}).
 *
 * @param barrier       barrier as text: gallops send a number, harness sends text such as {@code Fr1}
 * @param scratchTime   null when not scratched (TAB sends 0)
 * @param runnerChange  {@code runner_change} as compact JSON text (TAB sends an object)
 */
public record Runner(
        String entrantId,
        String name,
        int runnerNumber,
        String barrier,
        boolean scratched,
        boolean lateScratched,
        Instant scratchTime,
        boolean emergency,
        Odds odds,
        Boolean favourite,
        Boolean mover,
        String jockey,
        String trainerName,
        String silkColours,
        String silkUrl64,
        String silkUrl128,
        String runnerChange) {
}
