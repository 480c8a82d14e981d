package nz.raceday.ingest;

import java.util.List;
import java.util.stream.Collectors;

import nz.raceday.ingest.polling.PollMetrics;
import nz.raceday.ingest.polling.RacePolling;
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

    /**
     * Fails when the management server is configured but not listening: Camel only logs a port that is taken, and an
     * instance whose health endpoint is missing looks dead to its orchestrator.
     */
    static void checkManagement(CamelContext context) {
        if (!managementEnabled(context)) {
            return;
        }
        String host = property(context, "camel.management.host", "127.0.0.1");
        int port = Integer.parseInt(property(context, "camel.management.port", "9876"));
        String address = "0.0.0.0".equals(host) ? "127.0.0.1" : host;
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(address, port), 2000);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the management server is not listening on " + host + ":" + port
                    + " (is the port taken? set MANAGEMENT_PORT): " + e.getMessage(), e);
        }
    }

    /** The Jolokia of the default configuration, which {@code hawtio} connects to without {@code --connect}. */
    static final String DEFAULT_JOLOKIA = "http://127.0.0.1:9876/observe/jolokia";

    /** The management server's Jolokia URL (loopback when it listens on every address), or null when it is off. */
    static String jolokiaUrl(CamelContext context) {
        if (!managementEnabled(context)
                || !Boolean.parseBoolean(property(context, "camel.management.jolokia-enabled", "false"))) {
            return null;
        }
        String host = property(context, "camel.management.host", "127.0.0.1");
        String path = property(context, "camel.management.jolokia-path", "/observe/jolokia");
        return "http://" + ("0.0.0.0".equals(host) ? "127.0.0.1" : host) + ":"
                + property(context, "camel.management.port", "9876") + (path.startsWith("/") ? path : "/" + path);
    }

    private static boolean managementEnabled(CamelContext context) {
        return Boolean.parseBoolean(property(context, "camel.management.enabled", "false"));
    }

    private static String property(CamelContext context, String key, String fallback) {
        return context.getPropertiesComponent().resolveProperty(key).orElse(fallback).trim();
    }

    /** Scheduled flows that configuration can switch on and off ({@code <flow>.enabled}). */
    static final List<String> SCHEDULED_FLOWS = List.of("daily-meetings", "daily-races", "daily-entrants");

    /** One line on how polling went since the start, and the process's peak memory (read by the benchmarks). */
    static void logPollingSummary(CamelContext context) {
        RacePolling polling = context.getRegistry().lookupByNameAndType("racePolling", RacePolling.class);
        if (polling != null) {
            PollMetrics.Summary summary = polling.metrics().summary();
            LOG.info("Polling summary: polls made {}, missed {}; lateness ms p50 {} p99 {} max {}; processing ms p50 {} "
                    + "p99 {} max {}; {}", summary.made(), summary.missed(), summary.latenessMillis().p50(),
                    summary.latenessMillis().p99(), summary.latenessMillis().max(), summary.processingMillis().p50(),
                    summary.processingMillis().p99(), summary.processingMillis().max(), ResourceUsage.measure());
            LOG.info("Polling summary of the {} polls woken at their planned instant (without the catch-up polls made at "
                    + "once, such as each race's first at start-up): lateness ms p50 {} p99 {} max {}; processing ms p50 "
                    + "{} p99 {} max {}", summary.timedLatenessMillis().count(), summary.timedLatenessMillis().p50(),
                    summary.timedLatenessMillis().p99(), summary.timedLatenessMillis().max(),
                    summary.timedProcessingMillis().p50(), summary.timedProcessingMillis().p99(),
                    summary.timedProcessingMillis().max());
            LOG.info("Polling stages, ms p50/p99/max: {}", polling.metrics().stages().entrySet().stream()
                    .map(e -> e.getKey().name().toLowerCase(java.util.Locale.ROOT) + " " + e.getValue().p50() + "/"
                            + e.getValue().p99() + "/" + e.getValue().max())
                    .collect(Collectors.joining(", ")));
        }
    }

    static void log(CamelContext context) {
        RaceStore store = context.getRegistry().lookupByNameAndType("raceStore", RaceStore.class);
        String tab = context.getPropertiesComponent().resolveProperty("tab.base-url").orElse("?");
        String flows = SCHEDULED_FLOWS.stream().map(flow -> flow + (context.getRoute(flow) != null ? " on ("
                + context.getPropertiesComponent().resolveProperty(flow + ".cron").orElse("?") + " UTC)" : " off"))
                .collect(Collectors.joining(", "));
        String poller = context.getRoute("race-poll-cycle") != null ? "on" : "off";
        String management = managementEnabled(context) ? "http://" + property(context, "camel.management.host", "?")
                + ":" + property(context, "camel.management.port", "?") + "/observe (health, metrics, jolokia"
                + (Boolean.parseBoolean(property(context, "camel.management.authentication-enabled", "false"))
                        ? "; basic authentication)" : ")") : "off";
        LOG.info("{} {} started: store {}, TAB API {}, management {}, high availability {}, scheduled flows: {}, "
                + "race poller {}", Version.PRODUCT, Version.version(), store == null ? "?" : store.describe(), tab,
                management, HighAvailability.describe(key -> context.getPropertiesComponent().resolveProperty(key)
                        .orElse(null)), flows, poller);
    }
}
