package nz.raceday.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;

import nz.raceday.ingest.cli.CommandLine.Hawtio;
import nz.raceday.ingest.cli.CommandLine.Help;
import nz.raceday.ingest.cli.CommandLine.Import;
import nz.raceday.ingest.cli.CommandLine.Invalid;
import nz.raceday.ingest.cli.CommandLine.JournalExport;
import nz.raceday.ingest.cli.CommandLine.JournalStats;
import nz.raceday.ingest.cli.CommandLine.Replay;
import nz.raceday.ingest.cli.CommandLine.Serve;
import nz.raceday.ingest.cli.CommandLine.Simulate;
import nz.raceday.ingest.journal.Replayer.Speed;
import nz.raceday.ingest.simulator.SimulatorOptions;
import nz.raceday.ingest.simulator.SimulatorSettings;
import org.junit.jupiter.api.Test;

/**
 * Strict parsing of {@code java -jar raceday-ingest.jar [command [options]]} into one record per command, or the
 * reason for bad usage with the usage text to print beside it.
 */
class CommandLineTest {

    private static final LocalDate DAY = LocalDate.of(2025, 7, 17);
    private static final String RACE = "0f57e087-00d9-4c61-9549-835abe2ae2ed";

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
    void shouldImportTheLastOfRepeatedDatesInEitherForm() {
        assertThat(CommandLine.parse("import", "--date", "2025-07-16", "--date", "2025-07-17"))
                .isEqualTo(new Import(DAY));
        assertThat(CommandLine.parse("import", "--date=2025-07-16", "--date", "2025-07-17")).isEqualTo(new Import(DAY));
        assertThat(CommandLine.parse("import", "--date", "2025-07-16", "--date=2025-07-17")).isEqualTo(new Import(DAY));
        // each one is checked, not only the last
        assertThat(CommandLine.parse("import", "--date", "17/07/2025", "--date", "2025-07-17"))
                .isEqualTo(new Invalid("--date must be YYYY-MM-DD, got '17/07/2025'", CommandLine.USAGE));
        assertThat(CommandLine.parse("import", "--date", "2025-07-17", "--date="))
                .isEqualTo(new Invalid("--date must be YYYY-MM-DD, got ''", CommandLine.USAGE));
    }

    @Test
    void shouldRejectBadImportUsageWordForWordAboveTheMainUsage() {
        String usage = CommandLine.USAGE;
        assertThat(CommandLine.parse("import", "--date"))
                .isEqualTo(new Invalid("--date needs a value YYYY-MM-DD", usage));
        // "--date=" has a value, an empty one, and that is no date
        assertThat(CommandLine.parse("import", "--date="))
                .isEqualTo(new Invalid("--date must be YYYY-MM-DD, got ''", usage));
        for (String bad : new String[] {"17/07/2025", "2025-02-30", "2025-7-17", "today"}) {
            Invalid expected = new Invalid("--date must be YYYY-MM-DD, got '" + bad + "'", usage);
            assertThat(CommandLine.parse("import", "--date", bad)).as(bad).isEqualTo(expected);
            assertThat(CommandLine.parse("import", "--date=" + bad)).as(bad).isEqualTo(expected);
        }
        // the value is everything after the first "=", and the argument after --date is its value whatever it is
        assertThat(CommandLine.parse("import", "--date==2025-07-17"))
                .isEqualTo(new Invalid("--date must be YYYY-MM-DD, got '=2025-07-17'", usage));
        assertThat(CommandLine.parse("import", "--date", "--help"))
                .isEqualTo(new Invalid("--date must be YYYY-MM-DD, got '--help'", usage));
        // an unknown option is named as given, whether or not anything follows it
        assertThat(CommandLine.parse("import", "--day", "2025-07-17"))
                .isEqualTo(new Invalid("unknown option '--day' for import", usage));
        assertThat(CommandLine.parse("import", "--verbose"))
                .isEqualTo(new Invalid("unknown option '--verbose' for import", usage));
        assertThat(CommandLine.parse("import", "--day=2025-07-17"))
                .isEqualTo(new Invalid("unknown option '--day=2025-07-17' for import", usage));
        assertThat(CommandLine.parse("import", "--help=yes"))
                .isEqualTo(new Invalid("unknown option '--help=yes' for import", usage));
        assertThat(CommandLine.parse("import", "--DATE", "2025-07-17"))
                .isEqualTo(new Invalid("unknown option '--DATE' for import", usage));
        assertThat(CommandLine.parse("import", "2025-07-17"))
                .isEqualTo(new Invalid("unknown option '2025-07-17' for import", usage));
        // read in order: the first problem is the one reported, and --help after it is not reached
        assertThat(CommandLine.parse("import", "--date", "17/07/2025", "--help"))
                .isEqualTo(new Invalid("--date must be YYYY-MM-DD, got '17/07/2025'", usage));
        assertThat(CommandLine.parse("import", "--verbose", "--help"))
                .isEqualTo(new Invalid("unknown option '--verbose' for import", usage));
    }

