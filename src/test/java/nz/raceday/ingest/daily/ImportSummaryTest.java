package nz.raceday.ingest.daily;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The JSON summary printed as the last stdout line of {@code import}. */
class ImportSummaryTest {

    private static final String RACE = "0f57e087-00d9-4c61-9549-835abe2ae2ed";
    private static final String MEETING = "e9f2039d-d489-4a7d-aae1-d66225f1a5f4";

    private final ImportSummary summary = new ImportSummary("2025-07-17-all-190000-a1b2c3", "2025-07-17",
            List.of("meetings", "races", "entrants"), "completed", null, 12, 96, 767,
            List.of(new ImportFailure("races", RACE, MEETING, "TAB answered HTTP 404 for events/" + RACE)),
            List.of(new ImportFailure("meetings", null, "m-2", "meeting ? (m-2): required field 'date' is missing")),
            110, 5_432, new ImportSummary.Writes(800, 3, 70, 0));

    @Test
    void shouldPrintOneLineOfJson() {
        assertThat(summary.toJson()).doesNotContain("\n");
    }

    @Test
    void shouldCarryTheCountsUnderTheirDocumentedKeys() throws Exception {
        JsonNode json = new ObjectMapper().readTree(summary.toJson());

        assertThat(json.path("runId").asText()).isEqualTo("2025-07-17-all-190000-a1b2c3");
        assertThat(json.path("racingDay").asText()).isEqualTo("2025-07-17");
        assertThat(json.path("status").asText()).isEqualTo("completed");
        assertThat(json.path("meetings").asLong()).isEqualTo(12);
        assertThat(json.path("races").asLong()).isEqualTo(96);
        assertThat(json.path("entrants").asLong()).isEqualTo(767);
        assertThat(json.path("requests").asLong()).isEqualTo(110);
        assertThat(json.path("durationMs").asLong()).isEqualTo(5_432);
        assertThat(json.path("steps")).hasSize(3);
        assertThat(json.path("writes").path("inserted").asLong()).isEqualTo(800);
        assertThat(json.path("writes").path("unchanged").asLong()).isEqualTo(70);
    }

    @Test
    void shouldListFailedRacesWithStepRaceMeetingAndReason() throws Exception {
        JsonNode failed = new ObjectMapper().readTree(summary.toJson()).path("failedRaces");

        assertThat(failed.isArray()).isTrue();
        assertThat(failed).hasSize(1);
        JsonNode failure = failed.get(0);
        assertThat(failure.properties()).extracting(e -> e.getKey())
                .containsExactlyInAnyOrder("step", "raceId", "meetingId", "reason");
        assertThat(failure.path("step").asText()).isEqualTo("races");
        assertThat(failure.path("raceId").asText()).isEqualTo(RACE);
        assertThat(failure.path("meetingId").asText()).isEqualTo(MEETING);
        assertThat(failure.path("reason").asText()).isEqualTo("TAB answered HTTP 404 for events/" + RACE);
    }

    @Test
    void shouldWriteAMeetingLevelFailureWithANullRaceId() throws Exception {
        JsonNode failure = new ObjectMapper().readTree(summary.toJson()).path("failedMeetings").get(0);

        assertThat(failure.path("raceId").isNull()).isTrue();
        assertThat(failure.path("meetingId").asText()).isEqualTo("m-2");
    }

    @Test
    void shouldTellAnAbortedRunFromACompletedOne() {
        ImportSummary aborted = new ImportSummary("run", "2025-07-17", List.of("meetings"), "aborted",
                "SocketTimeoutException: Read timed out", 0, 0, 0, List.of(), List.of(), 4, 60_000,
                new ImportSummary.Writes(0, 0, 0, 0));

        assertThat(summary.aborted()).isFalse();
        assertThat(aborted.aborted()).isTrue();
        assertThat(aborted.toLogLine()).contains("aborted").endsWith("reason: SocketTimeoutException: Read timed out");
    }
}
