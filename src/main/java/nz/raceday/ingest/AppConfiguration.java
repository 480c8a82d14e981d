package nz.raceday.ingest;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.SimpleEventNotifierSupport;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nz.raceday.ingest.camel.TabRetryAfter;
import nz.raceday.ingest.camel.TabRetryWhile;
import nz.raceday.ingest.daily.DailyImport;
import nz.raceday.ingest.daily.MeetingFilter;
import nz.raceday.ingest.journal.ResponseJournal;
import nz.raceday.ingest.mapping.RaceDayDocuments;
import nz.raceday.ingest.ops.CountingRaceStore;
import nz.raceday.ingest.ops.Operations;
import nz.raceday.ingest.ops.RacedayHealthCheck;
import nz.raceday.ingest.ops.RacedayMeters;
import nz.raceday.ingest.ops.Readiness;
import nz.raceday.ingest.polling.PollDocuments;
import nz.raceday.ingest.polling.PollingCadence;
import nz.raceday.ingest.polling.RaceCycleTimer;
import nz.raceday.ingest.polling.RacePolling;
import nz.raceday.ingest.shared.ConfigurationProblem;
import nz.raceday.ingest.store.RaceStore;
import nz.raceday.ingest.store.appwrite.AppwriteRaceStore;
import nz.raceday.ingest.store.appwrite.AppwriteSettings;
import nz.raceday.ingest.store.sqlite.SqliteRaceStore;
import nz.raceday.ingest.tab.PayloadProblems;
import nz.raceday.ingest.tab.TabIdentity;
import nz.raceday.ingest.tab.TabPayloadParser;
import nz.raceday.ingest.tab.TabRequestCounter;
import nz.raceday.ingest.tab.TabResponses;
import nz.raceday.ingest.tab.TabRetryPolicy;

/**
 * The one wiring class: builds the beans the YAML routes call, from {@code application.properties} (overridden
 * by environment variables and {@code -D}). A bean already bound under the same name (a test's clock, say) is
 * used instead of the default, which is how tests swap edges without touching the flow.
 */
