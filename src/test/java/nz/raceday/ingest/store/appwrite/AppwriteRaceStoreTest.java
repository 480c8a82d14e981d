package nz.raceday.ingest.store.appwrite;

import java.nio.file.Path;
import java.time.Clock;

import nz.raceday.ingest.store.RaceStore;
import nz.raceday.ingest.store.RaceStoreContractTest;
import nz.raceday.ingest.testsupport.appwrite.AppwriteTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store contract on Appwrite: the real SDK against an Appwrite 1.6 test server that shares the test's clock (so
 * {@code $createdAt}/{@code $updatedAt} are comparable with SQLite's) and fails the test on any request the official
 * spec does not allow.
 */
class AppwriteRaceStoreTest extends RaceStoreContractTest {

    @TempDir
    Path dir;

    private AppwriteTestServer server;

    @Override
    protected RaceStore createStore(Clock clock) {
        server = AppwriteTestServer.builder().clock(clock).start();
        return AppwriteTestStores.open(server, dir.resolve("outbox.db"), clock);
    }

    @AfterEach
    void stopServer() {
        store.close();
        server.close();
    }
}
