package nz.raceday.ingest;

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

    @TempDir
    Path directory;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) throws Exception {
        return Application.run(CommandLine.parse(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
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
    void journalStatsOfAnEmptyJournalAndUsageErrors() throws Exception {
        assertThat(run("journal", "stats", "--journal", directory.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"days\":0", "\"responses\":0");
        assertThat(run("journal", "export", "--race", "x", "--journal", directory.toString())).isEqualTo(2);
        assertThat(run("journal", "vacuum")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown journal command 'vacuum'");
    }
}