public final class AppConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(AppConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent properties = context.getPropertiesComponent();
        Registry registry = context.getRegistry();
        // first: the previous release's time keys are read into their successors, and routes get {{millis:...}}
        DurationSettings durations = new DurationSettings(properties, LOG::warn);
        durations.install();

        // before the routes load: their triggers read the prefix that puts them under leader election
        properties.addOverrideProperty(HighAvailability.ROUTE_PREFIX,
                HighAvailability.configure(context, key -> optional(properties, key)));

        Clock clock = existingOr(registry, "clock", Clock.class, Clock::systemUTC);
        TabIdentity identity = existingOr(registry, "tabIdentity", TabIdentity.class, () -> new TabIdentity(
                optional(properties, "tab.from-email"), optional(properties, "tab.partner-name"),
                optional(properties, "tab.partner-id"), Version.userAgent()));
        if (!identity.missingVariables().isEmpty()) {
            LOG.warn("TAB identification is incomplete: set {} in the environment. TAB asks partners to identify "
                    + "themselves to avoid being blocked or rate limited.", String.join(", ", identity.missingVariables()));
        }

        RaceStore openedStore = existingOr(registry, "raceStore", RaceStore.class, () -> openStore(properties, clock));
        context.addService(new CloseOnStop(openedStore));
        CountingRaceStore store = new CountingRaceStore(openedStore);

        PayloadProblems payloadProblems = new PayloadProblems();
        TabPayloadParser parser = new TabPayloadParser(payloadProblems);
        MeetingFilter filter = MeetingFilter.of(required(properties, "tab.meetings.countries"),
                required(properties, "tab.meetings.categories"));
        registry.bind("tabPayloadParser", parser);
        registry.bind("tabResponses", new TabResponses(clock));
        TabRequestCounter requestCounter = new TabRequestCounter();
        registry.bind("tabRequestCounter", requestCounter);
        TabRetryPolicy retryPolicy = new TabRetryPolicy(integer(properties, "tab.retry.max-retries"),
                durations.duration("tab.retry.max-retry-after"));
        registry.bind("tabRetryWhile", new TabRetryWhile(retryPolicy, clock));
        registry.bind("tabRetryAfter", new TabRetryAfter(retryPolicy));
        ResponseJournal journal = existingOr(registry, "responseJournal", ResponseJournal.class, () ->
                new ResponseJournal(Boolean.parseBoolean(required(properties, "journal.enabled").trim()),
                        Path.of(required(properties, "journal.path")), integer(properties, "journal.retention-days"),
                        durations.duration("journal.fsync-interval"), clock));
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                journal.close();
            }
        });
        RaceDayDocuments documents = new RaceDayDocuments();
        registry.bind("dailyImport", new DailyImport(store, parser, documents, filter, clock,
                integer(properties, "tab.meetings.page-size"), integer(properties, "tab.meetings.max-pages")));
        RacePolling polling = new RacePolling(store, parser, new PollDocuments(documents), PollingCadence.parse(
                required(properties, "race-poller.cadence"), required(properties, "race-poller.open-after-start-interval"),
                required(properties, "race-poller.closed-interval"), required(properties, "race-poller.after-jump-interval"),
                required(properties, "race-poller.give-up-after-start")), clock);
        registry.bind("racePolling", polling);
        // the polling cycles' delay step waits on this timer; the planner wakes it when it re-plans a race
        RaceCycleTimer cycleTimer = new RaceCycleTimer(2);
        registry.bind("raceCycleTimer", cycleTimer);
        polling.connectCycles(cycleTimer::wakeAll, durations.duration("race-poller.max-wait"));
        polling.followLeadership(HighAvailability.leadership(context, key -> optional(properties, key)));
        context.getManagementStrategy().addEventNotifier(new StopCyclesWhenStopping(polling));
        context.addService(new ShutDownOnStop(cycleTimer));

        Readiness readiness = new Readiness(store, polling.schedule(), clock,
                PollingCadence.duration(required(properties, "health.outbox-max-age")));
        RacedayMeters meters = new RacedayMeters(requestCounter, polling, store);
        // bound once everything has started, whatever order Camel Main set up its metrics and health services in
        context.addStartupListener((started, alreadyStarted) -> {
            Operations.bindMetrics(started, meters);
            Operations.bindMetrics(started, payloadProblems);
            Operations.registerReadiness(started, List.of(
                    new RacedayHealthCheck("store", readiness::store),
                    new RacedayHealthCheck("outbox", readiness::outbox),
                    new RacedayHealthCheck("polling", readiness::polling)));
        });
    }

    static RaceStore openStore(PropertiesComponent properties, Clock clock) {
        String kind = required(properties, "raceday.store").trim().toLowerCase(Locale.ROOT);
        RaceStore store = switch (kind) {
            case "sqlite" -> openSqlite(Path.of(required(properties, "raceday.db-path")), clock);
            // the adapter behind the buffering layer: writes wait in the outbox while Appwrite is down
            case "appwrite" -> AppwriteRaceStore.buffered(AppwriteSettings.from(key -> optional(properties, key)),
                    clock);
            default -> throw new ConfigurationProblem("RACEDAY_STORE=" + kind + " is not supported; use sqlite or "
                    + "appwrite");
        };
        LOG.info("Store: {}", store.describe());
        return store;
    }

    private static RaceStore openSqlite(Path file, Clock clock) {
        try {
            return SqliteRaceStore.open(file, clock);
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            // a path that cannot be written (or a file that is no SQLite database) is a setting to fix
            throw new ConfigurationProblem("RACEDAY_DB_PATH (raceday.db-path) " + file + " cannot be used: "
                    + e.getMessage());
        }
    }

    private static <T> T existingOr(Registry registry, String name, Class<T> type, Supplier<T> create) {
        T existing = registry.lookupByNameAndType(name, type);
        if (existing != null) {
            return existing;
        }
        T created = create.get();
        registry.bind(name, type, created);
        return created;
    }

    private static String optional(PropertiesComponent properties, String key) {
        return properties.resolveProperty(key).orElse(null);
    }

    private static String required(PropertiesComponent properties, String key) {
        return properties.resolveProperty(key).filter(v -> !v.isBlank()).orElseThrow(
                () -> new ConfigurationProblem("missing configuration property " + key));
    }

    private static int integer(PropertiesComponent properties, String key) {
        String value = required(properties, key);
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new ConfigurationProblem("configuration property " + key + " must be a whole number, got '" + value
                    + "'");
        }
    }

    /** Closes the store when Camel stops, after the routes have finished their in-flight work. */
    private static final class CloseOnStop extends ServiceSupport {
        private final RaceStore store;

        CloseOnStop(RaceStore store) {
            this.store = store;
        }

        @Override
        protected void doStop() {
            store.close();
        }
    }

    /**
     * Ends the polling cycles as soon as the application starts stopping: each waits in its delay step as an
     * in-flight exchange, and graceful shutdown would otherwise wait for them until its timeout.
     */
    private static final class StopCyclesWhenStopping extends SimpleEventNotifierSupport {
        private final RacePolling polling;

        StopCyclesWhenStopping(RacePolling polling) {
            this.polling = polling;
        }

        @Override
        public boolean isEnabled(CamelEvent event) {
            return event instanceof CamelEvent.CamelContextStoppingEvent;
        }

        @Override
        public void notify(CamelEvent event) {
            polling.stopCycles();
        }
    }

    /** Stops the cycles' timer when Camel stops. */
    private static final class ShutDownOnStop extends ServiceSupport {
        private final RaceCycleTimer timer;

        ShutDownOnStop(RaceCycleTimer timer) {
            this.timer = timer;
        }

        @Override
        protected void doStop() {
            timer.shutdownNow();
        }
    }
}
