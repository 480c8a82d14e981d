package nz.raceday.ingest;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nz.raceday.ingest.journal.JournalFormat;
import nz.raceday.ingest.journal.JournalReader;
import nz.raceday.ingest.journal.JournalStandIn;
import nz.raceday.ingest.journal.ReplayClock;
import nz.raceday.ingest.journal.Replayer;
import nz.raceday.ingest.ops.CountingRaceStore;
import nz.raceday.ingest.shared.ConfigurationProblem;
import nz.raceday.ingest.store.RaceStore;
import nz.raceday.ingest.store.WriteOutcome;
import nz.raceday.ingest.store.schema.CollectionSchema;
import nz.raceday.ingest.store.schema.RaceDaySchema;

/**
 * {@code replay --day YYYY-MM-DD [--journal PATH] [--speed max|realtime]}: runs a journaled day through the same
 * routes and beans into the configured store ({@code RACEDAY_STORE}, {@code RACEDAY_DB_PATH}, Appwrite settings),
 * with TAB played by the journal ({@link JournalStandIn}) and the clock set to each response's received-at instant.
 * Progress goes to the log; the last stdout line is the JSON summary. Its options are read by
 * {@code CommandLine} ({@code CommandLine.REPLAY_USAGE}).
 */
final class ReplayCommand {

    private static final Logger LOG = LoggerFactory.getLogger("replay");

    private final LocalDate day;
    private final Path journal;
    private final Replayer.Speed speed;
    private final Map<String, String> overrides;
    private ReplayClock givenClock;

    /**
     * @param journal   the journal directory, or null for {@code journal.path} as the service resolves it
     *                  ({@link JournalCommand#configuredJournal()}), looked up when the replay starts
     * @param overrides properties forced over the replay's own (tests point the store elsewhere)
     */
    ReplayCommand(LocalDate day, Path journal, Replayer.Speed speed, Map<String, String> overrides) {
        this.day = day;
        this.journal = journal;
        this.speed = speed;
        this.overrides = Map.copyOf(overrides);
    }

    /** Replays the day and prints its summary as the last stdout line. */
    int run(PrintStream out) throws Exception {
        out.println(replay().toJson());
        return 0;
    }

    /** Replays with this clock (a test's Appwrite server shares it), set to the journal's first instant. */
    ReplayCommand withClock(ReplayClock clock) {
        this.givenClock = clock;
        return this;
    }

    /** Replays the day and returns its summary. */
    Replayer.Summary replay() throws Exception {
        Path directory = journal != null ? journal : JournalCommand.configuredJournal();
        Path file = directory.resolve(JournalFormat.segmentName(day));
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationProblem("no journal segment for " + day + ": " + file.toAbsolutePath()
                    + " does not exist (journal stats lists the days)");
        }
        JournalReader.Segment segment = JournalReader.read(file);
        if (segment.entries().isEmpty()) {
            throw new ConfigurationProblem(file + " holds no readable response");
        }
        ReplayClock clock = givenClock != null ? givenClock : new ReplayClock(Replayer.startOf(segment));
        clock.set(Replayer.startOf(segment));
        try (JournalStandIn standIn = JournalStandIn.start(segment.entries(), clock::set)) {
            Map<String, String> properties = new LinkedHashMap<>(ImportCommand.SCHEDULES_OFF);
            properties.put("race-poller.enabled", "true");
            // the replay's own timeline runs the planner (direct:plan-race-polls); Quartz never does
            properties.put("race-poller.plan-cron", "0 0 0 1 1 ? 2099");
            // a replay is not a TAB response: nothing is journaled again
            properties.put("journal.enabled", "false");
            properties.put("tab.base-url", standIn.baseUrl());
            // the stand-in answers at once; a journaled timeout is held past this read timeout
            properties.put("camel.component.http.so-timeout", "1000");
            properties.put("camel.component.http.response-timeout", "1000");
            if (speed == Replayer.Speed.MAX) {
                // waits between retries are wall-clock time only; the retry decisions follow the replay clock
                properties.put("tab.retry.initial-delay", "1ms");
                properties.put("tab.retry.max-delay", "1ms");
            }
            properties.putAll(overrides);
            Stores stores = new Stores(clock);
            Main main = new Main();
            main.setAppName(Version.PRODUCT);
            main.configure().addConfiguration(stores);
            main.configure().addConfiguration(AppConfiguration.class);
            main.setDefaultPropertyPlaceholderLocation(RacedayMain.PROPERTY_LOCATIONS);
            properties.forEach(main::addOverrideProperty);
            main.addMainListener(new StartupChecks());
            try {
                main.init();
                main.start();
                CamelContext context = main.getCamelContext();
                for (String trigger : List.of("race-poll-planner", "race-poll-planner-startup")) {
                    if (context.getRoute(trigger) != null) {
                        context.getRouteController().stopRoute(trigger);
                    }
                }
                return new Replayer(context, clock, segment, standIn, speed, LOG::info).run(day, stores::written);
            } finally {
                main.stop();
            }
        }
    }

    /** Binds the replay clock and the configured store, counting its writes by collection. */
    private static final class Stores implements CamelConfiguration {
        private final ReplayClock clock;
        private CountingRaceStore store;

        Stores(ReplayClock clock) {
            this.clock = clock;
        }

        @Override
        public void configure(CamelContext context) {
            context.getRegistry().bind("clock", clock);
            store = new CountingRaceStore(AppConfiguration.openStore(context.getPropertiesComponent(), clock));
            context.getRegistry().bind("raceStore", RaceStore.class, store);
        }

        Map<String, Long> written() {
            Map<String, Long> counts = new TreeMap<>();
            for (CollectionSchema collection : RaceDaySchema.collections()) {
                long count = store.count(collection.id(), WriteOutcome.INSERTED)
                        + store.count(collection.id(), WriteOutcome.UPDATED)
                        + store.count(collection.id(), WriteOutcome.QUEUED);
                counts.put(collection.id(), count);
            }
            return counts;
        }
    }
}
