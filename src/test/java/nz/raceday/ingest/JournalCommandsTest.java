package nz.raceday.ingest;

import static nz.raceday.ingest.CommandOutcome.help;
import static nz.raceday.ingest.CommandOutcome.outcome;
import static nz.raceday.ingest.CommandOutcome.usageError;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import nz.raceday.ingest.cli.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command lines of {@code replay} and {@code journal}: usage errors exit 2 before anything starts. */
class JournalCommandsTest {

    /** What a user sees, written out here so that changing it is a deliberate act. */
    private static final String REPLAY_USAGE = """
            Usage: java -jar target/raceday-ingest.jar replay --day YYYY-MM-DD [--journal PATH] [--speed max|realtime]
              runs the journaled NZ racing day through the import and polling routes into the configured store
              (RACEDAY_STORE, RACEDAY_DB_PATH, Appwrite settings); --journal defaults to journal.path
              (RACEDAY_JOURNAL_PATH, ./data/journal); --speed max (default) runs as fast as it goes, realtime waits
              out the recorded time between steps. The last stdout line is a JSON summary: responses, documents
              written per collection, problems, durationMs.
            """;

    private static final String JOURNAL_USAGE = """
            Usage:
              java -jar target/raceday-ingest.jar journal stats [--day YYYY-MM-DD] [--journal PATH]
                  days, responses, distinct bodies, body bytes and bytes on disk (JSON)
              java -jar target/raceday-ingest.jar journal export --race <eventId> --to DIR [--journal PATH]
                  that race's journaled responses as JSON files in the recorded-fixture format, plus index.json
              --journal defaults to journal.path (RACEDAY_JOURNAL_PATH, ./data/journal)
            """;

