package nz.raceday.ingest.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

import nz.raceday.ingest.journal.Replayer;
import nz.raceday.ingest.simulator.SimulatorOptions;

/**
 * The command line of {@code java -jar raceday-ingest.jar}: no command runs the service, {@code import} runs
 * the daily pipeline once. Every command's options are read here into its record; parsing is strict: an unknown
 * command or option is a usage error, never ignored.
 */
public sealed interface CommandLine {

    /** Run the service with its schedules until stopped. */
    record Serve() implements CommandLine {
    }

    /** Run meetings, races and entrants once for a racing day (null: today in NZ). */
    record Import(LocalDate date) implements CommandLine {
    }

    /** Poll one race once, store the result and exit. */
    record Poll(String raceId) implements CommandLine {
    }

    /**
     * Run against the simulated TAB API (or serve only the simulated API), as {@link SimulatorOptions} read the
     * options: there are many, so their parsing, checks and usage live beside the simulator.
     */
    record Simulate(SimulatorOptions.Run options) implements CommandLine {
    }

    /**
     * Run a journaled racing day through the routes again.
     *
     * @param day     the NZ racing day whose journal segment is replayed
     * @param journal the journal directory, or null for the configured one ({@code journal.path})
     * @param speed   as fast as it goes, or waiting out the recorded time between steps
     */
    record Replay(LocalDate day, Path journal, Replayer.Speed speed) implements CommandLine {
    }

    /**
     * {@code journal stats}: what the response journal holds.
     *
     * @param day     the one day to count, or null for every day
     * @param journal the journal directory, or null for the configured one ({@code journal.path})
     */
    record JournalStats(LocalDate day, Path journal) implements CommandLine {
    }

    /**
     * {@code journal export}: one race's journaled responses as recorded fixtures.
     *
     * @param raceId  the TAB event id, as given (not checked: an id the journal does not hold exports nothing)
     * @param to      the directory to write the files and {@code index.json} to
     * @param journal the journal directory, or null for the configured one ({@code journal.path})
     */
    record JournalExport(String raceId, Path to, Path journal) implements CommandLine {
    }

    /**
     * Serve the Hawtio console on loopback, connected to the management server's Jolokia.
     *
     * @param port    the console's port on 127.0.0.1 (0: any free port)
     * @param connect the Jolokia URL to connect to, or null for this configuration's management server
     */
    record Hawtio(int port, String connect) implements CommandLine {
    }

    /** The console's port unless {@code hawtio --port} says otherwise. */
    int HAWTIO_PORT = 8090;

    /**
     * Print a usage text on stdout: {@link #USAGE}, or a command's own ({@link #REPLAY_USAGE}, {@link #JOURNAL_USAGE},
     * {@link SimulatorOptions#USAGE}).
     *
     * @param exitCode 0 when help was asked for; 2 for {@code journal} without an action, which has always shown
     *                 its usage this way
     */
    record Help(String text, int exitCode) implements CommandLine {
        public Help() {
            this(USAGE);
        }

        public Help(String text) {
            this(text, 0);
        }
    }

    /**
     * Bad usage: the reason, then a usage text, on stderr (exit 2).
     *
     * @param usage {@link #USAGE}, or the command's own when it has one ({@code replay}, {@code journal})
     */
    record Invalid(String reason, String usage) implements CommandLine {
        public Invalid(String reason) {
            this(reason, USAGE);
        }
    }

    String USAGE = """
            raceday-ingest: imports NZ TAB racing data (meetings, races, runners, odds) into RaceDay storage.

            Usage:
              java -jar target/raceday-ingest.jar                 run the service: the daily import jobs on their
                                                                  Quartz schedules (UTC), until stopped
              java -jar target/raceday-ingest.jar import [--date YYYY-MM-DD]
                                                                  run meetings, races and entrants once, now, for
                                                                  the NZ racing day (default: today in
                                                                  Pacific/Auckland), print a JSON summary as the
                                                                  last stdout line and exit
              java -jar target/raceday-ingest.jar poll --race <eventId>
                                                                  poll one race once (odds, money flow, pools,
                                                                  results), store it and exit; works on an empty
                                                                  store (the race and its meeting are created from
                                                                  the event); the last stdout line is a JSON summary
              java -jar target/raceday-ingest.jar simulate [options]
                                                                  the whole product offline: a simulated TAB API
                                                                  on loopback with a racing day starting now,
                                                                  imported and polled into ./data/simulate.db
                                                                  (simulate --help lists the day and fault knobs;
                                                                  simulate --api-only --port N serves the API only)
              java -jar target/raceday-ingest.jar replay --day YYYY-MM-DD [--journal PATH] [--speed max|realtime]
                                                                  run a journaled racing day through the same
                                                                  routes into the configured store (replay --help)
              java -jar target/raceday-ingest.jar journal stats [--day D] | journal export --race ID --to DIR
                                                                  what the response journal holds; one race's
                                                                  responses as recorded fixtures (journal --help)
              java -jar target/raceday-ingest.jar hawtio [--port 8090] [--connect URL]
                                                                  the Hawtio console at http://127.0.0.1:8090/hawtio
                                                                  (loopback only), connected to the management
                                                                  server's Jolokia (default: this configuration's,
                                                                  http://127.0.0.1:9876/observe/jolokia)
              java -jar target/raceday-ingest.jar --help          show this help

            import exit codes: 0 the pipeline ran (races that failed on their own are listed in the summary),
                               1 it could not run (for example the meetings call failed after retries),
                               2 bad usage.
            import summary keys: runId, racingDay, steps, status, meetings, races, entrants, failedRaces,
                               failedMeetings, requests, durationMs, writes.
            poll exit codes: 0 the race was polled and stored, 1 the poll failed (reason in the summary), 2 bad usage.

            Run from the directory that holds routes/ and application.properties (the repository root).
            Configuration: ./application.properties, overridden by environment variables (TAB_BASE_URL,
            TAB_FROM_EMAIL, TAB_PARTNER_NAME, TAB_PARTNER_ID, RACEDAY_DB_PATH, RACEDAY_STORE) and by
            java -Dkey=value -jar ... . See README.md for every setting.
            """;

