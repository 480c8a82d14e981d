package nz.raceday.ingest.store.appwrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import nz.raceday.ingest.daily.ImportSummary;
import nz.raceday.ingest.simulator.SimulatedDay;
import nz.raceday.ingest.simulator.SimulatedRace;
import nz.raceday.ingest.simulator.SimulatorSettings;
import nz.raceday.ingest.simulator.TabSimulatorServer;
import nz.raceday.ingest.store.Document;
import nz.raceday.ingest.store.DocumentQuery;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import nz.raceday.ingest.testsupport.SimulatedDayDriver;
import nz.raceday.ingest.testsupport.appwrite.Fault;
import org.junit.jupiter.api.Test;

/**
 * Appwrite goes down in the middle of polling, across a jump, and comes back: polling carries on, the writes wait in
 * the outbox, and once it drains Appwrite holds exactly what SQLite (which never went down) holds.
 */
class AppwriteOutageRouteTest extends AppwriteTeeRouteTestSupport {

    private final SimulatorSettings settings = SimulatorSettings.defaults().toBuilder()
            .meetings(1).otherMeetings(0).racesPerMeeting(3).firstStart(Duration.ofMinutes(65)).build();
    private final TabSimulatorServer simulator = simulateTabDay(settings);
    private final SimulatedDay day = simulator.day();

    @Test
    void shouldLoseAndDuplicateNothingWhenAppwriteIsDownInTheMiddleOfPolling() {
        ImportSummary imported = importDay(day.racingDay());
        assertThat(imported.races()).isEqualTo(day.importedRaces().size());
        SimulatedDayDriver driver = new SimulatedDayDriver(context, template, clock, day);
        SimulatedRace first = day.importedRaces().get(0);

        // down from four minutes before the first jump until a minute after it: the 15 s polls and the jump
        driver.followUntil(first.originalAdvertisedStart().minus(Duration.ofMinutes(4)));
        appwrite.startOutage(Fault.htmlError(503));
        driver.followUntil(first.originalAdvertisedStart().plus(Duration.ofMinutes(1)));
        long queuedDuringTheOutage = appwriteStore.outboxDepth();
        appwrite.recover();
        driver.followTheDay();
        await().atMost(Duration.ofSeconds(30)).until(() -> appwriteStore.outboxDepth() == 0);

        assertThat(queuedDuringTheOutage).as("batches queued while Appwrite was down").isGreaterThan(10);
        assertThat(appwriteStore.rejectedBatches()).isZero();
        // Appwrite stamps replayed documents with the time they arrived: compare everything else
        assertSameDocuments(false);
        for (SimulatedRace race : day.importedRaces()) {
            Document stored = appwriteStore.get(RaceDaySchema.RACES, race.id()).orElseThrow();
            assertThat(stored.getString("status")).as(race.toString()).isEqualTo(race.statusAt(clock.instant()));
            assertThat(stored.getLong("pollsMissed")).as(race + " missed").isZero();
            assertThat(stored.getLong("pollsMade")).as(race + " made").isEqualTo(stored.getLong("pollsPlanned"));
        }
        assertThat(appwriteStore.list(RaceDaySchema.IMPORT_FAILURES, DocumentQuery.all())).isEmpty();
    }
}