    @TempDir
    Path directory;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) throws Exception {
        return Application.run(CommandLine.parse(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void theJournalCommandsFindTheJournalWhereTheServiceWrites() {
        // the repository's application.properties: RACEDAY_JOURNAL_PATH, else ./data/journal (CI sets no such variable)
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("RACEDAY_JOURNAL_PATH") == null
                && System.getenv("JOURNAL_PATH") == null, "a journal path variable is set in this environment");
        assertThat(JournalCommand.configuredJournal()).isEqualTo(Path.of("./data/journal"));
        // -Djournal.path overrides the file, as for the service (Camel's properties component resolves both)
        System.setProperty("journal.path", directory.toString());
        try {
            assertThat(JournalCommand.configuredJournal()).isEqualTo(directory);
        } finally {
            System.clearProperty("journal.path");
        }
    }

    @Test
    void replayNeedsADayAndAKnownSpeed() throws Exception {
        assertThat(run("replay")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("replay needs --day YYYY-MM-DD");
        assertThat(run("replay", "--day", "2025-07-17", "--speed", "fast")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--speed is max or realtime");
        assertThat(run("replay", "--day", "17/07/2025")).isEqualTo(2);
    }

    @Test
    void replayOfADayWithoutASegmentNamesTheFile() throws Exception {
        assertThat(run("replay", "--day", "2025-07-17", "--journal", directory.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no journal segment for 2025-07-17",
                "2025-07-17.journal");
    }

    @Test
    void replayHelpIsItsOwnUsageOnStdout() throws Exception {
        assertThat(outcome("replay", "--help")).isEqualTo(help(REPLAY_USAGE));
        assertThat(outcome("replay", "-h")).isEqualTo(help(REPLAY_USAGE));
        assertThat(outcome("replay", "--day", "2025-07-17", "--help")).isEqualTo(help(REPLAY_USAGE));
    }

    @Test
    void replayUsageErrorsPrintTheReasonAndReplaysUsage() throws Exception {
        assertThat(outcome("replay")).isEqualTo(usageError("replay needs --day YYYY-MM-DD", REPLAY_USAGE));
        assertThat(outcome("replay", "--day")).isEqualTo(usageError("--day needs a value", REPLAY_USAGE));
        assertThat(outcome("replay", "--day", "2025-07-17", "--journal"))
                .isEqualTo(usageError("--journal needs a value", REPLAY_USAGE));
        assertThat(outcome("replay", "--day", "17/07/2025"))
                .isEqualTo(usageError("--day must be YYYY-MM-DD, got '17/07/2025'", REPLAY_USAGE));
        assertThat(outcome("replay", "--day", "2025-07-17", "--speed", "fast"))
                .isEqualTo(usageError("--speed is max or realtime, got 'fast'", REPLAY_USAGE));
        assertThat(outcome("replay", "--date", "2025-07-17"))
                .isEqualTo(usageError("unknown option '--date' for replay", REPLAY_USAGE));
        // options are read in order: the first bad one is the one reported
        assertThat(outcome("replay", "--day", "17/07/2025", "--date", "2025-07-17"))
                .isEqualTo(usageError("--day must be YYYY-MM-DD, got '17/07/2025'", REPLAY_USAGE));
    }

    @Test
    void journalStatsOfAnEmptyJournalAndUsageErrors() throws Exception {
        assertThat(run("journal", "stats", "--journal", directory.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"days\":0", "\"responses\":0");
        assertThat(run("journal", "export", "--race", "x", "--journal", directory.toString())).isEqualTo(2);
        assertThat(run("journal", "vacuum")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown journal command 'vacuum'");
    }

    @Test
    void journalStatsOfOneDayAndExportOfARaceTheJournalDoesNotHold() throws Exception {
        CommandOutcome stats = outcome("journal", "stats", "--day", "2025-07-17", "--journal", directory.toString());
        assertThat(stats.exitCode()).isZero();
        assertThat(stats.stdout()).contains("\"days\":0");
        assertThat(stats.stderr()).isEmpty();

        Path to = directory.resolve("export");
        assertThat(outcome("journal", "export", "--race", "x", "--to", to.toString(), "--journal",
                directory.toString()))
                .isEqualTo(new CommandOutcome(1, "{\"race\":\"x\",\"files\":0,\"to\":\"" + to.toAbsolutePath() + "\"}"
                        + System.lineSeparator(), ""));
    }

    @Test
    void journalHelpIsItsOwnUsageOnStdout() throws Exception {
        assertThat(outcome("journal", "--help")).isEqualTo(help(JOURNAL_USAGE));
        assertThat(outcome("journal", "-h")).isEqualTo(help(JOURNAL_USAGE));
        assertThat(outcome("journal", "stats", "--help")).isEqualTo(help(JOURNAL_USAGE));
        assertThat(outcome("journal", "export", "--race", "x", "--help")).isEqualTo(help(JOURNAL_USAGE));
        // journal alone has always printed its usage on stdout, but exits 2: no action was given
        assertThat(outcome("journal")).isEqualTo(new CommandOutcome(2, JOURNAL_USAGE, ""));
    }

    @Test
    void journalUsageErrorsPrintTheReasonAndJournalsUsage() throws Exception {
        assertThat(outcome("journal", "stats", "--day", "2025-7-17"))
                .isEqualTo(usageError("--day must be YYYY-MM-DD, got '2025-7-17'", JOURNAL_USAGE));
        assertThat(outcome("journal", "stats", "--journal"))
                .isEqualTo(usageError("--journal needs a value", JOURNAL_USAGE));
        assertThat(outcome("journal", "stats", "--since", "2025-07-17"))
                .isEqualTo(usageError("unknown option '--since' for journal", JOURNAL_USAGE));
        assertThat(outcome("journal", "export", "--race", "x"))
                .isEqualTo(usageError("journal export needs --race <eventId> and --to DIR", JOURNAL_USAGE));
        assertThat(outcome("journal", "export", "--to", directory.toString()))
                .isEqualTo(usageError("journal export needs --race <eventId> and --to DIR", JOURNAL_USAGE));
        assertThat(outcome("journal", "vacuum"))
                .isEqualTo(usageError("unknown journal command 'vacuum' (stats, export)", JOURNAL_USAGE));
        // the options are read before the action is looked at
        assertThat(outcome("journal", "vacuum", "--since", "2025-07-17"))
                .isEqualTo(usageError("unknown option '--since' for journal", JOURNAL_USAGE));
    }
}