    @Test
    void shouldShowTheMainHelpForImportHelp() {
        Help help = new Help(CommandLine.USAGE, 0);
        assertThat(CommandLine.parse("import", "--help")).isEqualTo(help);
        assertThat(CommandLine.parse("import", "-h")).isEqualTo(help);
        assertThat(CommandLine.parse("import", "--date", "2025-07-17", "--help")).isEqualTo(help);
        assertThat(CommandLine.parse("import", "--date=2025-07-17", "-h")).isEqualTo(help);
        // help stops the reading: what follows it is not looked at
        assertThat(CommandLine.parse("import", "--help", "--verbose")).isEqualTo(help);
        assertThat(CommandLine.parse("import", "-h", "--date")).isEqualTo(help);
    }

    @Test
    void shouldWordTheDateCheckOfImportAsReplayAndJournalWordTheirs() {
        // "<option> must be YYYY-MM-DD, got '<value>'" whichever command reads the date, each above its own usage
        for (String bad : new String[] {"17/07/2025", "2025-02-30", "today", ""}) {
            String got = " must be YYYY-MM-DD, got '" + bad + "'";
            assertThat(CommandLine.parse("import", "--date", bad))
                    .isEqualTo(new Invalid("--date" + got, CommandLine.USAGE));
            assertThat(CommandLine.parse("replay", "--day", bad))
                    .isEqualTo(new Invalid("--day" + got, CommandLine.REPLAY_USAGE));
            assertThat(CommandLine.parse("journal", "stats", "--day", bad))
                    .isEqualTo(new Invalid("--day" + got, CommandLine.JOURNAL_USAGE));
        }
        // a missing date is worded apart, as it always has been: import names the form it needs, the others do not
        assertThat(CommandLine.parse("import", "--date"))
                .isEqualTo(new Invalid("--date needs a value YYYY-MM-DD", CommandLine.USAGE));
        assertThat(CommandLine.parse("replay", "--day"))
                .isEqualTo(new Invalid("--day needs a value", CommandLine.REPLAY_USAGE));
        assertThat(CommandLine.parse("journal", "stats", "--day"))
                .isEqualTo(new Invalid("--day needs a value", CommandLine.JOURNAL_USAGE));
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

    @Test
    void shouldPrintTheMainUsageWithTheErrorOfACommandWithoutItsOwn() {
        assertThat(CommandLine.parse("import", "--date"))
                .isEqualTo(new Invalid("--date needs a value YYYY-MM-DD", CommandLine.USAGE));
        assertThat(CommandLine.parse("serve")).isEqualTo(new Invalid("unknown command 'serve'", CommandLine.USAGE));
    }

    @Test
    void shouldReplayADayAsFastAsItGoesFromTheConfiguredJournal() {
        assertThat(CommandLine.parse("replay", "--day", "2025-07-17")).isEqualTo(new Replay(DAY, null, Speed.MAX));
    }

    @Test
    void shouldReadEveryReplayOptionInAnyOrder() {
        assertThat(CommandLine.parse("replay", "--speed", "realtime", "--journal", "/srv/journal", "--day",
                "2025-07-17")).isEqualTo(new Replay(DAY, Path.of("/srv/journal"), Speed.REALTIME));
        assertThat(CommandLine.parse("replay", "--day", "2025-07-17", "--speed", "max", "--journal", "journal"))
                .isEqualTo(new Replay(DAY, Path.of("journal"), Speed.MAX));
        // a repeated option: the last one wins
        assertThat(CommandLine.parse("replay", "--day", "2025-07-16", "--day", "2025-07-17"))
                .isEqualTo(new Replay(DAY, null, Speed.MAX));
    }

    @Test
    void shouldRejectBadReplayUsageWithReplaysOwnUsage() {
        String usage = CommandLine.REPLAY_USAGE;
        assertThat(CommandLine.parse("replay")).isEqualTo(new Invalid("replay needs --day YYYY-MM-DD", usage));
        assertThat(CommandLine.parse("replay", "--journal", "journal", "--speed", "max"))
                .isEqualTo(new Invalid("replay needs --day YYYY-MM-DD", usage));
        assertThat(CommandLine.parse("replay", "--day")).isEqualTo(new Invalid("--day needs a value", usage));
        assertThat(CommandLine.parse("replay", "--day", "2025-07-17", "--journal"))
                .isEqualTo(new Invalid("--journal needs a value", usage));
        assertThat(CommandLine.parse("replay", "--day", "2025-07-17", "--speed"))
                .isEqualTo(new Invalid("--speed needs a value", usage));
        assertThat(CommandLine.parse("replay", "--day", "17/07/2025"))
                .isEqualTo(new Invalid("--day must be YYYY-MM-DD, got '17/07/2025'", usage));
        assertThat(CommandLine.parse("replay", "--day", "2025-02-30"))
                .isEqualTo(new Invalid("--day must be YYYY-MM-DD, got '2025-02-30'", usage));
        assertThat(CommandLine.parse("replay", "--day", "2025-07-17", "--speed", "fast"))
                .isEqualTo(new Invalid("--speed is max or realtime, got 'fast'", usage));
        assertThat(CommandLine.parse("replay", "--day", "2025-07-17", "--speed", "MAX"))
                .isEqualTo(new Invalid("--speed is max or realtime, got 'MAX'", usage));
        assertThat(CommandLine.parse("replay", "--date", "2025-07-17"))
                .isEqualTo(new Invalid("unknown option '--date' for replay", usage));
        // only "--name value": "--day=..." is an option of that name, with no value after it
        assertThat(CommandLine.parse("replay", "--day=2025-07-17"))
                .isEqualTo(new Invalid("--day=2025-07-17 needs a value", usage));
        // read in order: the first problem is the one reported, and --help after it is not reached
        assertThat(CommandLine.parse("replay", "--day", "17/07/2025", "--date", "x", "--help"))
                .isEqualTo(new Invalid("--day must be YYYY-MM-DD, got '17/07/2025'", usage));
    }

    @Test
    void shouldShowReplaysOwnHelp() {
        Help help = new Help(CommandLine.REPLAY_USAGE, 0);
        assertThat(CommandLine.parse("replay", "--help")).isEqualTo(help);
        assertThat(CommandLine.parse("replay", "-h")).isEqualTo(help);
        assertThat(CommandLine.parse("replay", "--day", "2025-07-17", "--help")).isEqualTo(help);
        assertThat(CommandLine.parse("replay", "--speed", "fast", "--help"))
                .isEqualTo(new Invalid("--speed is max or realtime, got 'fast'", CommandLine.REPLAY_USAGE));
    }

    @Test
    void shouldCountEveryDayOfTheConfiguredJournalByDefault() {
        assertThat(CommandLine.parse("journal", "stats")).isEqualTo(new JournalStats(null, null));
    }

    @Test
    void shouldReadEveryJournalStatsOption() {
        assertThat(CommandLine.parse("journal", "stats", "--journal", "/srv/journal", "--day", "2025-07-17"))
                .isEqualTo(new JournalStats(DAY, Path.of("/srv/journal")));
    }

    @Test
    void shouldExportARaceToADirectory() {
        assertThat(CommandLine.parse("journal", "export", "--race", RACE, "--to", "fixtures/race"))
                .isEqualTo(new JournalExport(RACE, Path.of("fixtures/race"), null));
        assertThat(CommandLine.parse("journal", "export", "--to", "out", "--journal", "/srv/journal", "--race", "x"))
                .isEqualTo(new JournalExport("x", Path.of("out"), Path.of("/srv/journal")));
    }

    @Test
    void shouldAcceptEveryJournalOptionForEitherAction() {
        // as journal always has: stats ignores --race and --to, export ignores --day (each is still checked)
        assertThat(CommandLine.parse("journal", "stats", "--race", "x", "--to", "out"))
                .isEqualTo(new JournalStats(null, null));
        assertThat(CommandLine.parse("journal", "export", "--day", "2025-07-17", "--race", "x", "--to", "out"))
                .isEqualTo(new JournalExport("x", Path.of("out"), null));
        assertThat(CommandLine.parse("journal", "export", "--day", "today", "--race", "x", "--to", "out"))
                .isEqualTo(new Invalid("--day must be YYYY-MM-DD, got 'today'", CommandLine.JOURNAL_USAGE));
    }

    @Test
    void shouldRejectBadJournalUsageWithJournalsOwnUsage() {
        String usage = CommandLine.JOURNAL_USAGE;
        Invalid exportNeeds = new Invalid("journal export needs --race <eventId> and --to DIR", usage);
        assertThat(CommandLine.parse("journal", "export")).isEqualTo(exportNeeds);
        assertThat(CommandLine.parse("journal", "export", "--race", "x")).isEqualTo(exportNeeds);
        assertThat(CommandLine.parse("journal", "export", "--to", "out")).isEqualTo(exportNeeds);
        assertThat(CommandLine.parse("journal", "stats", "--day")).isEqualTo(new Invalid("--day needs a value", usage));
        assertThat(CommandLine.parse("journal", "export", "--race", "x", "--to"))
                .isEqualTo(new Invalid("--to needs a value", usage));
        assertThat(CommandLine.parse("journal", "stats", "--day", "2025-7-17"))
                .isEqualTo(new Invalid("--day must be YYYY-MM-DD, got '2025-7-17'", usage));
        assertThat(CommandLine.parse("journal", "stats", "--since", "2025-07-17"))
                .isEqualTo(new Invalid("unknown option '--since' for journal", usage));
        assertThat(CommandLine.parse("journal", "vacuum"))
                .isEqualTo(new Invalid("unknown journal command 'vacuum' (stats, export)", usage));
        assertThat(CommandLine.parse("journal", "STATS"))
                .isEqualTo(new Invalid("unknown journal command 'STATS' (stats, export)", usage));
        // the options are read before the action is looked at
        assertThat(CommandLine.parse("journal", "vacuum", "--since", "2025-07-17"))
                .isEqualTo(new Invalid("unknown option '--since' for journal", usage));
    }

    @Test
    void shouldShowJournalsOwnHelp() {
        Help help = new Help(CommandLine.JOURNAL_USAGE, 0);
        assertThat(CommandLine.parse("journal", "--help")).isEqualTo(help);
        assertThat(CommandLine.parse("journal", "-h")).isEqualTo(help);
        assertThat(CommandLine.parse("journal", "stats", "--help")).isEqualTo(help);
        assertThat(CommandLine.parse("journal", "export", "--race", "x", "-h")).isEqualTo(help);
        // journal alone shows its usage on stdout, as it always has, but exits 2: no action was given
        assertThat(CommandLine.parse("journal")).isEqualTo(new Help(CommandLine.JOURNAL_USAGE, 2));
    }

    @Test
    void shouldDocumentReplayAndJournalInTheirOwnUsage() {
        assertThat(CommandLine.REPLAY_USAGE)
                .startsWith("Usage: java -jar target/raceday-ingest.jar replay --day YYYY-MM-DD [--journal PATH] "
                        + "[--speed max|realtime]\n")
                .contains("--journal defaults to journal.path\n  (RACEDAY_JOURNAL_PATH, ./data/journal)");
        assertThat(CommandLine.JOURNAL_USAGE)
                .contains("journal stats [--day YYYY-MM-DD] [--journal PATH]\n")
                .contains("journal export --race <eventId> --to DIR [--journal PATH]\n")
                .endsWith("--journal defaults to journal.path (RACEDAY_JOURNAL_PATH, ./data/journal)\n");
    }

    @Test
    void shouldSimulateWithTheOptionsTheSimulatorReads() {
        assertThat(CommandLine.parse("simulate"))
                .isEqualTo(new Simulate(new SimulatorOptions.Run(SimulatorSettings.defaults(), false, 0)));
        assertThat(CommandLine.parse("simulate", "--api-only", "--port", "28090", "--meetings=3"))
                .isEqualTo(new Simulate(new SimulatorOptions.Run(SimulatorSettings.builder().meetings(3).build(), true,
                        28090)));
    }

    @Test
    void shouldRejectBadSimulateUsageWithAPointerToItsHelpAndShowItsOwnHelp() {
        assertThat(CommandLine.parse("simulate", "--meetings", "x")).isEqualTo(new Invalid(
                "--meetings needs a whole number, got 'x' (simulate --help lists the options)", CommandLine.USAGE));
        assertThat(CommandLine.parse("simulate", "--date", "2025-07-17")).isEqualTo(new Invalid(
                "unknown option '--date' for simulate (see --help) (simulate --help lists the options)",
                CommandLine.USAGE));
        assertThat(CommandLine.parse("simulate", "--help")).isEqualTo(new Help(SimulatorOptions.USAGE, 0));
        assertThat(CommandLine.parse("simulate", "--meetings", "x", "-h")).isEqualTo(new Help(SimulatorOptions.USAGE, 0));
    }
}
