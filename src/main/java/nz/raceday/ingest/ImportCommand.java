package nz.raceday.ingest;

import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nz.raceday.ingest.daily.ImportRequest;
import nz.raceday.ingest.daily.ImportSummary;
import nz.raceday.ingest.shared.ConfigurationProblem;
import nz.raceday.ingest.shared.RacingDay;

/**
 * {@code import [--date YYYY-MM-DD]}: starts the application with its schedules switched off ({@link #ONE_SHOT}),
 * sends one request for all three steps to {@code direct:import-day}, stops, and prints the run summary as JSON.
 */
final class ImportCommand {

    private static final Logger LOG = LoggerFactory.getLogger(ImportCommand.class);

    /** The scheduled flows stay off: the command runs the pipeline once, now. */
    static final Map<String, String> SCHEDULES_OFF = Map.of(
            "daily-meetings.enabled", "false",
            "daily-races.enabled", "false",
            "daily-entrants.enabled", "false",
            "race-poller.enabled", "false",
            // a one-shot command beside a running service must not take (or fight for) its management port
            "camel.management.enabled", "false",
            // nor wait to be leader: an operator's import runs now
            "ha.enabled", "false");

    /**
     * What the one-shot commands ({@code import}, {@code poll}) run with: the schedules off, and neither JMX nor
     * Camel's route metrics, which nothing reads in a process that ends when its one request is done (no management
     * server serves them) and which cost start-up time: JMX registers an MBean per route, processor and endpoint,
     * the metrics a route policy and event notifiers around every exchange (issue 13 item 1).
     */
    static final Map<String, String> ONE_SHOT = oneShot();

    private static Map<String, String> oneShot() {
        Map<String, String> overrides = new java.util.LinkedHashMap<>(SCHEDULES_OFF);
        overrides.put("camel.main.jmx-enabled", "false");
        overrides.put("camel.metrics.enabled", "false");
        return java.util.Collections.unmodifiableMap(overrides);
    }

    private final LocalDate date;

    ImportCommand(LocalDate date) {
        this.date = date;
    }

    int run(PrintStream out) throws Exception {
        Main main = RacedayMain.create(ONE_SHOT);
        ImportSummary summary;
        try {
            main.init();
            main.start();
            CamelContext context = main.getCamelContext();
            StartupReport.check(context);
            Clock clock = context.getRegistry().lookupByNameAndType("clock", Clock.class);
            LocalDate racingDay = date != null ? date : RacingDay.today(clock);
            summary = context.createProducerTemplate().requestBody("direct:import-day",
                    ImportRequest.allSteps(racingDay, "import command"), ImportSummary.class);
        } catch (Exception e) {
            if (ConfigurationProblem.in(e) != null) {
                throw e;
            }
            LOG.error("Import could not run: {}", e.getMessage(), e);
            return 1;
        } finally {
            main.stop();
        }
        LOG.info("Resources: {}", ResourceUsage.measure());
        // printed after Camel has stopped so that it is the last line on stdout
        out.println(summary.toJson());
        out.flush();
        return summary.aborted() ? 1 : 0;
    }
}