    /** {@code replay}'s own usage: printed for {@code replay --help} and under each of its usage errors. */
    String REPLAY_USAGE = """
            Usage: java -jar target/raceday-ingest.jar replay --day YYYY-MM-DD [--journal PATH] [--speed max|realtime]
              runs the journaled NZ racing day through the import and polling routes into the configured store
              (RACEDAY_STORE, RACEDAY_DB_PATH, Appwrite settings); --journal defaults to journal.path
              (RACEDAY_JOURNAL_PATH, ./data/journal); --speed max (default) runs as fast as it goes, realtime waits
              out the recorded time between steps. The last stdout line is a JSON summary: responses, documents
              written per collection, problems, durationMs.
            """;

    /** {@code journal}'s own usage: printed for {@code journal --help} and under each of its usage errors. */
    String JOURNAL_USAGE = """
            Usage:
              java -jar target/raceday-ingest.jar journal stats [--day YYYY-MM-DD] [--journal PATH]
                  days, responses, distinct bodies, body bytes and bytes on disk (JSON)
              java -jar target/raceday-ingest.jar journal export --race <eventId> --to DIR [--journal PATH]
                  that race's journaled responses as JSON files in the recorded-fixture format, plus index.json
              --journal defaults to journal.path (RACEDAY_JOURNAL_PATH, ./data/journal)
            """;

    static CommandLine parse(String... args) {
        Deque<String> rest = new ArrayDeque<>(Arrays.asList(args));
        if (rest.isEmpty()) {
            return new Serve();
        }
        String command = rest.poll();
        if (command.equals("--help") || command.equals("-h") || command.equals("help")) {
            return new Help();
        }
        if (command.equals("poll")) {
            return parsePoll(rest);
        }
        if (command.equals("hawtio")) {
            return parseHawtio(rest);
        }
        if (command.equals("simulate")) {
            return parseSimulate(List.copyOf(rest));
        }
        if (command.equals("replay")) {
            return parseReplay(rest);
        }
        if (command.equals("journal")) {
            return parseJournal(rest);
        }
        if (!command.equals("import")) {
            return new Invalid("unknown command '" + command + "'");
        }
        return parseImport(rest);
    }

    private static CommandLine parseImport(Deque<String> rest) {
        // import has always taken --date=D beside --date D, and prints the main usage: it has none of its own
        OptionReader options = OptionReader.withInlineValues(rest, "import", USAGE);
        LocalDate date = null;
        try {
            while (options.next()) {
                switch (options.name()) {
                    case "--date" -> date = options.date();
                    default -> throw options.unknown();
                }
            }
        } catch (OptionReader.Stop stop) {
            return stop.result();
        }
        return new Import(date);
    }

    /** TAB event ids are UUIDs (domain-spec). */
    java.util.regex.Pattern RACE_ID = java.util.regex.Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private static CommandLine parsePoll(Deque<String> rest) {
        // poll, like import, takes --race=ID beside --race ID and prints the main usage: it has none of its own
        OptionReader options = OptionReader.withInlineValues(rest, "poll", USAGE);
        String raceId = null;
        try {
            while (options.next()) {
                switch (options.name()) {
                    case "--race" -> raceId = eventId(options);
                    default -> throw options.unknown();
                }
            }
        } catch (OptionReader.Stop stop) {
            return stop.result();
        }
        if (raceId == null) {
            return new Invalid("poll needs --race <eventId>");
        }
        return new Poll(raceId);
    }

