package nz.raceday.ingest.store.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.locks.ReentrantLock;

import nz.raceday.ingest.store.Document;
import nz.raceday.ingest.store.DocumentMerge;
import nz.raceday.ingest.store.DocumentQuery;
import nz.raceday.ingest.store.DocumentValues;
import nz.raceday.ingest.store.RaceStore;
import nz.raceday.ingest.store.StoreHealth;
import nz.raceday.ingest.store.StoredTimes;
import nz.raceday.ingest.store.Write;
import nz.raceday.ingest.store.WriteBatch;
import nz.raceday.ingest.store.WriteOutcome;
import nz.raceday.ingest.store.WriteResult;
import nz.raceday.ingest.store.jdbc.SqliteConnections;
import nz.raceday.ingest.store.schema.Attribute;
import nz.raceday.ingest.store.schema.AttributeType;
import nz.raceday.ingest.store.schema.CollectionSchema;
import nz.raceday.ingest.store.schema.Index;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default store: one SQLite file in WAL mode, one table per RaceDay collection (collection id
 * with {@code -} replaced by {@code _}), one column per attribute plus {@code id}, {@code $createdAt} and
 * {@code $updatedAt}, mirroring Appwrite's document system fields.
 *
 * <p>All access goes through one connection under a lock: SQLite has a single writer anyway, and a batch
 * is one transaction. Opening provisions the schema idempotently (creates what is missing, never drops).
 */
