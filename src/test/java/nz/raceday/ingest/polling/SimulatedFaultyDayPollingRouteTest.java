package nz.raceday.ingest.polling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import nz.raceday.ingest.simulator.FaultKind;
import nz.raceday.ingest.simulator.SimulatedDay;
import nz.raceday.ingest.simulator.SimulatedRace;
import nz.raceday.ingest.simulator.SimulatorSettings;
import nz.raceday.ingest.simulator.TabSimulatorServer;
import nz.raceday.ingest.store.Document;
import nz.raceday.ingest.store.DocumentQuery;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import nz.raceday.ingest.testsupport.RacedayRouteTestSupport;
import nz.raceday.ingest.testsupport.SimulatedDayDriver;
import org.junit.jupiter.api.Test;

/**
 * A simulated day with TAB failing now and then (5xx and unreadable bodies): every planned poll is either made or
 * recorded as missed with its reason, the races still finish, and nothing else is affected.
 */
class SimulatedFaultyDayPollingRouteTest extends RacedayRouteTestSupport {

    private final SimulatorSettings settings = SimulatorSettings.defaults().toBuilder()
            .firstStart(Duration.ofMinutes(30))
            .errorRate(0.3)
            .malformedRate(0.05)
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
    void shouldMakeOrRecordAsMissedEveryPlannedPoll() {
        importDay(day.racingDay());
        SimulatedDayDriver driver = new SimulatedDayDriver(context, template, clock, day);
        driver.followTheDay();
        assertThat(driver.plannerFailures()).as("planner runs that failed").isZero();

        assertThat(simulator.faultCount(FaultKind.SERVER_ERROR)).isPositive();
        assertThat(simulator.faultCount(FaultKind.MALFORMED)).isPositive();
        long missedInTotal = 0;
        for (SimulatedRace race : day.importedRaces()) {
            Document stored = store().get(RaceDaySchema.RACES, race.id()).orElseThrow();
            long planned = stored.getLong("pollsPlanned");
            long made = stored.getLong("pollsMade");
            long missed = stored.getLong("pollsMissed");
            assertThat(made + missed).as(race + " planned = made + missed").isEqualTo(planned);
            List<Document> records = store().list(RaceDaySchema.IMPORT_FAILURES,
                    DocumentQuery.all().equal("raceId", race.id()).equal("step", "poll"));
            assertThat((long) records.size()).as(race + " missed polls recorded").isEqualTo(missed);
            assertThat(records).allSatisfy(r -> assertThat(r.getString("reason"))
                    .matches("poll planned for \\S+: .+").containsAnyOf("HTTP 50", "not valid JSON", "still running"));
            assertThat(stored.getString("status")).as(race.toString()).isIn("Final", "Abandoned");
            missedInTotal += missed;
        }
        assertThat(missedInTotal).as("some polls failed for good").isPositive();
    }
}
