package nz.raceday.ingest.store;

import java.time.Clock;

import org.junit.jupiter.api.Timeout;

/** The test double the buffering layer's outage tests run over keeps the store contract itself. */
@Timeout(60)
class InMemoryRaceStoreTest extends RaceStoreContractTest {

    @Override
    protected RaceStore createStore(Clock clock) {
        return new InMemoryRaceStore(clock);
    }
}
