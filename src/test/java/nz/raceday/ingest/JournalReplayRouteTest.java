package nz.raceday.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import nz.raceday.ingest.journal.JournalEntry;
import nz.raceday.ingest.journal.JournalFormat;
import nz.raceday.ingest.journal.JournalReader;
import nz.raceday.ingest.journal.ReplayClock;
import nz.raceday.ingest.journal.Replayer;
import nz.raceday.ingest.journal.ResponseJournal;
import nz.raceday.ingest.simulator.FaultKind;
import nz.raceday.ingest.simulator.SimulatedDay;
import nz.raceday.ingest.simulator.SimulatorSettings;
import nz.raceday.ingest.simulator.TabSimulatorServer;
import nz.raceday.ingest.store.RaceStore;
import nz.raceday.ingest.store.appwrite.AppwriteTestStores;
import nz.raceday.ingest.store.sqlite.SqliteRaceStore;
import nz.raceday.ingest.testsupport.appwrite.AppwriteTestServer;
import nz.raceday.ingest.testsupport.RacedayRouteTestSupport;
import nz.raceday.ingest.testsupport.SimulatedDayDriver;
import nz.raceday.ingest.testsupport.StoreSnapshot;
import org.junit.jupiter.api.Test;

/**
 * A simulated day with faults (5xx, 429, timeouts, malformed bodies) runs live through import and polling with the
 * journal on; {@code replay --day} of its journal into a fresh SQLite store gives every collection identical,
 * document for document and attribute for attribute (odds history, money flow and the poller's counts included),
 * a second replay into that store changes nothing, and a replay into Appwrite (the test server) stores the same.
 */
class JournalReplayRouteTest extends RacedayRouteTestSupport {

    private final SimulatorSettings settings = SimulatorSettings.defaults().toBuilder()
            .firstStart(Duration.ofMinutes(30))
            .errorRate(0.15)
            .malformedRate(0.05)
            .throttleRate(0.03)
            .retryAfterSeconds(0)
            .throttleBurst(2)
            .timeoutRate(0.01)
            .timeoutHold(Duration.ofMillis(1500))
            .build();
    private final TabSimulatorServer simulator = simulateTabDay(settings);
    private final SimulatedDay day = simulator.day();

    @Override
    protected Map<String, String> testProperties() {
        Map<String, String> properties = super.testProperties();
        properties.putAll(failPollsForGoodWithoutTrippingTheBreaker());
        return properties;
    }

    @Test
    void shouldReplayTheJournaledDayIntoAFreshStoreIdentically() throws Exception {
        importDay(day.racingDay());
        new SimulatedDayDriver(context, template, clock, day).followTheDay();
        ResponseJournal journal = context.getRegistry().lookupByNameAndType("responseJournal", ResponseJournal.class);
        assertThat(journal.flush(Duration.ofSeconds(30))).as("journal written").isTrue();
        assertThat(simulator.faultCount(FaultKind.SERVER_ERROR)).isPositive();
        assertThat(simulator.faultCount(FaultKind.MALFORMED)).isPositive();
        assertThat(simulator.faultCount(FaultKind.THROTTLED)).isPositive();
        String live = StoreSnapshot.of(store(), Set.of());

        Path segment = workDir.resolve("journal").resolve(JournalFormat.segmentName(day.racingDay()));
        JournalReader.Segment read = JournalReader.read(segment);
        assertThat(read.problems()).isEmpty();
        assertThat(read.entries()).extracting(JournalEntry::status).contains(200, 429).anyMatch(s -> s >= 500);
        assertThat(read.distinctBodies()).isLessThan(read.entries().size());

        Path replayDb = workDir.resolve("replay.db");
        Replayer.Summary first = replay(replayDb);
        assertThat(first.problems()).isEmpty();
        assertThat(first.responses()).isEqualTo(read.entries().size());
        assertThat(first.documents()).containsKeys("races", "odds-history", "money-flow-history");
        assertIdentical(snapshot(replayDb), live);

        Replayer.Summary second = replay(replayDb);
        assertThat(second.problems()).isEmpty();
        assertIdentical(snapshot(replayDb), live);

        // the same journal into Appwrite (the test server, on the replay's clock): the same documents again
        ReplayClock replayClock = new ReplayClock(clock.instant());
        try (AppwriteTestServer appwrite = AppwriteTestServer.builder().clock(replayClock).start()) {
            Path outbox = workDir.resolve("replay-outbox.db");
            Map<String, String> overrides = new LinkedHashMap<>(failPollsForGoodWithoutTrippingTheBreaker());
            overrides.putAll(AppwriteTestStores.properties(appwrite, outbox));
            overrides.put("raceday.store", "appwrite");
            overrides.put("camel.main.routes-reload-enabled", "false");
            Replayer.Summary intoAppwrite = new ReplayCommand(day.racingDay(), workDir.resolve("journal"),
                    Replayer.Speed.MAX, overrides).withClock(replayClock).replay();
            assertThat(intoAppwrite.problems()).isEmpty();
            try (RaceStore inAppwrite = AppwriteTestStores.open(appwrite, workDir.resolve("read-outbox.db"),
                    replayClock)) {
                assertIdentical(StoreSnapshot.of(inAppwrite, Set.of()), live);
            }
        }
    }

    /** On a difference, both snapshots are left in target/ for a diff. */
    private static void assertIdentical(String replayed, String live) throws java.io.IOException {
        if (!replayed.equals(live)) {
            Files.writeString(Path.of("target", "journal-replay-live.json"), live);
            Files.writeString(Path.of("target", "journal-replay-replayed.json"), replayed);
        }
        assertThat(replayed).as("replayed store equals the live one (diff target/journal-replay-*.json)")
                .isEqualTo(live);
    }

    private Replayer.Summary replay(Path database) throws Exception {
        Map<String, String> overrides = new LinkedHashMap<>(failPollsForGoodWithoutTrippingTheBreaker());
        overrides.put("raceday.db-path", database.toString());
        overrides.put("camel.main.routes-reload-enabled", "false");
        return new ReplayCommand(day.racingDay(), workDir.resolve("journal"), Replayer.Speed.MAX, overrides).replay();
    }

    private String snapshot(Path database) {
        assertThat(Files.exists(database)).isTrue();
        try (RaceStore replayed = SqliteRaceStore.open(database, clock)) {
            return StoreSnapshot.of(replayed, Set.of());
        }
    }
}
