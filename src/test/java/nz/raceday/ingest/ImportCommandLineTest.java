package nz.raceday.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import nz.raceday.ingest.cli.CommandLine;
import org.junit.jupiter.api.Test;

/**
 * What {@code import} prints for {@code --help} and for bad usage, before anything starts: the main usage on
 * stdout (exit 0), or the reason and the main usage on stderr (exit 2).
 */
class ImportCommandLineTest {

    /** Exit code, stdout and stderr of one command line, each run with its own streams. */
    private record Outcome(int exitCode, String stdout, String stderr) {
    }

    private static Outcome outcome(String... args) throws Exception {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int exitCode = Application.run(CommandLine.parse(args), new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
        return new Outcome(exitCode, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
    }

    private static Outcome usageError(String reason) {
        return new Outcome(2, "", "raceday-ingest: " + reason + System.lineSeparator() + CommandLine.USAGE);
    }

    @Test
    void helpPrintsTheMainUsageOnStdout() throws Exception {
        Outcome help = new Outcome(0, CommandLine.USAGE, "");
        assertThat(outcome("import", "--help")).isEqualTo(help);
        assertThat(outcome("import", "-h")).isEqualTo(help);
        assertThat(outcome("import", "--date=2025-07-17", "--help")).isEqualTo(help);
    }

    @Test
    void usageErrorsPrintTheReasonAndTheMainUsageOnStderr() throws Exception {
        assertThat(outcome("import", "--date")).isEqualTo(usageError("--date needs a value YYYY-MM-DD"));
        assertThat(outcome("import", "--date=")).isEqualTo(usageError("--date must be YYYY-MM-DD, got ''"));
        assertThat(outcome("import", "--date", "17/07/2025"))
                .isEqualTo(usageError("--date must be YYYY-MM-DD, got '17/07/2025'"));
        assertThat(outcome("import", "--date=2025-02-30"))
                .isEqualTo(usageError("--date must be YYYY-MM-DD, got '2025-02-30'"));
        assertThat(outcome("import", "--day", "2025-07-17")).isEqualTo(usageError("unknown option '--day' for import"));
        assertThat(outcome("import", "--day=2025-07-17"))
                .isEqualTo(usageError("unknown option '--day=2025-07-17' for import"));
        assertThat(outcome("import", "--verbose")).isEqualTo(usageError("unknown option '--verbose' for import"));
    }
}
