package nz.raceday.ingest.simulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The options of {@code java -jar raceday-ingest.jar simulate ...}: the arguments after the word {@code simulate}.
 * Parsing is strict, as for the other commands: an unknown or repeated option, a missing or bad value is a usage
 * error with the reason, never ignored. Both {@code --option value} and {@code --option=value} are accepted.
 */
public sealed interface SimulatorOptions {

    /**
     * Run the simulator.
     *
     * @param settings the simulated day, timeline and faults
     * @param apiOnly  serve the simulated API only (do not run the application against it)
     * @param port     the loopback port to listen on; 0 picks any free port
     */
    record Run(SimulatorSettings settings, boolean apiOnly, int port) implements SimulatorOptions {
    }

    /** Print {@link #USAGE}. */
    record Help() implements SimulatorOptions {
    }

    /** Bad usage, with the reason. */
    record Invalid(String reason) implements SimulatorOptions {
    }

    /** The help text of every option; the defaults are read from {@link SimulatorSettings#defaults()}. */
    String USAGE = usage(SimulatorSettings.defaults());

    /**
     * Parses the arguments after {@code simulate}.
     *
     * @return {@link Run}, {@link Help} (for {@code --help} anywhere) or {@link Invalid} with the reason
     */
    static SimulatorOptions parse(List<String> args) {
        return SimulatorOptionsParser.parse(args);
    }

    /**
     * A duration such as {@code 250ms}, {@code 90s}, {@code 3m} or {@code 1h} (a whole number and a unit).
     *
     * @throws IllegalArgumentException with the reason
     */
    static Duration parseDuration(String text) {
        return SimulatorOptionsParser.duration(text);
    }

    private static String usage(SimulatorSettings d) {
        return """
                raceday-ingest simulate: a simulated NZ TAB affiliates API on loopback (127.0.0.1), serving a
                synthetic racing day built relative to now: races go Open -> Closed -> Interim -> Final with odds
                moving, pools growing, money-tracker rows changing, a late scratching, an abandoned race, a delayed
                start and a start time that moves. The same seed gives the same day (relative to its start).

                Usage:
                  java -jar target/raceday-ingest.jar simulate [options]

                Day:
                  --meetings N          AUS/NZ thoroughbred and harness meetings the import keeps (default %d)
                  --other-meetings N    meetings the import must filter out: UK thoroughbred, AUS greyhound (default %d)
                  --races N             races per meeting (default %d)
                  --runners N           runners per race (default %d)
                  --first-start D       from now to the first advertised start (default %s)
                  --spacing D           between consecutive advertised starts, across meetings (default %s)
                  --closed-for D        how long a race stays Closed after its jump (default %s)
                  --interim-for D       how long a race stays Interim before Final (default %s)
                  --form-depth N        entries of each runner's last_starts form history (default %d)
                  --seed N              makes the day and the faults reproducible (default %d)

                Server and faults (each request draws one fault from the seed, the request and how often that
                exact request was seen; the rates together must not exceed 1):
                  --latency D           added to every response (default %s)
                  --error-rate R        share answered 500, 502 or 503 (default %s)
                  --timeout-rate R      share held for --timeout-hold before the answer (default %s)
                  --throttle-rate R     share answered 429 with Retry-After; each starts a burst (default %s)
                  --malformed-rate R    share answered 200 with a truncated JSON body (default %s)
                  --timeout-hold D      how long a "timeout" request is held (default %s)
                  --retry-after N       Retry-After seconds of a 429 (default %d)
                  --throttle-burst N    further requests answered 429 after a drawn one (default %d)
                  --port N              loopback port, 0 for any free port (default 0)
                  --api-only            serve the simulated API only, for TAB_BASE_URL=http://127.0.0.1:<port>
                  --help                show this help

                D is a duration: 250ms, 90s, 3m or 1h. R is a share between 0 and 1 (0.05) or a percentage (5%%).
                """.formatted(d.meetings(), d.otherMeetings(), d.racesPerMeeting(), d.runnersPerRace(),
                text(d.firstStart()), text(d.spacing()), text(d.closedFor()), text(d.interimFor()), d.formDepth(),
                d.seed(), text(d.latency()), text(d.errorRate()), text(d.timeoutRate()), text(d.throttleRate()),
                text(d.malformedRate()), text(d.timeoutHold()), d.retryAfterSeconds(), d.throttleBurst());
    }

    private static String text(Duration duration) {
        return SimulatorOptionsParser.format(duration);
    }

    private static String text(double rate) {
        return SimulatorOptionsParser.rateText(rate);
    }
}

/** The parsing of {@link SimulatorOptions}, kept out of the public interface. */
final class SimulatorOptionsParser {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

    private SimulatorOptionsParser() {
    }

