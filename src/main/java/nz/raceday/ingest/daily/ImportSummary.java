package nz.raceday.ingest.daily;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The end result of an import run, printed as the last stdout line of {@code import} and logged by the
 * scheduled jobs. Counts are distinct documents stored (inserted, updated or confirmed unchanged) by this run.
 *
 * @param runId          run id, also the {@code runId} of its {@code import-failures} documents
 * @param racingDay      NZ racing day
 * @param steps          steps the run included
 * @param status         {@code completed} (isolated failures included) or {@code aborted} (could not run)
 * @param abortReason    why the run could not run, else null
 * @param meetings       meetings stored
 * @param races          races stored (from the meetings list and/or with event detail)
 * @param entrants       entrants stored
 * @param failedRaces    races that did not land, with step and reason
 * @param failedMeetings meetings that did not land, with reason
 * @param requests       TAB HTTP requests made, retries included
 * @param durationMs     wall time of the run
 * @param writes         document writes by outcome; all {@code unchanged} means the run changed nothing
 */
public record ImportSummary(
        String runId,
        String racingDay,
        List<String> steps,
        String status,
        String abortReason,
        long meetings,
        long races,
        long entrants,
        List<ImportFailure> failedRaces,
        List<ImportFailure> failedMeetings,
        long requests,
        long durationMs,
        Writes writes) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Document writes by outcome.
     *
     * @param queued writes held in the store's outbox because the store could not take them yet (Appwrite down)
     */
    public record Writes(long inserted, long updated, long unchanged, long queued) {
    }

    public boolean aborted() {
        return abortReason != null;
    }

    /** One line of JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("summary is plain data and always serialisable", e);
        }
    }

    /** One human-readable line for the log. */
    public String toLogLine() {
        return String.format("Import %s run %s %s: meetings=%d races=%d entrants=%d failedRaces=%d failedMeetings=%d "
                + "requests=%d durationMs=%d writes(inserted=%d updated=%d unchanged=%d queued=%d)%s",
                racingDay, runId, status, meetings, races, entrants, failedRaces.size(), failedMeetings.size(), requests,
                durationMs, writes.inserted(), writes.updated(), writes.unchanged(), writes.queued(),
                abortReason == null ? "" : " reason: " + abortReason);
    }
}
