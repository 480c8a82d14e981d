package nz.raceday.ingest.daily;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import nz.raceday.ingest.mapping.RaceDayDocuments;
import nz.raceday.ingest.store.sqlite.SqliteRaceStore;
import nz.raceday.ingest.tab.TabPayloadParser;
import nz.raceday.ingest.testsupport.MutableClock;
import nz.raceday.ingest.testsupport.TabFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Import runs never overlap: a run that starts while another is in progress waits for it. */
class DailyImportRunOrderTest {

    @TempDir
    Path dir;

    @Test
    void shouldStartASecondRunOnlyAfterTheFirstFinished() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2025-07-16T17:00:00Z"));
        try (SqliteRaceStore store = SqliteRaceStore.open(dir.resolve("r.db"), clock)) {
            DailyImport dailyImport = new DailyImport(store, new TabPayloadParser(), new RaceDayDocuments(),
                    MeetingFilter.of("AUS,NZ", "T,H"), clock, 100, 20);
            ImportRun first = dailyImport.begin(ImportRequest.allSteps(TabFixtures.DAY, "first"));

            CompletableFuture<ImportRun> second = CompletableFuture.supplyAsync(() -> {
                try {
                    return dailyImport.begin(dailyImport.todaysRequest("races", "second"));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> dailyImport.waitingRuns() == 1);
            assertThat(second).isNotDone();

            dailyImport.finish(first);

            ImportRun started = second.get();
            assertThat(started.request().trigger()).isEqualTo("second");
            assertThat(started.runId()).isNotEqualTo(first.runId());
            assertThat(dailyImport.waitingRuns()).isZero();
            dailyImport.finish(started);
        }
    }
}
