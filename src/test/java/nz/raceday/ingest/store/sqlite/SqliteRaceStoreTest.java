package nz.raceday.ingest.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import nz.raceday.ingest.store.Document;
import nz.raceday.ingest.store.RaceStore;
import nz.raceday.ingest.store.RaceStoreContractTest;
import nz.raceday.ingest.store.WriteBatch;
import nz.raceday.ingest.store.WriteOutcome;
import nz.raceday.ingest.store.schema.Attribute;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite adapter: the store contract plus what is particular to its database file. */
class SqliteRaceStoreTest extends RaceStoreContractTest {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("raceday.db");
    }

    @Override
    protected RaceStore createStore(Clock clock) {
        return SqliteRaceStore.open(file(), clock);
    }

    // ---- the database file

    @Test
    void shouldUseWriteAheadLogging() throws SQLException {
        assertThat(query("PRAGMA journal_mode")).containsExactly("wal");
    }

    @Test
    void shouldCreateOneTablePerCollectionNamedWithUnderscores() throws SQLException {
        Set<String> tables = new HashSet<>(query("SELECT name FROM sqlite_master WHERE type = 'table'"));

        assertThat(tables).contains("meetings", "races", "entrants", "odds_history", "money_flow_history",
                "race_pools", "race_results", "import_failures");
        assertThat(tables).doesNotContain("money-flow-history", "odds-history");
    }

    @Test
    void shouldHaveAColumnPerAttributePlusIdAndSystemTimes() throws SQLException {
        Set<String> columns = new LinkedHashSet<>(query("SELECT name FROM pragma_table_info('money_flow_history')"));

        Set<String> expected = new HashSet<>(Set.of("id", "$createdAt", "$updatedAt"));
        RaceDaySchema.collection(RaceDaySchema.MONEY_FLOW_HISTORY).attributes().forEach(a -> expected.add(a.key()));
        assertThat(columns).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(columns).contains("raceId", "entrantId", "holdPercentage", "timeInterval", "eventTimestamp");
    }

    @Test
    void shouldKeepDataWhenTheFileIsOpenedAgain() {
        upsert(RACES, "race-1", race("race-1"));
        store.close();

        try (RaceStore reopened = SqliteRaceStore.open(file(), clock)) {
            Document stored = reopened.get(RACES, "race-1").orElseThrow();
            assertThat(stored.getString("name")).isEqualTo("PRYDA HANDICAP 1700");
            assertThat(stored.createdAt()).isEqualTo(T0_STORED);
        }
    }

    @Test
    void shouldCreateMissingParentDirectories() {
        Path nested = dir.resolve("a/b/raceday.db");

        try (SqliteRaceStore other = SqliteRaceStore.open(nested, clock)) {
            assertThat(Files.exists(nested)).isTrue();
            assertThat(other.file()).isEqualTo(nested.toAbsolutePath());
            assertThat(other.describe()).isEqualTo("sqlite " + nested.toAbsolutePath());
        }
    }

    @Test
    void shouldRejectTwoRacesWithTheSameRaceIdThroughTheUniqueIndex() {
        upsert(RACES, "race-1", race("race-1"));

        assertThatThrownBy(() -> upsert(RACES, "race-2", race("race-1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SQLite write failed");
        assertThat(store.get(RACES, "race-2")).isEmpty();
    }

    // ---- a database of an older schema

    @Test
    void shouldAddAMissingColumnOnOpenWithoutLosingRows() throws SQLException {
        store.close();
        Path old = dir.resolve("old.db");
        // the races table as an older schema created it: no runnerCount and no videoChannels
        try (Connection jdbc = DriverManager.getConnection("jdbc:sqlite:" + old);
                Statement sql = jdbc.createStatement()) {
            sql.execute("CREATE TABLE races (id TEXT PRIMARY KEY NOT NULL, \"$createdAt\" TEXT NOT NULL, "
                    + "\"$updatedAt\" TEXT NOT NULL, raceId TEXT, name TEXT, raceNumber INTEGER, startTime TEXT, "
                    + "status TEXT, distance INTEGER)");
            sql.execute("INSERT INTO races VALUES ('race-old', '" + T0_STORED + "', '" + T0_STORED + "', 'race-old', "
                    + "'Old Race', 3, '2025-07-16T23:45:00.000+00:00', 'Final', 1200)");
        }

        try (RaceStore reopened = SqliteRaceStore.open(old, clock)) {
            Document kept = reopened.get(RACES, "race-old").orElseThrow();
            assertThat(kept.getString("name")).isEqualTo("Old Race");
            assertThat(kept.getLong("raceNumber")).isEqualTo(3L);
            assertThat(kept.getLong("distance")).isEqualTo(1200L);
            assertThat(kept.attributes()).doesNotContainKey("runnerCount");

            WriteOutcome outcome = reopened.apply(new WriteBatch().upsert(RACES, "race-old",
                    Map.of("runnerCount", 8L, "videoChannels", "[\"Trackside1\"]"))).outcomes().get(0);

            assertThat(outcome).isEqualTo(WriteOutcome.UPDATED);
            assertThat(reopened.get(RACES, "race-old").orElseThrow().getLong("runnerCount")).isEqualTo(8L);
        }
        try (Connection jdbc = DriverManager.getConnection("jdbc:sqlite:" + old)) {
            Set<String> columns = new HashSet<>(query(jdbc, "SELECT name FROM pragma_table_info('races')"));
            Set<String> attributes = new HashSet<>();
            RaceDaySchema.collection(RACES).attributes().stream().map(Attribute::key).forEach(attributes::add);
            assertThat(columns).containsAll(attributes);
        }
    }

    private List<String> query(String sql) throws SQLException {
        try (Connection jdbc = DriverManager.getConnection("jdbc:sqlite:" + file())) {
            return query(jdbc, sql);
        }
    }

    private static List<String> query(Connection jdbc, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = jdbc.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
