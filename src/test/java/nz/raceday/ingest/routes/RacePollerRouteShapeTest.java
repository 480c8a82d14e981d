package nz.raceday.ingest.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import nz.raceday.ingest.testsupport.RacedayRouteTestSupport;
import org.apache.camel.model.DelayDefinition;
import org.apache.camel.model.Model;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RecipientListDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The poller's scheduling as the product's design names it (issue 10 item 1), visible in the route and in Hawtio: a
 * polling cycle per race made of a {@code delay} ({@code asyncDelayed}) and a {@code recipientList}; no timer-driven
 * dispatcher; the failure paths appear in the route dump Hawtio draws its diagrams from.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RacePollerRouteShapeTest extends RacedayRouteTestSupport {

    private List<RouteDefinition> pollerRoutes() {
        return context.getCamelContextExtension().getContextPlugin(Model.class).getRouteDefinitions().stream()
                .filter(r -> r.getResource() != null && r.getResource().getLocation().contains("race-poller"))
                .toList();
    }

    private RouteDefinition route(String id) {
        return pollerRoutes().stream().filter(r -> r.getId().equals(id)).findFirst().orElseThrow();
    }

    private static List<ProcessorDefinition<?>> steps(List<ProcessorDefinition<?>> outputs) {
        List<ProcessorDefinition<?>> all = new ArrayList<>();
        for (ProcessorDefinition<?> step : outputs) {
            all.add(step);
            all.addAll(steps(step.getOutputs()));
        }
        return all;
    }

    @Test
    void shouldScheduleEachRaceWithADelayAndARecipientList() {
        List<ProcessorDefinition<?>> cycle = steps(route("race-poll-cycle").getOutputs());

        assertThat(cycle).filteredOn(DelayDefinition.class::isInstance).singleElement().satisfies(step -> {
            DelayDefinition delay = (DelayDefinition) step;
            assertThat(delay.getId()).isEqualTo("wait-for-next-poll");
            assertThat(delay.getAsyncDelayed()).isEqualTo("true");
            assertThat(delay.getExecutorService()).isEqualTo("raceCycleTimer");
        });
        assertThat(cycle).filteredOn(RecipientListDefinition.class::isInstance).singleElement()
                .satisfies(step -> assertThat(step.getId()).isEqualTo("race-poll-hops"));
        assertThat(route("race-poll-cycle").getInput().getEndpointUri()).startsWith("seda:race-poll-cycles");
    }

    @Test
    void shouldHaveNoTimerDrivenDispatcher() throws Exception {
        assertThat(pollerRoutes()).extracting(RouteDefinition::getId).doesNotContain("race-poll-dispatcher")
                .contains("plan-race-polls", "race-poll-cycle", "race-poll-queue",
                        "race-poll", "race-poll-cycle-finished", "race-poll-records");
        // the only timer left fires once, at startup (tests swap it for direct:, so read the file itself)
        String yaml = Files.readString(Path.of("routes", "race-poller.camel.yaml"));
        assertThat(yaml).doesNotContain("dispatch-interval", "period:");
        assertThat(yaml.split("}}timer:|uri: \"?timer:", -1)).hasSize(2);
        assertThat(yaml).contains("timer:race-poll-planner-startup\"\n      parameters:\n        repeatCount: 1");
    }

    @Test
    void shouldShowTheMissedPollStepInTheRouteDumpHawtioDraws() throws Exception {
        String dump = PluginHelper.getModelToXMLDumper(context).dumpModelAsXml(context, route("race-poll"));

        assertThat(dump).contains("<doCatch id=\"race-poll-failed\"", "id=\"store-missed-poll\"");
        String queue = PluginHelper.getModelToXMLDumper(context).dumpModelAsXml(context, route("race-poll-queue"));
        assertThat(queue).contains("<doFinally id=\"race-poll-queue-finally\"", "id=\"continue-race-poll-cycle\"");
        String cycle = PluginHelper.getModelToXMLDumper(context).dumpModelAsXml(context, route("race-poll-cycle"));
        assertThat(cycle).contains("<delay id=\"wait-for-next-poll\"", "<recipientList id=\"race-poll-hops\"");
    }
}
