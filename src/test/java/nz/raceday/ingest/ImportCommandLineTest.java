package nz.raceday.ingest;

import static nz.raceday.ingest.CommandOutcome.help;
import static nz.raceday.ingest.CommandOutcome.outcome;
import static nz.raceday.ingest.CommandOutcome.usageError;
import static org.assertj.core.api.Assertions.assertThat;

import nz.raceday.ingest.cli.CommandLine;
import org.junit.jupiter.api.Test;

/**
 * What {@code import} prints for {@code --help} and for bad usage, before anything starts: the main usage on
 * stdout (exit 0), or the reason and the main usage on stderr (exit 2).
 */
class ImportCommandLineTest {

    @Test
    void helpPrintsTheMainUsageOnStdout() throws Exception {
        CommandOutcome help = help(CommandLine.USAGE);
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
