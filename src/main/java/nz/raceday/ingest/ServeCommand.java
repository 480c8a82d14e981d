package nz.raceday.ingest;

import java.util.Map;

import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/** No command: the long-running service with the daily schedules, until SIGTERM. */
final class ServeCommand {

    void run() throws Exception {
        Main main = RacedayMain.create(Map.of());
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport started) {
                StartupReport.check(started.getCamelContext());
                StartupReport.checkManagement(started.getCamelContext());
                StartupReport.log(started.getCamelContext());
            }

            @Override
            public void beforeStop(BaseMainSupport stopping) {
                StartupReport.logPollingSummary(stopping.getCamelContext());
            }
        });
        main.run();
    }
}
