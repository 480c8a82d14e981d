package nz.raceday.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;

import com.fasterxml.jackson.databind.JsonNode;
import nz.raceday.ingest.store.DocumentQuery;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import nz.raceday.ingest.store.sqlite.SqliteRaceStore;
import nz.raceday.ingest.testsupport.JarRunner;
import nz.raceday.ingest.testsupport.JarRunner.Run;
import nz.raceday.ingest.testsupport.TabFixtures;
import nz.raceday.ingest.testsupport.TabTestServer;
import nz.raceday.ingest.testsupport.TabTestServer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code java -jar target/raceday-ingest.jar poll --race <eventId>}, the operator's backfill tool. */
class PollCommandIT {

    private final TabTestServer tab = new TabTestServer(new TabFixtures());
    private final JarRunner jar = new JarRunner().env("TAB_BASE_URL", tab.baseUrl())
            .jvmOption("-Dtab.retry.initial-delay=10ms").jvmOption("-Dtab.retry.max-delay=20ms");

    @AfterEach
    void cleanUp() throws IOException {
        tab.close();
        jar.close();
    }

    @Test
    void shouldPollTheRecordedEventIntoAnEmptyStore() throws Exception {
        Run run = jar.run("poll", "--race", TabFixtures.RECORDED_EVENT_ID);

        assertThat(run.exitCode()).as(run.output()).isZero();
        JsonNode summary = run.summary();
        assertThat(summary.path("raceId").asText()).isEqualTo(TabFixtures.RECORDED_EVENT_ID);
        assertThat(summary.path("status").asText()).isEqualTo("Final");
        assertThat(summary.path("stored").path("entrants").asInt()).isEqualTo(8);
        assertThat(summary.path("stored").path("odds-history").asInt()).isEqualTo(32);
        assertThat(summary.path("stored").path("money-flow-history").asInt()).isEqualTo(8);
        assertThat(summary.path("failure").isNull()).isTrue();
        try (SqliteRaceStore store = SqliteRaceStore.open(jar.database(), Clock.systemUTC())) {
            assertThat(store.get(RaceDaySchema.RACES, TabFixtures.RECORDED_EVENT_ID)).isPresent();
            assertThat(store.get(RaceDaySchema.MEETINGS, TabFixtures.RECORDED_MEETING_ID)).isPresent();
            assertThat(store.get(RaceDaySchema.RACE_POOLS, TabFixtures.RECORDED_EVENT_ID)).isPresent();
            assertThat(store.get(RaceDaySchema.RACE_RESULTS, TabFixtures.RECORDED_EVENT_ID)).isPresent();
            assertThat(store.list(RaceDaySchema.ENTRANTS, DocumentQuery.all())).hasSize(8);
        }
    }

    @Test
    void shouldExitNonZeroWithTheReasonWhenThePollFails() throws Exception {
        tab.failEvent(TabFixtures.RECORDED_EVENT_ID, Response.status(404));

        Run run = jar.run("poll", "--race", TabFixtures.RECORDED_EVENT_ID);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.summary().path("failure").asText()).contains("HTTP 404");
    }

    @Test
    void shouldRejectAPollWithoutARace() throws Exception {
        Run run = jar.run("poll");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("poll needs --race <eventId>");
    }
}