    /** {@code --race}'s value, checked as it is read: poll has always said "got nothing" for a missing one. */
    private static String eventId(OptionReader options) throws OptionReader.Stop {
        String raceId = options.valueIfAny();
        if (raceId == null || !RACE_ID.matcher(raceId).matches()) {
            // checked before anything starts: a malformed id would cost a TAB request and a failure row
            throw options.invalid("--race needs a TAB event id, a UUID such as 0f57e087-00d9-4c61-9549-835abe2ae2ed, "
                    + "got " + (raceId == null ? "nothing" : "'" + raceId + "'"));
        }
        return raceId;
    }

    private static CommandLine parseHawtio(Deque<String> rest) {
        OptionReader options = OptionReader.withInlineValues(rest, "hawtio", USAGE);
        int port = HAWTIO_PORT;
        String connect = null;
        try {
            while (options.next()) {
                switch (options.name()) {
                    case "--port" -> port = tcpPort(options);
                    case "--connect" -> connect = jolokiaUrl(options);
                    default -> throw options.unknown();
                }
            }
        } catch (OptionReader.Stop stop) {
            return stop.result();
        }
        return new Hawtio(port, connect);
    }

    private static int tcpPort(OptionReader options) throws OptionReader.Stop {
        String value = nonBlankValue(options);
        int port;
        try {
            port = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw options.invalid("--port must be a TCP port 0-65535, got '" + value + "'");
        }
        return port;
    }

    private static String jolokiaUrl(OptionReader options) throws OptionReader.Stop {
        String value = nonBlankValue(options);
        if (!value.matches("https?://[^/\\s]+(/\\S*)?")) {
            throw options.invalid("--connect must be a Jolokia URL such as "
                    + "http://127.0.0.1:9876/observe/jolokia, got '" + value + "'");
        }
        return value;
    }

    /** hawtio's values: a blank one (" ", or "--port=") has always "needed a value", as a missing one does. */
    private static String nonBlankValue(OptionReader options) throws OptionReader.Stop {
        String value = options.value();
        if (value.isBlank()) {
            throw options.invalid(options.name() + " needs a value");
        }
        return value;
    }

    private static CommandLine parseSimulate(List<String> arguments) {
        SimulatorOptions options = SimulatorOptions.parse(arguments);
        if (options instanceof SimulatorOptions.Run run) {
            return new Simulate(run);
        }
        if (options instanceof SimulatorOptions.Invalid invalid) {
            // the main usage lists simulate in one line; the reason says where its options are described
            return new Invalid(invalid.reason() + " (simulate --help lists the options)");
        }
        return new Help(SimulatorOptions.USAGE);
    }

    private static CommandLine parseReplay(Deque<String> rest) {
        OptionReader options = new OptionReader(rest, "replay", REPLAY_USAGE);
        LocalDate day = null;
        Path journal = null;
        Replayer.Speed speed = Replayer.Speed.MAX;
        try {
            while (options.next()) {
                switch (options.name()) {
                    case "--day" -> day = options.date();
                    case "--journal" -> journal = options.path();
                    case "--speed" -> speed = switch (options.value()) {
                        case "max" -> Replayer.Speed.MAX;
                        case "realtime" -> Replayer.Speed.REALTIME;
                        default -> throw options.invalid("--speed is max or realtime, got '" + options.value() + "'");
                    };
                    default -> throw options.unknown();
                }
            }
        } catch (OptionReader.Stop stop) {
            return stop.result();
        }
        if (day == null) {
            return new Invalid("replay needs --day YYYY-MM-DD", REPLAY_USAGE);
        }
        return new Replay(day, journal, speed);
    }

    private static CommandLine parseJournal(Deque<String> rest) {
        String action = rest.poll();
        OptionReader options = new OptionReader(rest, "journal", JOURNAL_USAGE);
        LocalDate day = null;
        String raceId = null;
        Path to = null;
        Path journal = null;
        // as journal always has: every option is read and checked before the action is looked at, and either
        // action accepts all four (stats ignores --race and --to, export ignores --day)
        try {
            while (options.next()) {
                switch (options.name()) {
                    case "--day" -> day = options.date();
                    case "--race" -> raceId = options.value();
                    case "--to" -> to = options.path();
                    case "--journal" -> journal = options.path();
                    default -> throw options.unknown();
                }
            }
        } catch (OptionReader.Stop stop) {
            return stop.result();
        }
        if ("stats".equals(action)) {
            return new JournalStats(day, journal);
        }
        if ("export".equals(action)) {
            if (raceId == null || to == null) {
                return new Invalid("journal export needs --race <eventId> and --to DIR", JOURNAL_USAGE);
            }
            return new JournalExport(raceId, to, journal);
        }
        if (action == null) {
            return new Help(JOURNAL_USAGE, 2);
        }
        if (action.equals("--help") || action.equals("-h")) {
            return new Help(JOURNAL_USAGE);
        }
        return new Invalid("unknown journal command '" + action + "' (stats, export)", JOURNAL_USAGE);
    }
}
