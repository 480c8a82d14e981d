package nz.raceday.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import nz.raceday.ingest.cli.CommandLine;
import nz.raceday.ingest.simulator.SimulatorOptions;
import org.junit.jupiter.api.Test;

/**
 * What {@code simulate} prints for {@code --help} and for bad usage, before anything starts: the simulator's own
 * usage on stdout, or the reason with a pointer to {@code simulate --help} and the main usage on stderr.
 */
class SimulateCommandLineTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) throws Exception {
        return Application.run(CommandLine.parse(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpPrintsTheSimulatorsOwnUsageOnStdout() throws Exception {
        assertThat(run("simulate", "--meetings", "3", "--help")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(SimulatorOptions.USAGE)
                .startsWith("raceday-ingest simulate: a simulated NZ TAB affiliates API on loopback (127.0.0.1)");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aBadValueIsNamedWithAPointerToTheSimulatorsHelpAboveTheMainUsage() throws Exception {
        assertThat(run("simulate", "--meetings", "x")).isEqualTo(2);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("raceday-ingest: --meetings needs a whole number, "
                + "got 'x' (simulate --help lists the options)" + System.lineSeparator() + CommandLine.USAGE);
    }

    @Test
    void anArgumentThatIsNoOptionIsNamed() throws Exception {
        assertThat(run("simulate", "tomorrow")).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("raceday-ingest: unexpected argument 'tomorrow' "
                + "(options start with --) (simulate --help lists the options)" + System.lineSeparator());
    }
}
