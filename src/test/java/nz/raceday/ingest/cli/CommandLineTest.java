package nz.raceday.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

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
}
