package nz.raceday.ingest.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import nz.raceday.ingest.AppConfiguration;
import nz.raceday.ingest.Version;
import nz.raceday.ingest.daily.ImportRequest;
import nz.raceday.ingest.daily.ImportSummary;
import nz.raceday.ingest.simulator.SimulatedDay;
import nz.raceday.ingest.simulator.SimulatorSettings;
import nz.raceday.ingest.simulator.TabSimulatorServer;
import nz.raceday.ingest.store.Document;
import nz.raceday.ingest.store.DocumentQuery;
import nz.raceday.ingest.store.RaceStore;
import nz.raceday.ingest.tab.TabIdentity;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.AfterEach;

/**
 * Boots the real application (the production {@link AppConfiguration}, {@code ./application.properties} and
 * every route in {@code routes/}) and swaps only its edges: the TAB API is a {@link TabTestServer} on loopback,
 * the store is a fresh SQLite file, time is a {@link MutableClock}, the Quartz consumers are replaced by
 * {@code direct:} endpoints of the same name, and retry delays are short. A test of a whole simulated day serves
 * it with {@link #simulateTabDay} instead of the fixtures.
 */
public abstract class RacedayRouteTestSupport extends CamelMainTestSupport {

    public static final String FROM_EMAIL = "raceday-tests@example.invalid";
    public static final String PARTNER_NAME = "RaceDay Tests";
    public static final String PARTNER_ID = "raceday-test-partner";

    protected final TabFixtures fixtures = new TabFixtures();
    protected final TabTestServer tab = new TabTestServer(fixtures);
    protected final MutableClock clock = new MutableClock(Instant.parse("2025-07-16T17:00:00Z"));
    protected final Path workDir = createWorkDir();
    /** The simulated day's TAB the application calls instead of {@link #tab}, or null: see {@link #simulateTabDay}. */
    private TabSimulatorServer simulatedTab;

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        // bound first, so AppConfiguration uses them instead of the system clock and the environment
        configuration.addConfiguration(new CamelConfiguration() {
            @Override
            public void configure(CamelContext context) {
                context.getRegistry().bind("clock", clock);
                context.getRegistry().bind("tabIdentity", new TabIdentity(FROM_EMAIL, PARTNER_NAME, PARTNER_ID,
                        Version.userAgent()));
                RaceStore store = createStore();
                if (store != null) {
                    context.getRegistry().bind("raceStore", RaceStore.class, store);
                }
            }
        });
        configuration.addConfiguration(AppConfiguration.class);
    }

    @Override
    protected String getPropertyPlaceholderLocations() {
        return "file:application.properties";
    }

    /** Handed to the test kit in the constructor, filled in {@link #doPreSetup()} once the fields exist. */
    private Properties overrideProperties;

    @Override
    public void configureContext(CamelContextConfiguration configuration) {
        // called from the superclass constructor: this class's fields are not initialised yet
        super.configureContext(configuration);
        overrideProperties = new Properties();
        configuration.withUseOverridePropertiesWithPropertiesComponent(overrideProperties);
        if (replaceQuartzTriggers()) {
            for (String triggeredRoute : TRIGGERED_ROUTES) {
                configuration.replaceRouteFromWith(triggeredRoute, "direct:" + triggeredRoute);
            }
        }
    }

    /** Routes started by Quartz or a timer; tests trigger them through a {@code direct:} endpoint of the same name. */
    protected static final List<String> TRIGGERED_ROUTES = List.of("daily-meetings", "daily-races", "daily-entrants",
            "race-poll-planner", "race-poll-planner-startup", "journal-retention");

    /**
     * Whether the Quartz and timer consumers are swapped for {@code direct:} endpoints (called from the
     * constructor).
     */
    protected boolean replaceQuartzTriggers() {
        return true;
    }

    @Override
    protected void doPreSetup() throws Exception {
        super.doPreSetup();
        overrideProperties.putAll(testProperties());
    }

    /** Response timeout for tests of a hung TAB: a hang never answers, so this only sets the test's length. */
    protected static final String HUNG_RESPONSE_TIMEOUT = "3000";

    /** Properties layered over {@code application.properties}; subclasses add to them. */
    protected Map<String, String> testProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("tab.base-url", simulatedTab != null ? simulatedTab.baseUrl() : tab.baseUrl());
        properties.put("raceday.db-path", workDir.resolve("raceday.db").toString());
        properties.put("journal.path", workDir.resolve("journal").toString());
        properties.put("tab.retry.initial-delay", "5ms");
        properties.put("tab.retry.max-delay", "20ms");
        // generous: on a loaded machine a slow answer must not time out and turn into a missed poll or a
        // second fetch; a test of a hung TAB sets its own short timeout (see HUNG_RESPONSE_TIMEOUT)
        properties.put("camel.component.http.response-timeout", "30000");
        properties.put("camel.component.http.so-timeout", "30000");
        properties.put("camel.main.routes-reload-enabled", "false");
        // tests that need the management server turn it on with a free port (ManagementTestSupport)
        properties.put("camel.management.enabled", "false");
        return properties;
    }

    /**
     * Serves a simulated racing day, made from the settings at the test clock's instant, on that clock, and points
     * {@code tab.base-url} at it instead of at {@link #tab}; it stops after the test. Call it from a field
     * initialiser: the properties are read before each test.
     */
    protected final TabSimulatorServer simulateTabDay(SimulatorSettings settings) {
        if (simulatedTab != null) {
            throw new IllegalStateException("one simulated TAB day per test");
        }
        simulatedTab = TabSimulatorServer.start(SimulatedDay.create(settings, clock.instant()), settings, clock, 0);
        return simulatedTab;
    }

    /**
     * Retry and circuit-breaker settings for a simulated day with faults: one retry, so that some polls fail for good
     * and must be recorded as missed; a breaker that never opens, because its state is wall-clock time (not the test
     * clock), so when it opened would differ from run to run. Add them to {@link #testProperties()} (and to the
     * overrides of a replay of such a day, so it retries as the live run did). A new map each call: callers add to it.
     */
    protected static Map<String, String> failPollsForGoodWithoutTrippingTheBreaker() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("tab.retry.max-retries", "1");
        properties.put("tab.circuit-breaker.failure-rate-threshold", "100");
        return properties;
    }

    @AfterEach
    void releaseTabServer() {
        tab.close();
        if (simulatedTab != null) {
            simulatedTab.close();
        }
    }

    @AfterEach
    void deleteWorkDir() throws IOException {
        try (Stream<Path> files = Files.walk(workDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /**
     * The store the application uses instead of the one {@code raceday.store} selects, or null (the default) for the
     * configured one: a fresh SQLite file.
     */
    protected RaceStore createStore() {
        return null;
    }

    protected RaceStore store() {
        return context.getRegistry().lookupByNameAndType("raceStore", RaceStore.class);
    }

    protected List<Document> all(String collectionId) {
        return store().list(collectionId, DocumentQuery.all().orderAsc("$id"));
    }

    /** Runs all three steps for the day through {@code direct:import-day}, as the import command does. */
    protected ImportSummary importDay(LocalDate day) {
        return template.requestBody("direct:import-day", ImportRequest.allSteps(day, "test"), ImportSummary.class);
    }

    private static Path createWorkDir() {
        try {
            return Files.createTempDirectory("raceday-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
