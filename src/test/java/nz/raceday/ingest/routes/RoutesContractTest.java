package nz.raceday.ingest.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import nz.raceday.ingest.testsupport.RacedayRouteTestSupport;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.model.ToDynamicDefinition;
import org.apache.camel.model.TryDefinition;
import org.junit.jupiter.api.Test;

/**
 * Conventions the route files keep: every route and every outbound step has an id of its own (metrics, JMX,
 * Hawtio and tests key on them), and every placeholder a route uses is declared in application.properties.
 */
class RoutesContractTest extends RacedayRouteTestSupport {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^}:?]+)(?::[^}]*)?}}");
    /** {{millis:key}} and {{seconds:key}} read the duration setting {@code key} in the unit a route option takes. */
    private static final Pattern UNIT_PLACEHOLDER = Pattern.compile("\\{\\{(?:millis|seconds):([^}:?]+)}}");

    @Test
    void shouldGiveEveryRouteAndEveryOutboundStepAnExplicitId() {
        List<RouteDefinition> routes = context.getCamelContextExtension()
                .getContextPlugin(org.apache.camel.model.Model.class).getRouteDefinitions();
        assertThat(routes).isNotEmpty();
        List<String> missing = new ArrayList<>();
        for (RouteDefinition route : routes) {
            if (!route.hasCustomIdAssigned()) {
                missing.add("route " + route.getId());
            }
            collectOutboundWithoutId(route.getId(), route.getOutputs(), missing);
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void shouldDeclareEveryPlaceholderTheRoutesUse() throws IOException {
        Properties declared = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("application.properties"))) {
            declared.load(reader);
        }
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".camel.yaml")).toList()) {
                String yaml = Files.readString(file);
                Matcher unit = UNIT_PLACEHOLDER.matcher(yaml);
                while (unit.find()) {
                    used.add(unit.group(1).trim());
                }
                Matcher matcher = PLACEHOLDER.matcher(UNIT_PLACEHOLDER.matcher(yaml).replaceAll(""));
                while (matcher.find()) {
                    used.add(matcher.group(1).trim());
                }
            }
        }
        assertThat(used).isNotEmpty().contains("ha.route-prefix", "tab.retry.initial-delay",
                "tab.circuit-breaker.wait-duration-in-open-state").doesNotContain("millis", "seconds");
        // set by the application from ha.enabled (empty, or master:<namespace>:), never by hand
        used.remove("ha.route-prefix");
        assertThat(declared).containsKeys("ha.enabled", "ha.namespace");
        assertThat(used).allSatisfy(key -> assertThat(declared).as("application.properties").containsKey(key));
    }

    private static void collectOutboundWithoutId(String routeId, List<ProcessorDefinition<?>> outputs,
            List<String> missing) {
        for (ProcessorDefinition<?> step : outputs) {
            boolean outbound = step instanceof SendDefinition<?> || step instanceof ToDynamicDefinition;
            if (outbound && !step.hasCustomIdAssigned()) {
                missing.add(routeId + ": " + step.getShortName() + " " + step.getLabel());
            }
            collectOutboundWithoutId(routeId, step.getOutputs(), missing);
            if (step instanceof TryDefinition tryBlock) {
                // catch and finally clauses are not among a doTry's outputs
                tryBlock.getCatchClauses().forEach(c -> collectOutboundWithoutId(routeId, c.getOutputs(), missing));
                if (tryBlock.getFinallyClause() != null) {
                    collectOutboundWithoutId(routeId, tryBlock.getFinallyClause().getOutputs(), missing);
                }
            }
        }
    }
}
