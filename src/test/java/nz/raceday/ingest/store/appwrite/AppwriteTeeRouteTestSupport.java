package nz.raceday.ingest.store.appwrite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nz.raceday.ingest.store.Document;
import nz.raceday.ingest.store.DocumentQuery;
import nz.raceday.ingest.store.RaceStore;
import nz.raceday.ingest.store.buffer.BufferingRaceStore;
import nz.raceday.ingest.store.schema.CollectionSchema;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import nz.raceday.ingest.store.sqlite.SqliteRaceStore;
import nz.raceday.ingest.testsupport.RacedayRouteTestSupport;
import nz.raceday.ingest.testsupport.TeeRaceStore;
import nz.raceday.ingest.testsupport.appwrite.AppwriteTestServer;
import org.junit.jupiter.api.AfterEach;

/**
 * The real pipeline writing through the Appwrite store, which the application reads from, while every batch also
 * goes to a SQLite store, so that both can be compared afterwards. The Appwrite test server shares the test's clock:
 * even the system timestamps compare.
 */
abstract class AppwriteTeeRouteTestSupport extends RacedayRouteTestSupport {

    protected final AppwriteTestServer appwrite = AppwriteTestServer.builder().clock(clock).start();
    protected SqliteRaceStore sqlite;
    protected BufferingRaceStore appwriteStore;

    @Override
    protected RaceStore createStore() {
        sqlite = SqliteRaceStore.open(workDir.resolve("compare.db"), clock);
        appwriteStore = AppwriteTestStores.open(appwrite, workDir.resolve("appwrite-outbox.db"), clock);
        return new TeeRaceStore(appwriteStore, sqlite);
    }

    @AfterEach
    void stopAppwrite() {
        // the store drains and closes with the context, while the server still answers
        context.stop();
        appwrite.close();
    }

    /** Every collection holds the same documents in both stores (system timestamps included or not). */
    protected void assertSameDocuments(boolean withSystemTimes) {
        for (CollectionSchema collection : RaceDaySchema.collections()) {
            List<Map<String, Object>> inAppwrite = comparable(appwriteStore.list(collection.id(), DocumentQuery.all()),
                    withSystemTimes);
            List<Map<String, Object>> inSqlite = comparable(sqlite.list(collection.id(), DocumentQuery.all()),
                    withSystemTimes);
            assertThat(inAppwrite).as(collection.id()).containsExactlyElementsOf(inSqlite);
        }
    }

    private static List<Map<String, Object>> comparable(List<Document> documents, boolean withSystemTimes) {
        return documents.stream().sorted(Comparator.comparing(Document::id)).map(d -> {
            Map<String, Object> map = new LinkedHashMap<>(d.attributes());
            map.put("$id", d.id());
            if (withSystemTimes) {
                map.put("$createdAt", d.createdAt());
                map.put("$updatedAt", d.updatedAt());
            }
            return map;
        }).toList();
    }
}
