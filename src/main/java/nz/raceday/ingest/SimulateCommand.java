package nz.raceday.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nz.raceday.ingest.daily.ImportRequest;
import nz.raceday.ingest.daily.ImportSummary;
import nz.raceday.ingest.polling.RacePolling;
import nz.raceday.ingest.shared.ConfigurationProblem;
import nz.raceday.ingest.shared.RaceStatus;
import nz.raceday.ingest.simulator.FaultKind;
import nz.raceday.ingest.simulator.SimulatedDay;
import nz.raceday.ingest.simulator.SimulatedRace;
import nz.raceday.ingest.simulator.SimulatorOptions;
import nz.raceday.ingest.simulator.TabSimulatorServer;
import nz.raceday.ingest.store.DocumentQuery;
import nz.raceday.ingest.store.RaceStore;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import nz.raceday.ingest.store.schema.Fields.Races;

/**
 * {@code simulate}: the whole product offline. Starts the simulated TAB API on loopback in this JVM, runs the normal
 * service against it with the embedded SQLite store (the day's import at once, then live polling), and narrates:
 * what the day holds, a progress line every 30 seconds, and a summary when every race is Final or Abandoned.
 * {@code simulate --api-only} serves the simulated API alone, for another process to point {@code TAB_BASE_URL} at.
 */
final class SimulateCommand {

    private static final Logger LOG = LoggerFactory.getLogger("simulate");
    private static final Path DEFAULT_DATABASE = Path.of("data", "simulate.db");
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(30);
    private static final Duration GRACE_AFTER_DAY = Duration.ofMinutes(3);

    private final SimulatorOptions.Run options;
    private final Clock clock = Clock.systemUTC();
    /** SIGTERM or Ctrl-C: stop the day, stop Camel (closing the store) and exit 0. */
    private final CountDownLatch stopRequested = new CountDownLatch(1);

    SimulateCommand(SimulatorOptions.Run options) {
        this.options = options;
    }

    int run() throws Exception {
        SimulatedDay day = SimulatedDay.create(options.settings(), clock.instant());
        try (TabSimulatorServer server = startServer(day)) {
            if (options.apiOnly()) {
                return serveApiOnly(day, server);
            }
            return simulateDay(day, server);
        }
    }

    private TabSimulatorServer startServer(SimulatedDay day) {
        try {
            return TabSimulatorServer.start(day, options.settings(), clock, options.port());
        } catch (UncheckedIOException e) {
            throw new ConfigurationProblem("simulate --port " + options.port() + ": " + e.getMessage()
                    + " (choose another --port, or 0 for any free port)");
        }
    }

