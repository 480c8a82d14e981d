package nz.raceday.ingest;

import static nz.raceday.ingest.CommandOutcome.help;
import static nz.raceday.ingest.CommandOutcome.outcome;
import static nz.raceday.ingest.CommandOutcome.usageError;
import static org.assertj.core.api.Assertions.assertThat;

import nz.raceday.ingest.cli.CommandLine;
import org.junit.jupiter.api.Test;

/**
 * What {@code poll} and {@code hawtio} print for {@code --help} and for bad usage, before anything starts: the main
 * usage on stdout (exit 0), or the reason and the main usage on stderr (exit 2).
 */
class PollAndHawtioCommandLineTest {

    private static final String RACE = "0f57e087-00d9-4c61-9549-835abe2ae2ed";

    @Test
    void helpPrintsTheMainUsageOnStdout() throws Exception {
        CommandOutcome help = help(CommandLine.USAGE);
        assertThat(outcome("poll", "--help")).isEqualTo(help);
        assertThat(outcome("poll", "-h")).isEqualTo(help);
        assertThat(outcome("poll", "--race=" + RACE, "--help")).isEqualTo(help);
        assertThat(outcome("hawtio", "--help")).isEqualTo(help);
        assertThat(outcome("hawtio", "-h")).isEqualTo(help);
        assertThat(outcome("hawtio", "--port=0", "--help")).isEqualTo(help);
    }

    @Test
    void pollUsageErrorsPrintTheReasonAndTheMainUsageOnStderr() throws Exception {
        String noEventId = "--race needs a TAB event id, a UUID such as 0f57e087-00d9-4c61-9549-835abe2ae2ed, got ";
        assertThat(outcome("poll")).isEqualTo(usageError("poll needs --race <eventId>"));
        assertThat(outcome("poll", "--race")).isEqualTo(usageError(noEventId + "nothing"));
        assertThat(outcome("poll", "--race=")).isEqualTo(usageError(noEventId + "''"));
        assertThat(outcome("poll", "--race", " ")).isEqualTo(usageError(noEventId + "' '"));
        assertThat(outcome("poll", "--race", "not-a-uuid")).isEqualTo(usageError(noEventId + "'not-a-uuid'"));
        assertThat(outcome("poll", "--race=not-a-uuid")).isEqualTo(usageError(noEventId + "'not-a-uuid'"));
        assertThat(outcome("poll", "--event", RACE)).isEqualTo(usageError("unknown option '--event' for poll"));
        assertThat(outcome("poll", "--x=y")).isEqualTo(usageError("unknown option '--x=y' for poll"));
    }

    @Test
    void hawtioUsageErrorsPrintTheReasonAndTheMainUsageOnStderr() throws Exception {
        assertThat(outcome("hawtio", "--port")).isEqualTo(usageError("--port needs a value"));
        assertThat(outcome("hawtio", "--port=")).isEqualTo(usageError("--port needs a value"));
        assertThat(outcome("hawtio", "--connect", " ")).isEqualTo(usageError("--connect needs a value"));
        assertThat(outcome("hawtio", "--port", "eighty"))
                .isEqualTo(usageError("--port must be a TCP port 0-65535, got 'eighty'"));
        assertThat(outcome("hawtio", "--port=65536"))
                .isEqualTo(usageError("--port must be a TCP port 0-65535, got '65536'"));
        assertThat(outcome("hawtio", "--connect=127.0.0.1:9876")).isEqualTo(usageError(
                "--connect must be a Jolokia URL such as http://127.0.0.1:9876/observe/jolokia, got '127.0.0.1:9876'"));
        assertThat(outcome("hawtio", "--verbose")).isEqualTo(usageError("unknown option '--verbose' for hawtio"));
        assertThat(outcome("hawtio", "--x=y")).isEqualTo(usageError("unknown option '--x=y' for hawtio"));
    }
}
