package nz.raceday.ingest.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import nz.raceday.ingest.tab.TabQueries;
import nz.raceday.ingest.testsupport.RacedayRouteTestSupport;
import nz.raceday.ingest.testsupport.TabFixtures;
import org.apache.camel.Exchange;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.junit.jupiter.api.Test;

/**
 * With {@code camel.main.routes-reload-enabled=true} an edited route file takes effect while the application runs;
 * only that file's routes are replaced, and a broken edit keeps the running routes.
 */
class RouteReloadTest extends RacedayRouteTestSupport {

    private Path routes;

    @Override
    protected Map<String, String> testProperties() {
        routes = copyRoutes(workDir.resolve("routes"));
        Map<String, String> properties = super.testProperties();
        properties.put("camel.main.routes-include-pattern", "file:" + routes + "/*.camel.yaml");
        properties.put("camel.main.routes-reload-enabled", "true");
        properties.put("camel.main.routes-reload-directory", routes.toString());
        return properties;
    }

    @Test
    void shouldApplyAnEditedRouteWhileRunningAndKeepTheOldOneWhenTheEditIsBroken() throws Exception {
        RouteWatcherReloadStrategy reloads = context.hasService(RouteWatcherReloadStrategy.class);
        assertThat(reloads).isNotNull();
        assertThat(acceptHeaderSent()).isEqualTo("application/json");
        int routesBefore = context.getRoutes().size();

        edit("tab-client.camel.yaml", "constant: application/json", "constant: application/json;q=0.8");

        await().atMost(Duration.ofSeconds(30)).until(() -> reloads.getReloadCounter() >= 1);
        assertThat(acceptHeaderSent()).isEqualTo("application/json;q=0.8");
        // the other files' routes were not touched
        assertThat(context.getRoutes()).hasSize(routesBefore);
        assertThat(context.getRoute("import-day").getUptimeMillis()).isGreaterThan(context.getRoute("tab-attempt")
                .getUptimeMillis());

        edit("tab-client.camel.yaml", "- removeHeaders:", "- notAnEip:");

        await().atMost(Duration.ofSeconds(30)).until(() -> reloads.getFailedCounter() >= 1);
        assertThat(acceptHeaderSent()).isEqualTo("application/json;q=0.8");
    }

    private String acceptHeaderSent() {
        Exchange exchange = template.send("direct:tab-request",
                e -> e.setProperty("tabCall", TabQueries.eventForImport(TabFixtures.RECORDED_EVENT_ID)));
        assertThat(exchange.getException()).isNull();
        List<nz.raceday.ingest.testsupport.TabTestServer.Request> requests = tab.requests();
        return requests.get(requests.size() - 1).header("Accept");
    }

    /** Replaces the file in one move, as editors do: the watcher never sees it empty or half written. */
    private void edit(String file, String from, String to) throws IOException {
        Path path = routes.resolve(file);
        String text = Files.readString(path);
        assertThat(text).contains(from);
        Path edited = Files.createTempFile(routes.getParent(), file, ".tmp");
        Files.writeString(edited, text.replace(from, to));
        Files.move(edited, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Path copyRoutes(Path target) {
        try {
            Files.createDirectories(target);
            try (Stream<Path> files = Files.list(Path.of("routes"))) {
                for (Path file : files.toList()) {
                    Files.copy(file, target.resolve(file.getFileName()));
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
