package nz.raceday.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import nz.raceday.ingest.cli.CommandLine.Hawtio;
import nz.raceday.ingest.cli.CommandLine.Help;
import nz.raceday.ingest.cli.CommandLine.Import;
import nz.raceday.ingest.cli.CommandLine.Invalid;
import nz.raceday.ingest.cli.CommandLine.Serve;
import org.junit.jupiter.api.Test;

/** Strict parsing of {@code java -jar raceday-ingest.jar [import [--date YYYY-MM-DD]]}. */
class CommandLineTest {

    @Test
    void shouldServeWithoutArguments() {
        assertThat(CommandLine.parse()).isEqualTo(new Serve());
    }

    @Test
    void shouldImportTodayWithoutADate() {
        assertThat(CommandLine.parse("import")).isEqualTo(new Import(null));
    }

    @Test
    void shouldImportTheDateGivenAsASeparateValue() {
        assertThat(CommandLine.parse("import", "--date", "2025-07-17")).isEqualTo(new Import(LocalDate.of(2025, 7, 17)));
    }

    @Test
    void shouldImportTheDateGivenWithAnEqualsSign() {
        assertThat(CommandLine.parse("import", "--date=2025-07-17")).isEqualTo(new Import(LocalDate.of(2025, 7, 17)));
    }

    @Test
    void shouldRejectADateThatIsNotIso() {
        assertThat(CommandLine.parse("import", "--date", "17/07/2025"))
                .isInstanceOfSatisfying(Invalid.class, i -> assertThat(i.reason()).contains("17/07/2025"));
        assertThat(CommandLine.parse("import", "--date=2025-02-30")).isInstanceOf(Invalid.class);
        assertThat(CommandLine.parse("import", "--date=")).isInstanceOf(Invalid.class);
    }

    @Test
    void shouldRejectADateOptionWithoutValue() {
        assertThat(CommandLine.parse("import", "--date"))
                .isInstanceOfSatisfying(Invalid.class, i -> assertThat(i.reason()).contains("--date"));
    }

    @Test
    void shouldRejectAnUnknownOption() {
        assertThat(CommandLine.parse("import", "--day", "2025-07-17"))
                .isInstanceOfSatisfying(Invalid.class, i -> assertThat(i.reason()).contains("'--day'"));
    }

    @Test
    void shouldPollOnlyAnEventIdShapedLikeAUuid() {
        assertThat(CommandLine.parse("poll", "--race", "0f57e087-00d9-4c61-9549-835abe2ae2ed"))
                .isEqualTo(new CommandLine.Poll("0f57e087-00d9-4c61-9549-835abe2ae2ed"));
        for (String bad : new String[] {"not-a-uuid", "0f57e087", "0f57e087-00d9-4c61-9549-835abe2ae2edX", ""}) {
            assertThat(CommandLine.parse("poll", "--race", bad)).as(bad)
                    .isInstanceOfSatisfying(Invalid.class, i -> assertThat(i.reason()).contains("--race", "UUID"));
        }
    }

    @Test
    void shouldRejectAnUnknownCommand() {
        assertThat(CommandLine.parse("serve"))
                .isInstanceOfSatisfying(Invalid.class, i -> assertThat(i.reason()).contains("'serve'"));
        assertThat(CommandLine.parse("IMPORT")).isInstanceOf(Invalid.class);
    }

    @Test
    void shouldShowHelp() {
        assertThat(CommandLine.parse("--help")).isEqualTo(new Help());
        assertThat(CommandLine.parse("-h")).isEqualTo(new Help());
        assertThat(CommandLine.parse("import", "--help")).isEqualTo(new Help());
    }

    @Test
    void shouldDocumentTheImportCommandInTheUsage() {
        assertThat(CommandLine.USAGE).contains("import [--date YYYY-MM-DD]").contains("--help");
    }

    @Test
    void shouldServeHawtioOnItsDefaultPortConnectedToTheConfiguredJolokia() {
        assertThat(CommandLine.parse("hawtio")).isEqualTo(new Hawtio(8090, null));
        assertThat(CommandLine.parse("hawtio", "--port", "0", "--connect", "http://127.0.0.1:9877/observe/jolokia"))
                .isEqualTo(new Hawtio(0, "http://127.0.0.1:9877/observe/jolokia"));
        assertThat(CommandLine.parse("hawtio", "--port=18090", "--connect=http://localhost:9876/observe/jolokia"))
                .isEqualTo(new Hawtio(18090, "http://localhost:9876/observe/jolokia"));
        assertThat(CommandLine.parse("hawtio", "--help")).isEqualTo(new Help());
        assertThat(CommandLine.USAGE).contains("hawtio [--port 8090] [--connect URL]");
    }

    @Test
    void shouldRejectABadHawtioOption() {
        assertThat(CommandLine.parse("hawtio", "--port", "eighty"))
                .isEqualTo(new Invalid("--port must be a TCP port 0-65535, got 'eighty'"));
        assertThat(CommandLine.parse("hawtio", "--port", "65536")).isInstanceOf(Invalid.class);
        assertThat(CommandLine.parse("hawtio", "--port")).isEqualTo(new Invalid("--port needs a value"));
        assertThat(CommandLine.parse("hawtio", "--connect", "127.0.0.1:9876")).isInstanceOf(Invalid.class);
        assertThat(CommandLine.parse("hawtio", "--connection=raceday=http://127.0.0.1:9876/observe/jolokia"))
                .isEqualTo(new Invalid("unknown option '--connection=raceday=http://127.0.0.1:9876/observe/jolokia' "
                        + "for hawtio"));
    }
}
