package nz.raceday.ingest.tab.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One meeting from a meetings page, not yet parsed: enough to filter it and to name it in a failure
 * record, plus its JSON for the full parse in its own failure-isolated step.
 *
 * @param meetingId id if present, else null
 * @param name      name if present, else null
 * @param country   country code if present, else null
 * @param category  category code if present, else null
 * @param json      the meeting object
 */
public record RawMeeting(String meetingId, String name, String country, String category, JsonNode json) {

    /** A label for logs and failure records. */
    public String label() {
        return (name == null ? "?" : name) + " (" + (meetingId == null ? "no id" : meetingId) + ")";
    }
}
