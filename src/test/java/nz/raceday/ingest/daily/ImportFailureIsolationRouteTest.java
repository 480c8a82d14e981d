package nz.raceday.ingest.daily;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import nz.raceday.ingest.store.Document;
import nz.raceday.ingest.store.DocumentQuery;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import nz.raceday.ingest.testsupport.RacedayRouteTestSupport;
import nz.raceday.ingest.testsupport.TabFixtures;
import nz.raceday.ingest.testsupport.TabTestServer.Response;
import org.junit.jupiter.api.Test;

/**
 * A meeting or race that fails is dead-lettered with its step and reason, and every other one still lands; a
 * run that cannot even list the meetings ends as aborted.
 */
class ImportFailureIsolationRouteTest extends RacedayRouteTestSupport {

    private static final int MAX_RETRIES = 3;

    @Override
    protected Map<String, String> testProperties() {
        Map<String, String> properties = super.testProperties();
        // one race's event hangs: fail it after a short wait instead of the support's 30 s
        properties.put("camel.component.http.response-timeout", HUNG_RESPONSE_TIMEOUT);
        properties.put("camel.component.http.so-timeout", HUNG_RESPONSE_TIMEOUT);
        return properties;
    }

    @Test
    void shouldDeadLetterRacesWhoseEventFailsAndStoreAllOthers() {
        List<String> races = fixtures.expectedRaces().keySet().stream()
                .filter(id -> !id.equals(TabFixtures.RECORDED_EVENT_ID)).limit(5).toList();
        String serverError = races.get(0);
        String timeout = races.get(1);
        String malformed = races.get(2);
        String unknown = races.get(3);
        String transientError = races.get(4);
        tab.failEvent(serverError, Response.status(500))
                .failEvent(timeout, Response.hang())
                .failEvent(malformed, Response.malformed())
                .failEvent(unknown, Response.status(404))
                .fault(r -> r.resource().equals("events/" + transientError), Response.status(503), 2);

        ImportSummary summary = importDay(TabFixtures.DAY);

        assertThat(summary.status()).isEqualTo("completed");
        assertThat(summary.failedRaces()).extracting(ImportFailure::raceId)
                .containsExactlyInAnyOrder(serverError, timeout, malformed, unknown);
        assertThat(reasonFor(summary, serverError)).isEqualTo("TAB answered HTTP 500 for events/" + serverError);
        assertThat(reasonFor(summary, timeout)).contains("SocketTimeoutException");
        assertThat(reasonFor(summary, malformed)).startsWith("event " + malformed + ": response is not valid JSON");
        assertThat(reasonFor(summary, unknown)).contains("HTTP 404");
        assertThat(summary.failedRaces()).allSatisfy(f -> {
            assertThat(f.step()).isEqualTo("races");
            assertThat(f.meetingId()).isEqualTo(fixtures.expectedRaces().get(f.raceId()).path("meeting").asText());
        });

        Set<String> failed = Set.of(serverError, timeout, malformed, unknown);
        for (String raceId : fixtures.expectedRaces().keySet()) {
            Document race = store().get(RaceDaySchema.RACES, raceId).orElseThrow();
            List<Document> entrants = store().list(RaceDaySchema.ENTRANTS, DocumentQuery.all().equal("raceId", raceId));
            if (failed.contains(raceId)) {
                // the race from the meetings list is kept; nothing from the failed event is
                assertThat(race.getString("startTimeNz")).as(raceId).isNull();
                assertThat(entrants).as(raceId).isEmpty();
            } else {
                assertThat(race.getString("startTimeNz")).as(raceId).isNotNull();
                assertThat(entrants).as(raceId).hasSize(8);
            }
        }
    }

    @Test
    void shouldRetryTransientFailuresButNotClientErrorsNorAgainInTheEntrantsStep() {
        List<String> races = fixtures.expectedRaces().keySet().stream().skip(10).limit(3).toList();
        tab.failEvent(races.get(0), Response.status(500))
                .failEvent(races.get(1), Response.status(404))
                .fault(r -> r.resource().equals("events/" + races.get(2)), Response.status(503), 2);

        ImportSummary summary = importDay(TabFixtures.DAY);

        assertThat(tab.requestsFor("events/" + races.get(0))).hasSize(1 + MAX_RETRIES);
        assertThat(tab.requestsFor("events/" + races.get(1))).hasSize(1);
        assertThat(tab.requestsFor("events/" + races.get(2))).hasSize(3);
        assertThat(store().list(RaceDaySchema.ENTRANTS, DocumentQuery.all().equal("raceId", races.get(2)))).hasSize(8);
        assertThat(summary.failedRaces()).extracting(ImportFailure::raceId).containsExactlyInAnyOrder(races.get(0),
                races.get(1));
        assertThat(summary.requests()).isEqualTo(tab.requests().size());
    }

