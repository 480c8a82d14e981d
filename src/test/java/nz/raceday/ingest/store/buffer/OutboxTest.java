package nz.raceday.ingest.store.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import nz.raceday.ingest.store.Write;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {

    private static final Instant T0 = Instant.parse("2025-07-17T00:40:00.123Z");

    @TempDir
    Path dir;

    private static List<Write> batch(String id) {
        return List.of(new Write.Upsert("races", id, Map.of("status", "Closed")),
                new Write.Create("odds-history", id + "-h", Map.of("odds", 2.5, "type", "fixed_win")));
    }

    @Test
    void shouldHandOutBatchesInArrivalOrderAndKeepThemAcrossRestarts() {
        Path file = dir.resolve("outbox.db");
        try (Outbox outbox = Outbox.open(file, "Appwrite")) {
            outbox.append(batch("race-1"), T0, T0.plusSeconds(1));
            outbox.append(batch("race-2"), T0.plusSeconds(15), T0.plusSeconds(16));
        }

        try (Outbox reopened = Outbox.open(file, "Appwrite")) {
            assertThat(reopened.depth()).isEqualTo(2);
            assertThat(reopened.oldest()).isEqualTo(Instant.parse("2025-07-17T00:40:01.123Z"));
            Outbox.Entry first = reopened.head().orElseThrow();
            assertThat(first.writes()).isEqualTo(batch("race-1"));
            assertThat(first.writtenAt()).isEqualTo(T0);

            reopened.remove(first.seq());

            assertThat(reopened.depth()).isEqualTo(1);
            assertThat(reopened.head().orElseThrow().writes()).isEqualTo(batch("race-2"));
            assertThat(reopened.oldest()).isEqualTo(Instant.parse("2025-07-17T00:40:16.123Z"));
        }
    }

    @Test
    void shouldBeEmptyWithNoOldestEntryWhenNothingWaits() {
        try (Outbox outbox = Outbox.open(dir.resolve("outbox.db"), "Appwrite")) {
            assertThat(outbox.head()).isEmpty();
            assertThat(outbox.depth()).isZero();
            assertThat(outbox.oldest()).isNull();
        }
    }

    @Test
    void shouldSetARejectedBatchAsideWithItsReason() throws SQLException {
        Path file = dir.resolve("outbox.db");
        try (Outbox outbox = Outbox.open(file, "Appwrite")) {
            outbox.append(batch("race-1"), T0, T0);
            outbox.append(batch("race-2"), T0, T0);

            outbox.reject(outbox.head().orElseThrow().seq(), "HTTP 400 document_invalid_structure", T0.plusSeconds(5));

            assertThat(outbox.depth()).isEqualTo(1);
            assertThat(outbox.rejected()).isEqualTo(1);
            assertThat(outbox.head().orElseThrow().writes()).isEqualTo(batch("race-2"));
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                ResultSet rs = connection.createStatement().executeQuery("SELECT reason, batch FROM outbox_rejected")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("reason")).isEqualTo("HTTP 400 document_invalid_structure");
            assertThat(WriteCodec.decode(rs.getString("batch"))).isEqualTo(batch("race-1"));
        }
    }
}
