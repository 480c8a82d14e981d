package nz.raceday.ingest;

import java.io.PrintStream;

import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nz.raceday.ingest.polling.PollSlot;
import nz.raceday.ingest.polling.RacePolling;
import nz.raceday.ingest.shared.ConfigurationProblem;

/**
 * {@code poll --race <eventId>}: an operator's backfill tool. Starts the application with every schedule off, sends
 * one ad-hoc poll of the race through {@code direct:race-poll} (the same route the poller uses), stops, and prints
 * what the poll stored as JSON.
 */
final class PollCommand {

    private static final Logger LOG = LoggerFactory.getLogger(PollCommand.class);

    private final String raceId;

    PollCommand(String raceId) {
        this.raceId = raceId;
    }

    int run(PrintStream out) throws Exception {
        Main main = RacedayMain.create(ImportCommand.ONE_SHOT);
        RacePolling.PollOutcome outcome;
        try {
            main.init();
            main.start();
            CamelContext context = main.getCamelContext();
            StartupReport.check(context);
            RacePolling polling = context.getRegistry().lookupByNameAndType("racePolling", RacePolling.class);
            PollSlot slot = polling.adHocSlot(raceId);
            outcome = context.createProducerTemplate().requestBody("direct:race-poll", slot,
                    RacePolling.PollOutcome.class);
        } catch (Exception e) {
            if (ConfigurationProblem.in(e) != null) {
                throw e;
            }
            LOG.error("Poll could not run: {}", e.getMessage(), e);
            return 1;
        } finally {
            main.stop();
        }
        out.println(outcome.toJson());
        out.flush();
        return outcome.failure() == null ? 0 : 1;
    }
}
