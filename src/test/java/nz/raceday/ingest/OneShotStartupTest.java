package nz.raceday.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.management.ObjectName;

import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-shot commands ({@code import}, {@code poll}) start without JMX and without Camel's route metrics; the
 * service keeps both (issue 13 item 1). Both start the real application from {@code application.properties} and
 * {@code routes/}, schedules and management server off (this test needs neither a free port nor the TAB API).
 */
@Timeout(120)
class OneShotStartupTest {

    @TempDir
    Path dir;

    /** What a started application has switched on. */
    private record Started(boolean jmx, long camelMBeans, boolean routeMetrics, boolean routesStarted) {
    }

    private Started start(Map<String, String> commandOverrides) throws Exception {
        Map<String, String> overrides = new LinkedHashMap<>(commandOverrides);
        overrides.put("raceday.db-path", dir.resolve("raceday.db").toString());
        overrides.put("tab.base-url", "http://127.0.0.1:9"); // never called: nothing runs without a schedule
        overrides.put("camel.management.enabled", "false");
        overrides.put("camel.main.routes-reload-enabled", "false");
        // the service's flows stay off here as well: the test is about what starts, not what runs
        ImportCommand.SCHEDULES_OFF.forEach(overrides::putIfAbsent);
        Main main = RacedayMain.create(overrides);
        try {
            main.init();
            main.start();
            CamelContext context = main.getCamelContext();
            long mbeans = ManagementFactory.getPlatformMBeanServer()
                    .queryNames(new ObjectName("org.apache.camel:context=" + context.getManagementName() + ",*"), null)
                    .size();
            boolean routeMetrics = context.getRoutePolicyFactories().stream()
                    .anyMatch(f -> f.getClass().getSimpleName().startsWith("Micrometer"));
            boolean started = context.getRoute("import-day") != null
                    && context.getRouteController().getRouteStatus("import-day").isStarted();
            return new Started(context.getManagementStrategy().getManagementAgent() != null, mbeans, routeMetrics,
                    started);
        } finally {
            main.stop();
        }
    }

    @Test
    void shouldStartTheOneShotCommandsWithoutJmxAndRouteMetrics() throws Exception {
        Started oneShot = start(ImportCommand.ONE_SHOT);

        assertThat(oneShot.routesStarted()).isTrue();
        assertThat(oneShot.jmx()).isFalse();
        assertThat(oneShot.camelMBeans()).isZero();
        assertThat(oneShot.routeMetrics()).isFalse();
    }

    @Test
    void shouldStartTheServiceWithJmxAndRouteMetrics() throws Exception {
        Started service = start(Map.of());

        assertThat(service.routesStarted()).isTrue();
        assertThat(service.jmx()).isTrue();
        assertThat(service.camelMBeans()).isPositive();
        assertThat(service.routeMetrics()).isTrue();
    }
}