    @Test
    void shouldRecordEachFailureInTheImportFailuresCollection() {
        String raceId = fixtures.expectedRaces().keySet().iterator().next();
        tab.failEvent(raceId, Response.malformed());

        ImportSummary summary = importDay(TabFixtures.DAY);

        List<Document> records = store().list(RaceDaySchema.IMPORT_FAILURES,
                DocumentQuery.all().equal("runId", summary.runId()));
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.getString("raceId")).isEqualTo(raceId);
            assertThat(record.getString("step")).isEqualTo("races");
            assertThat(record.getString("meetingId")).isEqualTo(fixtures.expectedRaces().get(raceId).path("meeting")
                    .asText());
            assertThat(record.getString("reason")).contains("not valid JSON");
            assertThat(record.getString("failedAt")).isEqualTo("2025-07-16T17:00:00.000+00:00");
        });
    }

    @Test
    void shouldFailOnlyTheMeetingWhosePayloadIsIncomplete() {
        JsonNode broken = fixtures.expectedMeetings().get(3);
        int index = fixtures.allMeetings().indexOf(broken);
        tab.meetingsBody(fixtures.meetingsListWith(index, meeting -> meeting.remove("date")));

        ImportSummary summary = importDay(TabFixtures.DAY);

        String brokenId = broken.path("meeting").asText();
        assertThat(summary.failedMeetings()).singleElement().satisfies(f -> {
            assertThat(f.meetingId()).isEqualTo(brokenId);
            assertThat(f.step()).isEqualTo("meetings");
            assertThat(f.reason()).contains("'date'");
        });
        Set<String> stored = store().list(RaceDaySchema.MEETINGS, DocumentQuery.all()).stream().map(Document::id)
                .collect(Collectors.toSet());
        assertThat(stored).hasSize(11).doesNotContain(brokenId);
        assertThat(summary.races()).isEqualTo(96 - broken.path("races").size());
        assertThat(summary.status()).isEqualTo("completed");
    }

    @Test
    void shouldFailOnlyTheRaceTheMeetingsListDescribesBadly() {
        JsonNode meeting = fixtures.expectedMeetings().get(0);
        int index = fixtures.allMeetings().indexOf(meeting);
        String brokenRace = meeting.path("races").get(1).path("id").asText();
        tab.meetingsBody(fixtures.meetingsListWith(index,
                m -> ((com.fasterxml.jackson.databind.node.ObjectNode) m.path("races").get(1)).remove("start_time")));

        ImportSummary summary = importDay(TabFixtures.DAY);

        assertThat(summary.failedRaces()).singleElement().satisfies(f -> {
            assertThat(f.raceId()).isEqualTo(brokenRace);
            assertThat(f.step()).isEqualTo("meetings");
            assertThat(f.reason()).contains("'start_time'");
        });
        assertThat(store().get(RaceDaySchema.MEETINGS, meeting.path("meeting").asText())).isPresent();
        assertThat(store().get(RaceDaySchema.RACES, brokenRace)).isEmpty();
        assertThat(summary.races()).isEqualTo(95);
        assertThat(summary.entrants()).isEqualTo(95 * 8);
    }

    @Test
    void shouldAbortTheRunWhenTheMeetingsListCannotBeFetched() {
        tab.fault(r -> r.resource().equals("meetings"), Response.status(502), -1);

        ImportSummary summary = importDay(TabFixtures.DAY);

        assertThat(summary.status()).isEqualTo("aborted");
        assertThat(summary.abortReason()).contains("HTTP 502");
        assertThat(tab.requests()).hasSize(1 + MAX_RETRIES).allMatch(r -> r.resource().equals("meetings"));
        assertThat(store().list(RaceDaySchema.MEETINGS, DocumentQuery.all())).isEmpty();
    }

    @Test
    void shouldAbortTheRunWhenTheMeetingsListIsNotJson() {
        tab.meetingsBody("<html>maintenance</html>".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        ImportSummary summary = importDay(TabFixtures.DAY);

        assertThat(summary.status()).isEqualTo("aborted");
        assertThat(summary.abortReason()).startsWith("meetings list: response is not valid JSON");
        assertThat(tab.requests()).hasSize(1);
    }

    private static String reasonFor(ImportSummary summary, String raceId) {
        return summary.failedRaces().stream().filter(f -> raceId.equals(f.raceId())).findFirst().orElseThrow()
                .reason();
    }
}