public final class SqliteRaceStore implements RaceStore {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteRaceStore.class);
    private static final String CREATED_AT = "$createdAt";
    private static final String UPDATED_AT = "$updatedAt";

    private final Path file;
    private final Clock clock;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private static final int MAX_CACHED_STATEMENTS = 256;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    private SqliteRaceStore(Path file, Clock clock, Connection connection) {
        this.file = file;
        this.clock = clock;
        this.connection = connection;
    }

    /**
     * Opens (creating if needed) the database file and provisions the RaceDay schema.
     *
     * @param file  database file; parent directories are created
     * @param clock source of {@code $createdAt}/{@code $updatedAt} and the stamped attributes
     */
    public static SqliteRaceStore open(Path file, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        Path absolute = file.toAbsolutePath().normalize();
        Connection connection = SqliteConnections.openWal(absolute, "SQLite database", "PRAGMA synchronous=NORMAL",
                "PRAGMA busy_timeout=10000");
        try {
            SqliteRaceStore store = new SqliteRaceStore(absolute, clock, connection);
            store.provisionSchema();
            return store;
        } catch (SQLException e) {
            throw SqliteConnections.openFailed("SQLite database", absolute, e);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public String describe() {
        return "sqlite " + file;
    }

    private void provisionSchema() throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (CollectionSchema collection : RaceDaySchema.collections()) {
                String table = quote(collection.tableName());
                StringJoiner columns = new StringJoiner(", ");
                columns.add("id TEXT PRIMARY KEY NOT NULL");
                columns.add(quote(CREATED_AT) + " TEXT NOT NULL");
                columns.add(quote(UPDATED_AT) + " TEXT NOT NULL");
                for (Attribute attribute : collection.attributes()) {
                    columns.add(quote(attribute.key()) + " " + sqlType(attribute.type()));
                }
                statement.execute("CREATE TABLE IF NOT EXISTS " + table + " (" + columns + ")");
                Set<String> existing = existingColumns(collection.tableName());
                for (Attribute attribute : collection.attributes()) {
                    if (!existing.contains(attribute.key())) {
                        LOG.info("Adding column {}.{} to {}", collection.tableName(), attribute.key(), file);
                        statement.execute("ALTER TABLE " + table + " ADD COLUMN " + quote(attribute.key()) + " "
                                + sqlType(attribute.type()));
                    }
                }
                for (Index index : collection.indexes()) {
                    StringJoiner indexed = new StringJoiner(", ");
                    index.attributes().forEach(a -> indexed.add(quote(a)));
                    statement.execute("CREATE " + (index.unique() ? "UNIQUE " : "") + "INDEX IF NOT EXISTS "
                            + quote(collection.tableName() + "__" + index.key()) + " ON " + table + " (" + indexed + ")");
                }
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private Set<String> existingColumns(String table) throws SQLException {
        Set<String> columns = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT name FROM pragma_table_info(?)")) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    @Override
    public WriteResult apply(WriteBatch batch) {
        List<Write> writes = batch.writes();
        // validate everything before touching the database so a bad write fails the whole batch cleanly
        List<Map<String, Object>> values = new ArrayList<>(writes.size());
        for (Write write : writes) {
            values.add(DocumentValues.canonical(RaceDaySchema.collection(write.collectionId()), write));
        }
        List<WriteOutcome> outcomes = new ArrayList<>(writes.size());
        lock.lock();
        try {
            connection.setAutoCommit(false);
            try {
                String now = StoredTimes.format(batch.writtenAt().orElseGet(clock::instant));
                // one read per collection for every document an upsert may change, instead of one per write
                Map<String, Map<String, Document>> stored = readUpsertTargets(writes);
                for (int i = 0; i < writes.size(); i++) {
                    outcomes.add(applyOne(writes.get(i), values.get(i), now, stored));
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SQLite write failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
        return new WriteResult(writes, outcomes);
    }

    private Map<String, Map<String, Document>> readUpsertTargets(List<Write> writes) throws SQLException {
        Map<String, Set<String>> ids = new LinkedHashMap<>();
        for (Write write : writes) {
            if (write instanceof Write.Upsert) {
                ids.computeIfAbsent(write.collectionId(), c -> new java.util.LinkedHashSet<>()).add(write.documentId());
            }
        }
        Map<String, Map<String, Document>> stored = new HashMap<>();
        for (Map.Entry<String, Set<String>> entry : ids.entrySet()) {
            CollectionSchema collection = RaceDaySchema.collection(entry.getKey());
            Map<String, Document> documents = new HashMap<>();
            List<String> all = new ArrayList<>(entry.getValue());
            for (int from = 0; from < all.size(); from += 500) {
                List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
                StringJoiner marks = new StringJoiner(", ");
                chunk.forEach(id -> marks.add("?"));
                PreparedStatement statement = statement("SELECT * FROM " + quote(collection.tableName())
                        + " WHERE id IN (" + marks + ")");
                bind(statement, new ArrayList<>(chunk));
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        Document document = toDocument(collection, rs);
                        documents.put(document.id(), document);
                    }
                }
            }
            stored.put(collection.id(), documents);
        }
        return stored;
    }

    private WriteOutcome applyOne(Write write, Map<String, Object> values, String now,
            Map<String, Map<String, Document>> stored) throws SQLException {
        CollectionSchema collection = RaceDaySchema.collection(write.collectionId());
        if (write instanceof Write.Create) {
            // append-only: an existing document is left alone, so no read is needed
            DocumentValues.checkRequired(collection, write, values);
            return insert(collection, write.documentId(), values, now, true) ? WriteOutcome.INSERTED
                    : WriteOutcome.UNCHANGED;
        }
        Map<String, Document> documents = stored.get(collection.id());
        Document existing = documents.get(write.documentId());
        if (existing == null) {
            DocumentValues.checkRequired(collection, write, values);
            insert(collection, write.documentId(), values, now, false);
            documents.put(write.documentId(), DocumentMerge.created(collection, write.documentId(), values, now));
            return WriteOutcome.INSERTED;
        }
        Optional<DocumentMerge.Update> update = DocumentMerge.update(collection, existing, (Write.Upsert) write,
                values, now, key -> false);
        if (update.isEmpty()) {
            return WriteOutcome.UNCHANGED;
        }
        update(collection, write.documentId(), update.get().data(), now);
        documents.put(write.documentId(), update.get().document());
        return WriteOutcome.UPDATED;
    }

    /** Inserts a document; with {@code ifAbsent} an existing id is left alone. Returns whether a row was added. */
    private boolean insert(CollectionSchema collection, String id, Map<String, Object> values, String now,
            boolean ifAbsent) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put(CREATED_AT, now);
        row.put(UPDATED_AT, now);
        row.putAll(DocumentMerge.creation(collection, values, now));
        StringJoiner names = new StringJoiner(", ");
        StringJoiner marks = new StringJoiner(", ");
        row.keySet().forEach(k -> {
            names.add(quote(k));
            marks.add("?");
        });
        String sql = "INSERT " + (ifAbsent ? "OR IGNORE " : "") + "INTO " + quote(collection.tableName()) + " (" + names
                + ") VALUES (" + marks + ")";
        PreparedStatement statement = statement(sql);
        bind(statement, new ArrayList<>(row.values()));
        return statement.executeUpdate() == 1;
    }

    /**
     * A prepared statement from the cache of this connection: a poll writes the same few statement shapes over and
     * over. Called under the lock; the cache is bounded and closed with the connection.
     */
    private PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            if (statements.size() >= MAX_CACHED_STATEMENTS) {
                for (PreparedStatement old : statements.values()) {
                    old.close();
                }
                statements.clear();
            }
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        statement.clearParameters();
        return statement;
    }

    /** Writes the data of an update: changed attributes and change stamps, as {@link DocumentMerge} made them. */
    private void update(CollectionSchema collection, String id, Map<String, Object> data, String now)
            throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>(data);
        row.put(UPDATED_AT, now);
        StringJoiner assignments = new StringJoiner(", ");
        row.keySet().forEach(k -> assignments.add(quote(k) + " = ?"));
        String sql = "UPDATE " + quote(collection.tableName()) + " SET " + assignments + " WHERE id = ?";
        List<Object> parameters = new ArrayList<>(row.values());
        parameters.add(id);
        PreparedStatement statement = statement(sql);
        bind(statement, parameters);
        statement.executeUpdate();
    }

    @Override
    public Optional<Document> get(String collectionId, String documentId) {
        CollectionSchema collection = RaceDaySchema.collection(collectionId);
        lock.lock();
        try {
            return read(collection, documentId);
        } catch (SQLException e) {
            throw new IllegalStateException("SQLite read failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    private Optional<Document> read(CollectionSchema collection, String documentId) throws SQLException {
        String sql = "SELECT * FROM " + quote(collection.tableName()) + " WHERE id = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, documentId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(toDocument(collection, rs)) : Optional.empty();
            }
        }
    }

    @Override
    public List<Document> list(String collectionId, DocumentQuery query) {
        CollectionSchema collection = RaceDaySchema.collection(collectionId);
        SqlQuery sql = SqlQuery.of(collection, query);
        lock.lock();
        try (PreparedStatement statement = connection.prepareStatement(sql.text())) {
            bind(statement, sql.parameters());
            List<Document> documents = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    documents.add(toDocument(collection, rs));
                }
            }
            return documents;
        } catch (SQLException e) {
            throw new IllegalStateException("SQLite query failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    private static Document toDocument(CollectionSchema collection, ResultSet rs) throws SQLException {
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (Attribute attribute : collection.attributes()) {
            Object value = DocumentValues.fromStored(attribute, rs.getObject(attribute.key()));
            if (value != null) {
                attributes.put(attribute.key(), value);
            }
        }
        return new Document(collection.id(), rs.getString("id"), rs.getString(CREATED_AT), rs.getString(UPDATED_AT),
                attributes);
    }

    private static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            Object value = parameters.get(i);
            if (value == null) {
                statement.setNull(i + 1, java.sql.Types.NULL);
            } else if (value instanceof Boolean b) {
                statement.setInt(i + 1, b ? 1 : 0);
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }

    static String sqlType(AttributeType type) {
        return switch (type) {
            case STRING, DATETIME, RELATIONSHIP -> "TEXT";
            case INTEGER, BOOLEAN -> "INTEGER";
            case FLOAT -> "REAL";
        };
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public StoreHealth health() {
        try {
            if (!lock.tryLock(2, java.util.concurrent.TimeUnit.SECONDS)) {
                // a long transaction holds the connection: busy, not broken
                return StoreHealth.up(describe() + " (busy)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return StoreHealth.up(describe());
        }
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SELECT 1")) {
            rs.next();
            return StoreHealth.up(describe());
        } catch (SQLException e) {
            return new StoreHealth(false, describe() + ": " + e.getMessage(), 0, java.time.Duration.ZERO, 0);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (!connection.isClosed()) {
                for (PreparedStatement statement : statements.values()) {
                    statement.close();
                }
                statements.clear();
                connection.close();
                LOG.info("Closed {}", describe());
            }
        } catch (SQLException e) {
            LOG.warn("Closing {} failed: {}", describe(), e.getMessage());
        } finally {
            lock.unlock();
        }
    }
}
