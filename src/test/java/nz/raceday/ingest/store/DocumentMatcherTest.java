package nz.raceday.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nz.raceday.ingest.store.DocumentQuery.Operator;
import nz.raceday.ingest.store.schema.CollectionSchema;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import nz.raceday.ingest.store.sqlite.SqliteRaceStore;
import nz.raceday.ingest.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The in-memory evaluation of queries answers exactly as SQL does, NULLs included. */
class DocumentMatcherTest {

    private static final CollectionSchema RACES = RaceDaySchema.collection(RaceDaySchema.RACES);

    @TempDir
    Path dir;

    private SqliteRaceStore sqlite;

    @BeforeEach
    void storeRaces() {
        sqlite = SqliteRaceStore.open(dir.resolve("matcher.db"), new MutableClock(Instant.parse("2025-07-17T00:00:00Z")));
        WriteBatch batch = new WriteBatch();
        String[] statuses = {"Open", "Closed", "Final", "Abandoned", "Open", "Interim", "Final", "Open"};
        for (int i = 0; i < statuses.length; i++) {
            Map<String, Object> race = new LinkedHashMap<>();
            race.put("raceId", "race-" + (char) ('h' - i));
            race.put("name", "Race " + i);
            race.put("raceNumber", (long) (i % 4 + 1));
            race.put("startTime", Instant.parse("2025-07-17T00:50:00Z").plusSeconds(600L * ((i * 5) % 8)));
            race.put("status", statuses[i]);
            if (i % 3 != 0) {
                race.put("distance", 1000L + 200 * i);
                race.put("weather", i % 2 == 0 ? "Fine" : "Overcast");
            }
            batch.upsert(RaceDaySchema.RACES, "race-" + (char) ('h' - i), race);
        }
        sqlite.apply(batch);
    }

    @AfterEach
    void close() {
        sqlite.close();
    }

    static List<DocumentQuery> queries() {
        Instant t = Instant.parse("2025-07-17T01:20:00Z");
        return List.of(
                DocumentQuery.all(),
                DocumentQuery.all().equal("status", "Open", "Final"),
                DocumentQuery.all().where("status", Operator.NOT_EQUAL, "Final").where("status", Operator.NOT_EQUAL,
                        "Abandoned"),
                DocumentQuery.all().where("weather", Operator.NOT_EQUAL, "Fine"),
                DocumentQuery.all().where("distance", Operator.GREATER_THAN, 1500L),
                DocumentQuery.all().where("distance", Operator.LESS_THAN_EQUAL, 1400),
                DocumentQuery.all().where("distance", Operator.IS_NULL),
                DocumentQuery.all().where("distance", Operator.IS_NOT_NULL).orderDesc("distance"),
                DocumentQuery.all().where("startTime", Operator.GREATER_THAN_EQUAL, t).orderAsc("startTime"),
                DocumentQuery.all().where("startTime", Operator.LESS_THAN, "2025-07-17T13:20:00+12:00")
                        .orderDesc("startTime"),
                DocumentQuery.all().orderAsc("distance"),
                DocumentQuery.all().orderDesc("weather").orderAsc("raceNumber"),
                DocumentQuery.all().orderAsc("raceNumber").limit(3),
                DocumentQuery.all().orderAsc("$id"),
                DocumentQuery.all().equal("$id", "race-a", "race-c").orderDesc("$id"),
                DocumentQuery.all().equal("raceNumber", 2, 4).where("status", Operator.NOT_EQUAL, "Open")
                        .orderAsc("startTime").limit(2));
    }

    @ParameterizedTest
    @MethodSource("queries")
    void shouldAnswerAsSqliteDoes(DocumentQuery query) {
        List<String> inSql = sqlite.list(RaceDaySchema.RACES, query).stream().map(Document::id).toList();

        List<String> inMemory = DocumentMatcher.apply(RACES, sqlite.list(RaceDaySchema.RACES, DocumentQuery.all()),
                query).stream().map(Document::id).toList();

        assertThat(inMemory).isEqualTo(inSql);
    }
}
