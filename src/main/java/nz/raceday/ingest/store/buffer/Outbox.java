package nz.raceday.ingest.store.buffer;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import nz.raceday.ingest.store.StoredTimes;
import nz.raceday.ingest.store.Write;
import nz.raceday.ingest.store.jdbc.SqliteConnections;

/**
 * The durable outbox: batches of writes the backend could not take, in arrival order, in a SQLite file. An entry is
 * removed only after the backend has taken all of it, so a crash at any point replays it (safe: ids are
 * deterministic, upserts compare, creates treat "already exists" as done). An entry the backend rejects outright
 * (Appwrite's 400: replaying it cannot help) moves to {@code outbox_rejected} with the reason, so it neither blocks
 * the queue nor disappears.
 */
public final class Outbox implements AutoCloseable {

    /**
     * One queued batch.
     *
     * @param seq        position in the queue
     * @param enqueuedAt when it was queued
     * @param writtenAt  when the writes were made: the time their store-stamped attributes carry
     * @param writes     the writes
     */
    public record Entry(long seq, Instant enqueuedAt, Instant writtenAt, List<Write> writes) {
    }

    private final Path file;
    private final String what;
    private final Connection connection;
    private long depth;
    private Instant oldest;

    private Outbox(Path file, String what, Connection connection) throws SQLException {
        this.file = file;
        this.what = what;
        this.connection = connection;
        refreshStats();
    }

    /**
     * Opens (creating it if needed) the outbox file.
     *
     * @param backend what the outbox holds writes for, for messages ({@code "Appwrite"})
     */
    public static Outbox open(Path file, String backend) {
        Path absolute = file.toAbsolutePath().normalize();
        String what = "the " + backend + " outbox";
        // FULL: an entry acknowledged to the caller must survive a power cut
        Connection connection = SqliteConnections.openWal(absolute, what, "PRAGMA synchronous=FULL");
        try {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, "
                        + "enqueued_at TEXT NOT NULL, written_at TEXT NOT NULL, writes INTEGER NOT NULL, "
                        + "batch TEXT NOT NULL)");
                statement.execute("CREATE TABLE IF NOT EXISTS outbox_rejected (seq INTEGER PRIMARY KEY, "
                        + "enqueued_at TEXT NOT NULL, written_at TEXT NOT NULL, rejected_at TEXT NOT NULL, "
                        + "reason TEXT NOT NULL, batch TEXT NOT NULL)");
            }
            return new Outbox(absolute, what, connection);
        } catch (SQLException e) {
            throw SqliteConnections.openFailed(what, absolute, e);
        }
    }

    public Path file() {
        return file;
    }

    /** Queues a batch; returns its position in the queue. */
    public synchronized long append(List<Write> writes, Instant writtenAt, Instant now) {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO outbox (enqueued_at, written_at, writes, batch) VALUES (?, ?, ?, ?)");
                Statement lastId = connection.createStatement()) {
            statement.setString(1, StoredTimes.format(now));
            statement.setString(2, writtenAt.toString());
            statement.setInt(3, writes.size());
            statement.setString(4, WriteCodec.encode(writes));
            statement.executeUpdate();
            depth++;
            if (oldest == null) {
                oldest = now;
            }
            try (ResultSet rs = lastId.executeQuery("SELECT last_insert_rowid()")) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot queue writes in " + what + " " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /** The oldest entry, if any. */
    public synchronized Optional<Entry> head() {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(
                        "SELECT seq, enqueued_at, written_at, batch FROM outbox ORDER BY seq LIMIT 1")) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new Entry(rs.getLong(1), StoredTimes.parse(rs.getString(2)),
                    Instant.parse(rs.getString(3)), WriteCodec.decode(rs.getString(4))));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + what + " " + file + ": " + e.getMessage(), e);
        }
    }

    /** Removes a delivered entry. */
    public synchronized void remove(long seq) {
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM outbox WHERE seq = ?")) {
            statement.setLong(1, seq);
            statement.executeUpdate();
            refreshStats();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update " + what + " " + file + ": " + e.getMessage(), e);
        }
    }

    /** Moves an entry the backend refuses to {@code outbox_rejected}. */
    public synchronized void reject(long seq, String reason, Instant now) {
        try {
            connection.setAutoCommit(false);
            try (PreparedStatement copy = connection.prepareStatement("INSERT OR REPLACE INTO outbox_rejected "
                    + "(seq, enqueued_at, written_at, rejected_at, reason, batch) "
                    + "SELECT seq, enqueued_at, written_at, ?, ?, batch FROM outbox WHERE seq = ?");
                    PreparedStatement delete = connection.prepareStatement("DELETE FROM outbox WHERE seq = ?")) {
                copy.setString(1, StoredTimes.format(now));
                copy.setString(2, reason);
                copy.setLong(3, seq);
                copy.executeUpdate();
                delete.setLong(1, seq);
                delete.executeUpdate();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
            refreshStats();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update " + what + " " + file + ": " + e.getMessage(), e);
        }
    }

    /** Batches waiting. */
    public synchronized long depth() {
        return depth;
    }

    /** When the oldest waiting batch was queued, or null when none waits. */
    public synchronized Instant oldest() {
        return oldest;
    }

    /** Batches the backend refused, kept for an operator. */
    public synchronized long rejected() {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT count(*) FROM outbox_rejected")) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + what + " " + file + ": " + e.getMessage(), e);
        }
    }

    private void refreshStats() throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT count(*), min(enqueued_at) FROM outbox")) {
            rs.next();
            depth = rs.getLong(1);
            String first = rs.getString(2);
            oldest = first == null ? null : StoredTimes.parse(first);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // nothing is pending in memory: every entry is committed when appended
        }
    }
}
