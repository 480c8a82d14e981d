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
 * {@code import [--date YYYY-MM-DD]}: starts the application with its schedules switched off, sends one
 * request for all three steps to {@code direct:import-day}, stops, and prints the run summary as JSON.
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

    private final LocalDate date;

    ImportCommand(LocalDate date) {
        this.date = date;
    }

    int run(PrintStream out) throws Exception {
        Main main = RacedayMain.create(SCHEDULES_OFF);
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
