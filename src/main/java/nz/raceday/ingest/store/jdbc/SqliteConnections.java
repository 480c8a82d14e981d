package nz.raceday.ingest.store.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Opens the SQLite files of the application (the SQLite store and the outbox of the buffering layer) the same way: WAL, own pragmas. */
public final class SqliteConnections {

    private SqliteConnections() {
    }

    /**
     * Opens (creating it and its directories if needed) a SQLite file in WAL mode, then runs the given pragmas.
     *
     * @param absolute the file
     * @param what     what the file is, for error messages ({@code "SQLite database"})
     * @param pragmas  statements such as {@code "PRAGMA synchronous=NORMAL"}
     */
    public static Connection openWal(Path absolute, String what, String... pragmas) {
        try {
            if (absolute.getParent() != null) {
                Files.createDirectories(absolute.getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create directory for " + what + " " + absolute, e);
        }
        try {
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + absolute);
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                for (String pragma : pragmas) {
                    statement.execute(pragma);
                }
            }
            return connection;
        } catch (SQLException e) {
            throw openFailed(what, absolute, e);
        }
    }

    /** The error for a SQLite file that could not be opened or prepared. */
    public static IllegalStateException openFailed(String what, Path absolute, SQLException e) {
        return new IllegalStateException("cannot open " + what + " " + absolute + ": " + e.getMessage(), e);
    }
}
