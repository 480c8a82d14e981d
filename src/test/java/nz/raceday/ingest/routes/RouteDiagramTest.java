package nz.raceday.ingest.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import nz.raceday.ingest.testsupport.RacedayRouteTestSupport;
import org.apache.camel.Route;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What Hawtio draws comes from the route MBeans: {@code dumpRouteAsXml()} for the diagram and source, one processor
 * MBean per step for the per-step statistics. Hawtio 4 draws nothing for a route whose dump starts with an
 * {@code <errorHandler>} (route-level error handlers go into a {@code routeConfiguration}), and a {@code doCatch}
 * or {@code doFinally} only appears when it is written as a step inside the {@code doTry}
 * (routes/error-handling.camel.yaml).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RouteDiagramTest extends RacedayRouteTestSupport {

    /**
     * Route id to the ids of its failure-path steps (catch and finally clauses and what they run), which must be in
     * the route's dump and have a processor MBean.
     */
    static final Map<String, List<String>> FAILURE_PATHS = Map.of(
            "tab-attempt", List.of("tab-http-no-response", "tab-journal-no-response", "tab-count-no-response"),
            "import-day", List.of("import-run-failed", "abort-import-run", "import-run-finally", "finish-import-run"),
            "import-meeting", List.of("meeting-failed", "dead-letter-meeting"),
            "import-race-detail", List.of("race-detail-failed", "dead-letter-race-detail"),
            "import-race-entrants", List.of("race-entrants-failed", "dead-letter-race-entrants"));

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        // the test kit switches JMX off by default; the dumps and processor MBeans are what Jolokia serves
        configuration.withJMX(true);
    }

    private ManagedCamelContext managed() {
        return context.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class);
    }

    @Test
    void shouldDumpEveryRouteWithoutARouteLevelErrorHandler() throws Exception {
        assertThat(context.getRoutes()).hasSizeGreaterThan(10);
        for (Route route : context.getRoutes()) {
            String dump = managed().getManagedRoute(route.getRouteId()).dumpRouteAsXml();
            String afterRouteElement = dump.substring(dump.indexOf('>', dump.indexOf("<route ")) + 1).trim();
            assertThat(afterRouteElement).as(route.getRouteId()).doesNotStartWith("<errorHandler")
                    .doesNotContain("<errorHandler");
        }
    }

    @Test
    void shouldShowTheFailurePathsInTheDumpAndAsProcessorMBeans() throws Exception {
        for (Map.Entry<String, List<String>> route : FAILURE_PATHS.entrySet()) {
            ManagedRouteMBean managedRoute = managed().getManagedRoute(route.getKey());
            assertThat(managedRoute).as(route.getKey()).isNotNull();
            String dump = managedRoute.dumpRouteAsXml();
            for (String stepId : route.getValue()) {
                assertThat(dump).as(route.getKey()).contains("id=\"" + stepId + "\"");
                assertThat(managed().getManagedProcessor(stepId)).as(route.getKey() + " step " + stepId).isNotNull();
            }
        }
    }

    @Test
    void shouldStillRetryTabRequestsThroughTheRouteConfiguration() {
        assertThat(context.getRoute("tab-request").getConfigurationId()).isEqualTo("tab-request-retries");
        assertThat(context.getRoute("tab-attempt").getConfigurationId()).isEqualTo("failures-to-caller");
    }
}