    private int serveApiOnly(SimulatedDay day, TabSimulatorServer server) throws InterruptedException {
        LOG.info("Simulated TAB API at {} (loopback only): racing day {}, {} races to import, last race done at {}; "
                + "point the application at it with TAB_BASE_URL={} . Ctrl-C stops it.", server.baseUrl(),
                day.racingDay(), day.importedRaces().size(), day.end(), server.baseUrl());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Simulated TAB API stopping after {} requests ({})", server.requestCount(), faults(server));
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    private int simulateDay(SimulatedDay day, TabSimulatorServer server) throws Exception {
        StopSignals.onStop(stopRequested::countDown);
        Path database = database();
        Map<String, String> overrides = new LinkedHashMap<>(ImportCommand.SCHEDULES_OFF);
        // the management server (health, metrics, Jolokia for Hawtio) runs as in the service
        overrides.remove("camel.management.enabled");
        overrides.put("race-poller.enabled", "true");
        overrides.put("tab.base-url", server.baseUrl());
        overrides.put("raceday.db-path", database.toString());
        Main main = RacedayMain.create(overrides);
        try {
            main.init();
            main.start();
            CamelContext context = main.getCamelContext();
            StartupReport.check(context);
            StartupReport.checkManagement(context);
            describeManagement(context);
            describe(day, server, database);
            ProducerTemplate template = context.createProducerTemplate();
            ImportSummary summary = template.requestBody("direct:import-day",
                    ImportRequest.allSteps(day.racingDay(), "simulate"), ImportSummary.class);
            LOG.info("Daily import done: {} meetings, {} races, {} entrants, {} failed races; live polling takes over",
                    summary.meetings(), summary.races(), summary.entrants(), summary.failedRaces().size());
            template.sendBody("direct:plan-race-polls", null);
            RaceStore store = context.getRegistry().lookupByNameAndType("raceStore", RaceStore.class);
            RacePolling polling = context.getRegistry().lookupByNameAndType("racePolling", RacePolling.class);
            boolean complete = !stopRequested.await(0, TimeUnit.SECONDS) && followDay(day, server, store, polling);
            StartupReport.logPollingSummary(context);
            LOG.info("Simulated day {}: {} TAB requests ({}). The data is in {}", complete ? "complete"
                    : "stopped early", server.requestCount(), faults(server), database.toAbsolutePath());
            return 0;
        } finally {
            main.stop();
        }
    }

    /**
     * Prints progress until every race of the day is Final or Abandoned in the store (or the day is long over).
     *
     * @return false when a stop was requested first
     */
    private boolean followDay(SimulatedDay day, TabSimulatorServer server, RaceStore store, RacePolling polling)
            throws InterruptedException {
        Instant nextProgress = clock.instant().plus(PROGRESS_EVERY);
        while (true) {
            Map<String, Long> stored = storedStatuses(store, day);
            boolean allDone = stored.entrySet().stream().allMatch(e -> RaceStatus.isTerminal(e.getKey()))
                    && !stored.isEmpty();
            if (allDone || clock.instant().isAfter(day.end().plus(GRACE_AFTER_DAY))) {
                progress(day, server, store, polling);
                return true;
            }
            if (!clock.instant().isBefore(nextProgress)) {
                progress(day, server, store, polling);
                nextProgress = nextProgress.plus(PROGRESS_EVERY);
            }
            // a timed wait, checked every second; SIGTERM or Ctrl-C ends the day early
            if (stopRequested.await(1, TimeUnit.SECONDS)) {
                LOG.info("Stopping on request before the day is over");
                progress(day, server, store, polling);
                return false;
            }
        }
    }

    private void progress(SimulatedDay day, TabSimulatorServer server, RaceStore store, RacePolling polling) {
        Instant now = clock.instant();
        Map<String, Long> truth = day.importedRaces().stream()
                .collect(Collectors.groupingBy(r -> r.statusAt(now), TreeMap::new, Collectors.counting()));
        var metrics = polling.metrics().summary();
        LOG.info("Progress {} of {}: TAB says {}; stored {}; {} odds-history and {} money-flow rows; polls made {}, "
                + "missed {}; TAB requests {}", elapsed(day.start(), now), elapsed(day.start(), day.end()), truth,
                storedStatuses(store, day), store.list(RaceDaySchema.ODDS_HISTORY, DocumentQuery.all()).size(),
                store.list(RaceDaySchema.MONEY_FLOW_HISTORY, DocumentQuery.all()).size(), metrics.made(),
                metrics.missed(), server.requestCount());
    }

    private static Map<String, Long> storedStatuses(RaceStore store, SimulatedDay day) {
        List<String> ids = day.importedRaces().stream().map(SimulatedRace::id).toList();
        return store.list(RaceDaySchema.RACES, DocumentQuery.all().equal("raceId", ids.toArray())).stream()
                .collect(Collectors.groupingBy(d -> d.getString(Races.STATUS), TreeMap::new, Collectors.counting()));
    }

    private void describe(SimulatedDay day, TabSimulatorServer server, Path database) {
        LOG.info("Simulating racing day {} on {}: {} meetings ({} imported), {} races to follow; last race done at "
                + "+{}. Data goes to {}", day.racingDay(), server.baseUrl(), day.meetings().size(),
                day.importedMeetings().size(), day.importedRaces().size(), elapsed(day.start(), day.end()),
                database.toAbsolutePath());
        for (SimulatedDay.TimelineEvent event : day.timeline()) {
            if (event.race().meeting().imported()) {
                LOG.info("  +{}  {} R{} ({}): {}", elapsed(day.start(), event.at()), event.race().meeting().name(),
                        event.race().raceNumber(), event.race().name(), event.description());
            }
        }
    }

    /** The management server's address and the command that opens the demo in Hawtio. */
    private static void describeManagement(CamelContext context) {
        String jolokia = StartupReport.jolokiaUrl(context);
        if (jolokia == null) {
            LOG.info("Management server off (camel.management.enabled=false): no health, metrics or Jolokia");
            return;
        }
        String command = "java -jar target/raceday-ingest.jar hawtio"
                + (jolokia.equals(StartupReport.DEFAULT_JOLOKIA) ? "" : " --connect " + jolokia);
        LOG.info("Management server {} (health, metrics, jolokia); open the routes in Hawtio with: {} , then "
                + "http://127.0.0.1:8090/hawtio", jolokia.substring(0, jolokia.lastIndexOf('/')), command);
    }

    /** The database: RACEDAY_DB_PATH if set, else a fresh {@code ./data/simulate.db}, apart from real data. */
    private static Path database() {
        String configured = System.getenv("RACEDAY_DB_PATH");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        try {
            for (String suffix : List.of("", "-wal", "-shm")) {
                Files.deleteIfExists(Path.of(DEFAULT_DATABASE + suffix));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a fresh " + DEFAULT_DATABASE, e);
        }
        return DEFAULT_DATABASE;
    }

    private static String faults(TabSimulatorServer server) {
        Map<FaultKind, Long> counts = new EnumMap<>(FaultKind.class);
        for (FaultKind kind : FaultKind.values()) {
            counts.put(kind, server.faultCount(kind));
        }
        return "faults injected " + counts;
    }

    private static String elapsed(Instant from, Instant to) {
        long seconds = Math.max(0, Duration.between(from, to).toSeconds());
        return seconds / 60 + ":" + String.format("%02d", seconds % 60);
    }
}