    static SimulatorOptions parse(List<String> args) {
        if (args.contains("--help") || args.contains("-h")) {
            return new SimulatorOptions.Help();
        }
        SimulatorSettings.Builder settings = SimulatorSettings.builder();
        boolean apiOnly = false;
        int port = 0;
        Set<String> seen = new HashSet<>();
        Deque<String> rest = new ArrayDeque<>(args);
        try {
            while (!rest.isEmpty()) {
                String arg = rest.poll();
                if (!arg.startsWith("--")) {
                    return new SimulatorOptions.Invalid("unexpected argument '" + arg + "' (options start with --)");
                }
                String name = arg;
                String inline = null;
                int eq = arg.indexOf('=');
                if (eq > 0) {
                    name = arg.substring(0, eq);
                    inline = arg.substring(eq + 1);
                }
                if (!seen.add(name)) {
                    return new SimulatorOptions.Invalid("option " + name + " is given more than once");
                }
                if (name.equals("--api-only")) {
                    if (inline != null) {
                        return new SimulatorOptions.Invalid("--api-only takes no value");
                    }
                    apiOnly = true;
                    continue;
                }
                if (!takesValue(name)) {
                    return new SimulatorOptions.Invalid("unknown option '" + name + "' for simulate (see --help)");
                }
                String value = inline != null ? inline : rest.poll();
                if (value == null || value.isBlank() || (inline == null && value.startsWith("--"))) {
                    return new SimulatorOptions.Invalid(name + " needs a value");
                }
                switch (name) {
                    case "--meetings" -> settings.meetings(integer(name, value));
                    case "--other-meetings" -> settings.otherMeetings(integer(name, value));
                    case "--races" -> settings.racesPerMeeting(integer(name, value));
                    case "--runners" -> settings.runnersPerRace(integer(name, value));
                    case "--first-start" -> settings.firstStart(duration(name, value));
                    case "--spacing" -> settings.spacing(duration(name, value));
                    case "--closed-for" -> settings.closedFor(duration(name, value));
                    case "--interim-for" -> settings.interimFor(duration(name, value));
                    case "--form-depth" -> settings.formDepth(integer(name, value));
                    case "--seed" -> settings.seed(longValue(name, value));
                    case "--latency" -> settings.latency(duration(name, value));
                    case "--error-rate" -> settings.errorRate(rate(name, value));
                    case "--timeout-rate" -> settings.timeoutRate(rate(name, value));
                    case "--throttle-rate" -> settings.throttleRate(rate(name, value));
                    case "--malformed-rate" -> settings.malformedRate(rate(name, value));
                    case "--timeout-hold" -> settings.timeoutHold(duration(name, value));
                    case "--retry-after" -> settings.retryAfterSeconds(integer(name, value));
                    case "--throttle-burst" -> settings.throttleBurst(integer(name, value));
                    case "--port" -> {
                        port = integer(name, value);
                        if (port < 0 || port > 65535) {
                            return new SimulatorOptions.Invalid("--port must be between 0 and 65535, got " + port);
                        }
                    }
                    default -> throw new IllegalStateException("unhandled option " + name);
                }
            }
            return new SimulatorOptions.Run(settings.build(), apiOnly, port);
        } catch (IllegalArgumentException e) {
            return new SimulatorOptions.Invalid(optionName(e.getMessage()));
        }
    }

    private static boolean takesValue(String name) {
        return switch (name) {
            case "--meetings", "--other-meetings", "--races", "--runners", "--first-start", "--spacing",
                    "--closed-for", "--interim-for", "--form-depth", "--seed", "--latency", "--error-rate",
                    "--timeout-rate", "--throttle-rate", "--malformed-rate", "--timeout-hold", "--retry-after",
                    "--throttle-burst", "--port" -> true;
            default -> false;
        };
    }

    /** Settings validation names record components; the user typed options, so name those. */
    private static String optionName(String message) {
        String[][] names = {
            {"otherMeetings", "--other-meetings"}, {"meetings", "--meetings"}, {"racesPerMeeting", "--races"},
            {"runnersPerRace", "--runners"}, {"firstStart", "--first-start"}, {"spacing", "--spacing"},
            {"closedFor", "--closed-for"}, {"interimFor", "--interim-for"}, {"formDepth", "--form-depth"},
            {"latency", "--latency"}, {"errorRate", "--error-rate"}, {"timeoutRate", "--timeout-rate"},
            {"throttleRate", "--throttle-rate"}, {"malformedRate", "--malformed-rate"},
            {"timeoutHold", "--timeout-hold"}, {"retryAfterSeconds", "--retry-after"},
            {"throttleBurst", "--throttle-burst"},
        };
        for (String[] pair : names) {
            if (message.startsWith(pair[0] + " ")) {
                return pair[1] + message.substring(pair[0].length());
            }
        }
        return message;
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a whole number, got '" + value + "'");
        }
    }

    private static long longValue(String name, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a whole number, got '" + value + "'");
        }
    }

    private static double rate(String name, String value) {
        String text = value.trim();
        boolean percent = text.endsWith("%");
        if (percent) {
            text = text.substring(0, text.length() - 1);
        }
        double rate;
        try {
            rate = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a share between 0 and 1 (0.05) or a percentage"
                    + " (5%), got '" + value + "'");
        }
        if (percent) {
            rate = rate / 100.0;
        }
        if (!(rate >= 0.0 && rate <= 1.0)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1 (0%..100%), got '" + value + "'");
        }
        return rate;
    }

    private static Duration duration(String name, String value) {
        try {
            return duration(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " " + e.getMessage());
        }
    }

    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("needs a duration such as 250ms, 90s, 3m or 1h, got '" + text + "'");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    /** The shortest of {@code 250ms}, {@code 90s}, {@code 3m}, {@code 1h} that states the duration exactly. */
    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        if (s != 0 && s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s != 0 && s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }

    static String rateText(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
    }
}
