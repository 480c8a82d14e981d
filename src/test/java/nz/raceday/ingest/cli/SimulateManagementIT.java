package nz.raceday.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import nz.raceday.ingest.testsupport.JarRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code simulate} runs the management server as the service does: health, metrics and Jolokia answer while the
 * simulated day runs, its opening lines name the address and the {@code hawtio} command, and SIGTERM stops it
 * cleanly with exit 0.
 */
class SimulateManagementIT {

    private final JarRunner jar = new JarRunner();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void cleanUp() throws IOException {
        jar.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + jar.managementPort() + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldServeTheManagementServerAndStopOnSigterm() throws Exception {
        String jolokia = "http://127.0.0.1:" + jar.managementPort() + "/observe/jolokia";
        JarRunner.Started simulate = jar.start("simulate");
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> simulate.outputSoFar().contains("Daily import done"));
            List<String> lines = simulate.outputSoFar().lines().toList();
            int management = indexOf(lines, "Management server http://127.0.0.1:" + jar.managementPort()
                    + "/observe (health, metrics, jolokia); open the routes in Hawtio with: "
                    + "java -jar target/raceday-ingest.jar hawtio --connect " + jolokia);
            // among the opening lines: before the day's description and its timeline
            assertThat(management).isLessThan(indexOf(lines, "Simulating racing day "));

            assertThat(get("/observe/health").statusCode()).isEqualTo(200);
            HttpResponse<String> metrics = get("/observe/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("app_info{camel_context=\"raceday-ingest\"");
            HttpResponse<String> context = get("/observe/jolokia/search/org.apache.camel:type=context,*");
            assertThat(context.statusCode()).isEqualTo(200);
            assertThat(context.body()).contains("org.apache.camel:context=raceday-ingest,type=context");
        } finally {
            simulate.process().destroy();
            assertThat(simulate.process().waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s").isTrue();
        }
        assertThat(simulate.process().exitValue()).as(simulate.outputSoFar()).isZero();
        String output = simulate.outputSoFar();
        assertThat(output).contains("Stopping on request before the day is over", "Simulated day stopped early",
                "Closed sqlite");
        assertThat(output).doesNotContain(" ERROR ", "Exception");
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no line contains '" + text + "' in:\n" + String.join("\n", lines));
    }
}
