package nz.raceday.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

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

    /** Sets {@code journal.path} (README); by itself Camel would map only {@code JOURNAL_PATH} onto that key. */
    static final String PATH_VARIABLE = "RACEDAY_JOURNAL_PATH";

    /**
     * What overrides {@code journal.path} of {@code application.properties}, as for every other key: {@code
     * -Djournal.path}, else {@code RACEDAY_JOURNAL_PATH}; empty when neither is set.
     */
    static Optional<String> journalPathOverride() {
        return Stream.of(System.getProperty("journal.path"), System.getenv(PATH_VARIABLE))
                .filter(value -> value != null && !value.isBlank()).map(String::trim).findFirst();
    }

    /**
     * The journal directory as the service sees it: {@link #journalPathOverride()}, else {@code journal.path} of
     * {@code ./application.properties}, else {@code ./data/journal}.
     */
    static Path configuredJournal() {
        Optional<String> override = journalPathOverride();
        if (override.isPresent()) {
            return Path.of(override.get());
        }
        Path file = Path.of("application.properties");
        if (Files.isRegularFile(file)) {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String configured = properties.getProperty("journal.path");
            if (configured != null && !configured.isBlank()) {
                return Path.of(configured.trim());
            }
        }
        return Path.of("data", "journal");
    }
}
