package nz.raceday.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import nz.raceday.ingest.testsupport.JarRunner;
import nz.raceday.ingest.testsupport.TabFixtures;
import nz.raceday.ingest.testsupport.TabTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar target/raceday-ingest.jar} with no command: the service starts every flow from the packaged jar
 * (so a component missing from the fat jar shows here, not in production), and stops cleanly on SIGTERM.
 */
class ServiceIT {

    private final TabTestServer tab = new TabTestServer(new TabFixtures());
    private final JarRunner jar = new JarRunner().env("TAB_BASE_URL", tab.baseUrl());

    @AfterEach
    void cleanUp() throws IOException {
        tab.close();
        jar.close();
    }

    @Test
    void shouldStartEveryFlowAndShutDownGracefullyOnSigterm() throws Exception {
        JarRunner.Started service = jar.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> service.outputSoFar().contains(" started: store "));
            String started = service.outputSoFar();
            assertThat(started).contains("scheduled flows: daily-meetings on (0 0 17 * * ? UTC), daily-races on "
                    + "(0 10 17 * * ? UTC), daily-entrants on (0 20 17 * * ? UTC), race poller on");
            assertThat(started).contains("TAB API " + tab.baseUrl());
            // the startup planner ran on the (empty) store
            await().atMost(Duration.ofSeconds(30)).until(() -> service.outputSoFar().contains("Started race-poll-cycle ("));
        } finally {
            service.process().destroy();
            assertThat(service.process().waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s").isTrue();
        }
        String output = service.outputSoFar();
        assertThat(output).contains("Polling summary: polls made 0, missed 0");
        assertThat(output).contains("Closed sqlite");
        assertThat(output).doesNotContain("ERROR", "Exception");
    }
}
