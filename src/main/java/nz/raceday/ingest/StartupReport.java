package nz.raceday.ingest;

import java.util.List;
import java.util.stream.Collectors;

import nz.raceday.ingest.store.RaceStore;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Startup checks and the one startup line operators look for. Never prints credentials. */
final class StartupReport {

    private static final Logger LOG = LoggerFactory.getLogger(StartupReport.class);

    /** Routes without which the application cannot do its job. */
    static final List<String> ESSENTIAL_ROUTES = List.of("import-day", "race-poll", "tab-request");

    private StartupReport() {
        // static helpers
    }

    /** Fails when the YAML routes were not found, which happens when started outside the repository root. */
    static void check(CamelContext context) {
        for (String routeId : ESSENTIAL_ROUTES) {
            if (context.getRoute(routeId) == null) {
                String pattern = context.getPropertiesComponent().resolveProperty("camel.main.routes-include-pattern")
                        .orElse("(default)");
                throw new IllegalStateException("route " + routeId + " is not loaded: routes are read from " + pattern
                        + " relative to the working directory; start raceday-ingest from the directory that holds "
                        + "routes/ and application.properties");
            }
        }
    }

    /** Scheduled flows that configuration can switch on and off ({@code <flow>.enabled}). */
    static final List<String> SCHEDULED_FLOWS = List.of("daily-meetings", "daily-races", "daily-entrants");

    static void log(CamelContext context) {
        RaceStore store = context.getRegistry().lookupByNameAndType("raceStore", RaceStore.class);
        String tab = context.getPropertiesComponent().resolveProperty("tab.base-url").orElse("?");
        String flows = SCHEDULED_FLOWS.stream().map(flow -> flow + (context.getRoute(flow) != null ? " on ("
                + context.getPropertiesComponent().resolveProperty(flow + ".cron").orElse("?") + " UTC)" : " off"))
                .collect(Collectors.joining(", "));
        String poller = context.getRoute("race-poll-dispatcher") != null ? "on" : "off";
        LOG.info("{} {} started: store {}, TAB API {}, scheduled flows: {}, race poller {}", Version.PRODUCT,
                Version.version(), store == null ? "?" : store.describe(), tab, flows, poller);
    }
}
