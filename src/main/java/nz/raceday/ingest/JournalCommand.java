package nz.raceday.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Properties;

import nz.raceday.ingest.journal.JournalTools;

/**
 * {@code journal stats [--day YYYY-MM-DD] [--journal PATH]} and {@code journal export --race ID --to DIR
 * [--journal PATH]}: what the response journal holds, and one race's responses as recorded fixtures.
 */
final class JournalCommand {

    static final String USAGE = """
            Usage:
              java -jar target/raceday-ingest.jar journal stats [--day YYYY-MM-DD] [--journal PATH]
                  days, responses, distinct bodies, body bytes and bytes on disk (JSON)
              java -jar target/raceday-ingest.jar journal export --race <eventId> --to DIR [--journal PATH]
                  that race's journaled responses as JSON files in the recorded-fixture format, plus index.json
              --journal defaults to journal.path (RACEDAY_JOURNAL_PATH, ./data/journal)
            """;

    private JournalCommand() {
    }

    static int run(List<String> arguments, PrintStream out, PrintStream err) {
        Deque<String> rest = new ArrayDeque<>(arguments);
        String action = rest.poll();
        LocalDate day = null;
        String race = null;
        Path to = null;
        Path journal = null;
        while (!rest.isEmpty()) {
            String option = rest.poll();
            String value = rest.poll();
            if (option.equals("--help") || option.equals("-h")) {
                out.print(USAGE);
                return 0;
            }
            if (value == null) {
                return usage(err, option + " needs a value");
            }
            switch (option) {
                case "--day" -> {
                    try {
                        day = LocalDate.parse(value);
                    } catch (DateTimeParseException e) {
                        return usage(err, "--day must be YYYY-MM-DD, got '" + value + "'");
                    }
                }
                case "--race" -> race = value;
                case "--to" -> to = Path.of(value);
                case "--journal" -> journal = Path.of(value);
                default -> {
                    return usage(err, "unknown option '" + option + "' for journal");
                }
            }
        }
        Path directory = journal != null ? journal : configuredJournal();
        if ("stats".equals(action)) {
            out.println(JournalTools.stats(directory, day));
            return 0;
        }
        if ("export".equals(action)) {
            if (race == null || to == null) {
                return usage(err, "journal export needs --race <eventId> and --to DIR");
            }
            List<Path> files = JournalTools.exportRace(directory, race, to);
            out.println("{\"race\":\"" + race + "\",\"files\":" + files.size() + ",\"to\":\""
                    + to.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
            return files.isEmpty() ? 1 : 0;
        }
        if (action == null || action.equals("--help") || action.equals("-h")) {
            out.print(USAGE);
            return action == null ? 2 : 0;
        }
        return usage(err, "unknown journal command '" + action + "' (stats, export)");
    }

    private static int usage(PrintStream err, String reason) {
        err.println("raceday-ingest: " + reason);
        err.print(USAGE);
        return 2;
    }

    /**
     * The journal directory as the service sees it: {@code RACEDAY_JOURNAL_PATH}, else {@code -Djournal.path},
     * else {@code journal.path} of {@code ./application.properties}, else {@code ./data/journal}.
     */
    static Path configuredJournal() {
        String env = System.getenv("RACEDAY_JOURNAL_PATH");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String property = System.getProperty("journal.path");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
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
