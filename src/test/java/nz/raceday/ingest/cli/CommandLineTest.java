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

    /** poll's reason for a --race value that is no event id: {@code got} is "nothing" or the value quoted. */
    private static Invalid raceIsNoEventId(String got) {
        return new Invalid("--race needs a TAB event id, a UUID such as 0f57e087-00d9-4c61-9549-835abe2ae2ed, got "
                + got, CommandLine.USAGE);
    }

    @Test
    void shouldPollTheRaceGivenInEitherFormAndTheLastOfRepeatedOnes() {
        String other = "1a2b3c4d-0000-4c61-9549-835abe2ae2ed";
        assertThat(CommandLine.parse("poll", "--race=" + RACE)).isEqualTo(new CommandLine.Poll(RACE));
        // hex digits of either case, kept as given
        assertThat(CommandLine.parse("poll", "--race", RACE.toUpperCase()))
                .isEqualTo(new CommandLine.Poll(RACE.toUpperCase()));
        assertThat(CommandLine.parse("poll", "--race", other, "--race", RACE)).isEqualTo(new CommandLine.Poll(RACE));
        assertThat(CommandLine.parse("poll", "--race=" + other, "--race", RACE)).isEqualTo(new CommandLine.Poll(RACE));
        assertThat(CommandLine.parse("poll", "--race", other, "--race=" + RACE)).isEqualTo(new CommandLine.Poll(RACE));
    }

    @Test
    void shouldRejectBadPollUsageWordForWordAboveTheMainUsage() {
        String usage = CommandLine.USAGE;
        assertThat(CommandLine.parse("poll")).isEqualTo(new Invalid("poll needs --race <eventId>", usage));
        // nothing after --race is "nothing"; "--race=" and a blank value are values, and no event ids
        assertThat(CommandLine.parse("poll", "--race")).isEqualTo(raceIsNoEventId("nothing"));
        assertThat(CommandLine.parse("poll", "--race=")).isEqualTo(raceIsNoEventId("''"));
        assertThat(CommandLine.parse("poll", "--race", "")).isEqualTo(raceIsNoEventId("''"));
        assertThat(CommandLine.parse("poll", "--race", " ")).isEqualTo(raceIsNoEventId("' '"));
        assertThat(CommandLine.parse("poll", "--race= ")).isEqualTo(raceIsNoEventId("' '"));
        for (String bad : new String[] {"not-a-uuid", "0f57e087", RACE + "X", " " + RACE, "{" + RACE + "}"}) {
            assertThat(CommandLine.parse("poll", "--race", bad)).as(bad).isEqualTo(raceIsNoEventId("'" + bad + "'"));
            assertThat(CommandLine.parse("poll", "--race=" + bad)).as(bad).isEqualTo(raceIsNoEventId("'" + bad + "'"));
        }
        // the value is everything after the first "=", and the argument after --race is its value whatever it is
        assertThat(CommandLine.parse("poll", "--race==" + RACE)).isEqualTo(raceIsNoEventId("'=" + RACE + "'"));
        assertThat(CommandLine.parse("poll", "--race", "--help")).isEqualTo(raceIsNoEventId("'--help'"));
        assertThat(CommandLine.parse("poll", "--race", "-h")).isEqualTo(raceIsNoEventId("'-h'"));
        // an unknown option is named as given, whether or not anything follows it
        assertThat(CommandLine.parse("poll", "--event", RACE))
                .isEqualTo(new Invalid("unknown option '--event' for poll", usage));
        assertThat(CommandLine.parse("poll", "--verbose"))
                .isEqualTo(new Invalid("unknown option '--verbose' for poll", usage));
        assertThat(CommandLine.parse("poll", "--x=y")).isEqualTo(new Invalid("unknown option '--x=y' for poll", usage));
        assertThat(CommandLine.parse("poll", "--race-id=" + RACE))
                .isEqualTo(new Invalid("unknown option '--race-id=" + RACE + "' for poll", usage));
        assertThat(CommandLine.parse("poll", "--help=yes"))
                .isEqualTo(new Invalid("unknown option '--help=yes' for poll", usage));
        assertThat(CommandLine.parse("poll", "-h=yes"))
                .isEqualTo(new Invalid("unknown option '-h=yes' for poll", usage));
        assertThat(CommandLine.parse("poll", "--RACE", RACE))
                .isEqualTo(new Invalid("unknown option '--RACE' for poll", usage));
        assertThat(CommandLine.parse("poll", "-race", RACE))
                .isEqualTo(new Invalid("unknown option '-race' for poll", usage));
        assertThat(CommandLine.parse("poll", "race=" + RACE))
                .isEqualTo(new Invalid("unknown option 'race=" + RACE + "' for poll", usage));
        assertThat(CommandLine.parse("poll", RACE))
                .isEqualTo(new Invalid("unknown option '" + RACE + "' for poll", usage));
        assertThat(CommandLine.parse("poll", "help")).isEqualTo(new Invalid("unknown option 'help' for poll", usage));
        // each --race is checked as it is read, not only the last
        assertThat(CommandLine.parse("poll", "--race", "bad", "--race", RACE)).isEqualTo(raceIsNoEventId("'bad'"));
        assertThat(CommandLine.parse("poll", "--race", RACE, "--race", "bad")).isEqualTo(raceIsNoEventId("'bad'"));
        assertThat(CommandLine.parse("poll", "--race", RACE, "--race")).isEqualTo(raceIsNoEventId("nothing"));
        assertThat(CommandLine.parse("poll", "--race", RACE, "--race=")).isEqualTo(raceIsNoEventId("''"));
        // read in order: the first problem is the one reported, and --help after it is not reached
        assertThat(CommandLine.parse("poll", "--race", "bad", "--help")).isEqualTo(raceIsNoEventId("'bad'"));
        assertThat(CommandLine.parse("poll", "--verbose", "--race", "bad"))
                .isEqualTo(new Invalid("unknown option '--verbose' for poll", usage));
        assertThat(CommandLine.parse("poll", "--race", "bad", "--verbose")).isEqualTo(raceIsNoEventId("'bad'"));
        assertThat(CommandLine.parse("poll", "--verbose", "-h"))
                .isEqualTo(new Invalid("unknown option '--verbose' for poll", usage));
    }

    @Test
    void shouldShowTheMainHelpForPollHelpWhereverItIs() {
        Help help = new Help(CommandLine.USAGE, 0);
        assertThat(CommandLine.parse("poll", "--help")).isEqualTo(help);
        assertThat(CommandLine.parse("poll", "-h")).isEqualTo(help);
        assertThat(CommandLine.parse("poll", "--race", RACE, "--help")).isEqualTo(help);
        assertThat(CommandLine.parse("poll", "--race=" + RACE, "-h")).isEqualTo(help);
        // help stops the reading: what follows it is not looked at, and --race is not needed
        assertThat(CommandLine.parse("poll", "--help", "--verbose")).isEqualTo(help);
        assertThat(CommandLine.parse("poll", "-h", "--race")).isEqualTo(help);
        assertThat(CommandLine.parse("poll", "-h", "--race", "bad")).isEqualTo(help);
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
    void shouldServeHawtioWithTheLastOfRepeatedOptionsInEitherForm() {
        String jolokia = "http://127.0.0.1:9876/observe/jolokia";
        assertThat(CommandLine.parse("hawtio", "--port", "1", "--port", "2")).isEqualTo(new Hawtio(2, null));
        assertThat(CommandLine.parse("hawtio", "--port=1", "--port", "2")).isEqualTo(new Hawtio(2, null));
        assertThat(CommandLine.parse("hawtio", "--port", "1", "--port=2")).isEqualTo(new Hawtio(2, null));
        assertThat(CommandLine.parse("hawtio", "--connect", "http://a:1/j", "--connect=" + jolokia))
                .isEqualTo(new Hawtio(8090, jolokia));
        // the port is read as Java reads an int: ends of the range, leading zeros and a plus sign are ports
        assertThat(CommandLine.parse("hawtio", "--port", "65535")).isEqualTo(new Hawtio(65535, null));
        assertThat(CommandLine.parse("hawtio", "--port=08091")).isEqualTo(new Hawtio(8091, null));
        assertThat(CommandLine.parse("hawtio", "--port", "+80")).isEqualTo(new Hawtio(80, null));
        assertThat(CommandLine.parse("hawtio", "--port", "-0")).isEqualTo(new Hawtio(0, null));
        // the value is everything after the first "=": a URL may hold "=" of its own
        assertThat(CommandLine.parse("hawtio", "--connect=" + jolokia + "?mode=x"))
                .isEqualTo(new Hawtio(8090, jolokia + "?mode=x"));
        assertThat(CommandLine.parse("hawtio", "--connect", "https://raceday.example:443"))
                .isEqualTo(new Hawtio(8090, "https://raceday.example:443"));
    }

    @Test
    void shouldRejectBadHawtioUsageWordForWordAboveTheMainUsage() {
        String usage = CommandLine.USAGE;
        String notAPort = "--port must be a TCP port 0-65535, got '";
        String notJolokia = "--connect must be a Jolokia URL such as http://127.0.0.1:9876/observe/jolokia, got '";
        // nothing after the option, "--name=" and a blank value all "need a value"
        for (String option : new String[] {"--port", "--connect"}) {
            Invalid needsAValue = new Invalid(option + " needs a value", usage);
            assertThat(CommandLine.parse("hawtio", option)).as(option).isEqualTo(needsAValue);
            assertThat(CommandLine.parse("hawtio", option + "=")).as(option).isEqualTo(needsAValue);
            assertThat(CommandLine.parse("hawtio", option, "")).as(option).isEqualTo(needsAValue);
            assertThat(CommandLine.parse("hawtio", option, " ")).as(option).isEqualTo(needsAValue);
            assertThat(CommandLine.parse("hawtio", option + "= \t")).as(option).isEqualTo(needsAValue);
        }
        for (String bad : new String[] {"eighty", "65536", "-1", "1.5", " 80", "8080=1", "99999999999"}) {
            Invalid expected = new Invalid(notAPort + bad + "'", usage);
            assertThat(CommandLine.parse("hawtio", "--port", bad)).as(bad).isEqualTo(expected);
            assertThat(CommandLine.parse("hawtio", "--port=" + bad)).as(bad).isEqualTo(expected);
        }
        for (String bad : new String[] {"127.0.0.1:9876", "ftp://127.0.0.1/x", "http://", "http://a b/x", "http:/a"}) {
            Invalid expected = new Invalid(notJolokia + bad + "'", usage);
            assertThat(CommandLine.parse("hawtio", "--connect", bad)).as(bad).isEqualTo(expected);
            assertThat(CommandLine.parse("hawtio", "--connect=" + bad)).as(bad).isEqualTo(expected);
        }
        // the argument after an option is its value whatever it is
        assertThat(CommandLine.parse("hawtio", "--port", "--help")).isEqualTo(new Invalid(notAPort + "--help'", usage));
        assertThat(CommandLine.parse("hawtio", "--connect", "-h")).isEqualTo(new Invalid(notJolokia + "-h'", usage));
        assertThat(CommandLine.parse("hawtio", "--port", "--connect", "http://a:1/j"))
                .isEqualTo(new Invalid(notAPort + "--connect'", usage));
        // an unknown option is named as given, whether or not anything follows it, before any value is looked at
        for (String unknown : new String[] {"--verbose", "--x=y", "--PORT", "--port-number=1", "--help=yes", "-h=yes",
                "-p", "port=80", "8090", "help"}) {
            Invalid expected = new Invalid("unknown option '" + unknown + "' for hawtio", usage);
            assertThat(CommandLine.parse("hawtio", unknown)).as(unknown).isEqualTo(expected);
            assertThat(CommandLine.parse("hawtio", unknown, "80")).as(unknown).isEqualTo(expected);
        }
        // each option is checked as it is read, not only the last
        assertThat(CommandLine.parse("hawtio", "--port", "x", "--port", "1"))
                .isEqualTo(new Invalid(notAPort + "x'", usage));
        assertThat(CommandLine.parse("hawtio", "--port", "1", "--port", "x"))
                .isEqualTo(new Invalid(notAPort + "x'", usage));
        assertThat(CommandLine.parse("hawtio", "--port", "1", "--port"))
                .isEqualTo(new Invalid("--port needs a value", usage));
        assertThat(CommandLine.parse("hawtio", "--connect", "bad", "--connect", "http://a:1/j"))
                .isEqualTo(new Invalid(notJolokia + "bad'", usage));
        // read in order: the first problem is the one reported, and --help after it is not reached
        assertThat(CommandLine.parse("hawtio", "--port", "x", "--connect", "bad"))
                .isEqualTo(new Invalid(notAPort + "x'", usage));
        assertThat(CommandLine.parse("hawtio", "--connect", "bad", "--port", "x"))
                .isEqualTo(new Invalid(notJolokia + "bad'", usage));
        assertThat(CommandLine.parse("hawtio", "--port", "x", "--help")).isEqualTo(new Invalid(notAPort + "x'", usage));
        assertThat(CommandLine.parse("hawtio", "--port=", "-h")).isEqualTo(new Invalid("--port needs a value", usage));
        assertThat(CommandLine.parse("hawtio", "--verbose", "--port", "x"))
                .isEqualTo(new Invalid("unknown option '--verbose' for hawtio", usage));
        assertThat(CommandLine.parse("hawtio", "--verbose", "--help"))
                .isEqualTo(new Invalid("unknown option '--verbose' for hawtio", usage));
    }

    @Test
    void shouldShowTheMainHelpForHawtioHelpWhereverItIs() {
        Help help = new Help(CommandLine.USAGE, 0);
        assertThat(CommandLine.parse("hawtio", "-h")).isEqualTo(help);
        assertThat(CommandLine.parse("hawtio", "--port", "0", "--help")).isEqualTo(help);
        assertThat(CommandLine.parse("hawtio", "--connect=http://a:1/j", "-h")).isEqualTo(help);
        // help stops the reading: what follows it is not looked at
        assertThat(CommandLine.parse("hawtio", "--help", "--verbose")).isEqualTo(help);
        assertThat(CommandLine.parse("hawtio", "-h", "--port")).isEqualTo(help);
        assertThat(CommandLine.parse("hawtio", "-h", "--port", "x")).isEqualTo(help);
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
