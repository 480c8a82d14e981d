package nz.raceday.ingest.store.appwrite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import nz.raceday.ingest.daily.ImportSummary;
import nz.raceday.ingest.store.DocumentQuery;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import nz.raceday.ingest.testsupport.TabFixtures;
import nz.raceday.ingest.testsupport.appwrite.AppwriteTestServer.LoggedRequest;
import org.junit.jupiter.api.Test;

/** The recorded day imported into a fresh Appwrite database: one document write per document, none on a re-run. */
class AppwriteImportWritesRouteTest extends AppwriteTeeRouteTestSupport {

    private static final String DOCUMENTS = "/v1/databases/{databaseId}/collections/{collectionId}/documents";

    @Test
    void shouldWriteEachDocumentOnceOnAFreshDatabaseAndNothingOnARerun() {
        appwrite.resetRequestLog();

        ImportSummary first = importDay(TabFixtures.DAY);

        assertThat(first.failedRaces()).isEmpty();
        long documents = RaceDaySchema.collections().stream()
                .mapToLong(c -> appwriteStore.list(c.id(), DocumentQuery.all()).size()).sum();
        assertThat(documents).isEqualTo(12 + 96 + 96 * 8);
        List<LoggedRequest> writes = documentWrites();
        assertThat(writes).hasSize((int) documents).allSatisfy(r -> assertThat(r.method()).isEqualTo("POST"));
        assertSameDocuments(true);

        appwrite.resetRequestLog();
        ImportSummary second = importDay(TabFixtures.DAY);

        assertThat(second.writes().inserted() + second.writes().updated() + second.writes().queued()).isZero();
        assertThat(documentWrites()).isEmpty();
    }

    private List<LoggedRequest> documentWrites() {
        return appwrite.requestLog().stream().filter(r -> !r.method().equals("GET"))
                .filter(r -> r.route().startsWith(DOCUMENTS)).toList();
    }
}
