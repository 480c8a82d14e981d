package nz.raceday.ingest;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import nz.raceday.ingest.journal.JournalTools;

/**
 * {@code journal stats [--day YYYY-MM-DD] [--journal PATH]} and {@code journal export --race ID --to DIR
 * [--journal PATH]}: what the response journal holds, and one race's responses as recorded fixtures. Their options
 * are read by {@code CommandLine} ({@code CommandLine.JOURNAL_USAGE}).
 */
final class JournalCommand {

    private JournalCommand() {
    }

    /**
     * Prints days, responses, distinct bodies, body bytes and bytes on disk as one JSON line; exit code 0.
     *
     * @param journal the journal directory, or null for the configured one ({@link #configuredJournal()})
     * @param day     the one day to count, or null for every day
     */
    static int stats(Path journal, LocalDate day, PrintStream out) {
        out.println(JournalTools.stats(directory(journal), day));
        return 0;
    }

    /**
     * Writes the race's journaled responses to {@code to} and prints what was written as one JSON line.
     *
     * @param journal the journal directory, or null for the configured one ({@link #configuredJournal()})
     * @return 0, or 1 when the journal holds no response of that race
     */
    static int export(Path journal, String raceId, Path to, PrintStream out) {
        List<Path> files = JournalTools.exportRace(directory(journal), raceId, to);
        out.println("{\"race\":\"" + raceId + "\",\"files\":" + files.size() + ",\"to\":\""
                + to.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
        return files.isEmpty() ? 1 : 0;
    }

    private static Path directory(Path journal) {
        return journal != null ? journal : configuredJournal();
    }

    /**
     * The journal directory as the service resolves {@code journal.path}: the same files, environment variables
     * ({@code RACEDAY_JOURNAL_PATH} through application.properties) and {@code -D} properties; {@code
     * ./data/journal} when nothing sets it.
     */
    static Path configuredJournal() {
        String configured = RacedayMain.settings().apply("journal.path");
        return configured == null || configured.isBlank() ? Path.of("data", "journal") : Path.of(configured.trim());
    }
}
