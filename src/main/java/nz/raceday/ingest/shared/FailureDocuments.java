package nz.raceday.ingest.shared;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import nz.raceday.ingest.store.StoredTimes;
import nz.raceday.ingest.store.WriteBatch;
import nz.raceday.ingest.store.schema.RaceDaySchema;

/**
 * The one builder of {@code import-failures} documents, for the daily import's dead-letter channel and for
 * missed polls alike: same attributes, same truncation, ids derived from what failed so a re-run finds the
 * document it wrote before instead of adding another.
 */
public final class FailureDocuments {

    /** The {@code reason} attribute's size in the schema, in code points. */
    public static final int MAX_REASON_LENGTH = 2000;

    private FailureDocuments() {
        // static helpers
    }

    /**
     * @param runId     import run id, or {@code poll-<racing day>} for polls
     * @param step      failed step ({@code meetings}, {@code races}, {@code entrants}, {@code poll})
     * @param raceId    race concerned, null for a meeting-level failure
     * @param meetingId meeting concerned, null when unknown
     * @param subject   what makes the failure unique within run and step (race id, meeting id, planned instant)
     * @param reason    what went wrong, never containing credentials
     * @param failedAt  when it was recorded
     */
    public static WriteBatch failure(String runId, String step, String raceId, String meetingId, String subject,
            String reason, Instant failedAt) {
        return document(DerivedIds.of(runId, step, subject), runId, step, raceId, meetingId, reason, failedAt);
    }

    /**
     * A poll of {@code raceId} planned for {@code plannedAt} that was not made: run {@code poll-<racing day>},
     * step {@code poll}, one document per race and planned instant (the id the poller has always used).
     */
    public static WriteBatch missedPoll(String raceId, Instant plannedAt, String reason, Instant failedAt) {
        String planned = StoredTimes.format(plannedAt);
        return document(DerivedIds.of("poll", raceId, planned), "poll-" + RacingDay.of(plannedAt), "poll", raceId,
                null, "poll planned for " + planned + ": " + reason, failedAt);
    }

    private static WriteBatch document(String id, String runId, String step, String raceId, String meetingId,
            String reason, Instant failedAt) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("runId", runId);
        document.put("step", step);
        document.put("raceId", raceId);
        if (meetingId != null) {
            document.put("meetingId", meetingId);
        }
        document.put("reason", Failures.truncate(reason, MAX_REASON_LENGTH));
        document.put("failedAt", failedAt);
        return new WriteBatch().create(RaceDaySchema.IMPORT_FAILURES, id, document);
    }
}
