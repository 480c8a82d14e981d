package nz.raceday.ingest.simulator;

import java.util.Map;

/**
 * A runner's card in a simulated race: what does not change during the day. What does (odds, scratching, money)
 * is in {@link RaceState.Runner}.
 *
 * @param index           0-based position in the race's runner list
 * @param entrantId       the API's {@code entrant_id}
 * @param runnerNumber    saddlecloth number, 1-based
 * @param name            runner name
 * @param barrier         barrier as text: a number for gallops and greyhounds, {@code Fr1}/{@code Sr2} for harness
 * @param numericBarrier  whether the API sends the barrier as a JSON number (gallops, greyhounds) or text (harness)
 * @param jockey          jockey or driver ({@code ""} for greyhounds)
 * @param trainerName     trainer
 * @param trainerLocation trainer's home track
 * @param silkColours     silk description
 * @param silkUrl64       64x64 silk image URL
 * @param silkUrl128      128x128 silk image URL
 * @param runnerChange    the API's {@code runner_change} object (date to text), or null for runners without one
 * @param strength        relative ability; shapes odds, money and the result
 */
public record SimulatedRunner(
        int index,
        String entrantId,
        int runnerNumber,
        String name,
        String barrier,
        boolean numericBarrier,
        String jockey,
        String trainerName,
        String trainerLocation,
        String silkColours,
        String silkUrl64,
        String silkUrl128,
        Map<String, String> runnerChange,
        double strength) {

    public SimulatedRunner {
        runnerChange = runnerChange == null ? null : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(runnerChange));
    }
}
