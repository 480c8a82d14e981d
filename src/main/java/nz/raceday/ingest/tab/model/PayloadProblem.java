package nz.raceday.ingest.tab.model;

/**
 * A part of a payload that could not be used.
 *
 * @param raceId the race concerned, if known
 * @param reason what was wrong
 */
public record PayloadProblem(String raceId, String reason) {
}
