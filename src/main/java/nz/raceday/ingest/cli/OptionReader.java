package nz.raceday.ingest.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Deque;

/**
 * Reads a command's options, in order: a repeated option's last value wins, {@code --help} or {@code -h} stops with
 * the usage the command prints (its own, or the main {@link CommandLine#USAGE}), and the first problem stops reading
 * with an {@link CommandLine.Invalid} that carries that usage. Two forms, as the commands have always read them:
 * <ul>
 * <li>{@link #OptionReader(Deque, String, String) new OptionReader(...)} ({@code replay}, {@code journal}): each is
 * {@code --name value}, no {@code --name=value}; the value is taken with the option, so an option with nothing after
 * it "needs a value", whether the command knows it or not ({@code --day=D} is an option of that name).</li>
 * <li>{@link #withInlineValues} ({@code import}, {@code poll}, {@code hawtio}): {@code --name value} or
 * {@code --name=value}; the value is taken when the command asks for it, so an option the command does not know is
 * named as given ({@code --day=D} too), even with nothing after it.</li>
 * </ul>
 */
final class OptionReader {

    /** Reading stopped: {@link #result()} is the {@link CommandLine.Help} or {@link CommandLine.Invalid} to return. */
    static final class Stop extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient CommandLine result;

        private Stop(CommandLine result) {
            // a usage answer, not a failure: no stack trace to fill in
            super(null, null, false, false);
            this.result = result;
        }

        CommandLine result() {
            return result;
        }
    }

    private final Deque<String> rest;
    private final String command;
    private final String usage;
    private final boolean inlineValues;
    /** The option just read, as given: {@link #unknown()} names it so, {@code =value} included. */
    private String argument;
    private String name;
    /** Null while not taken yet (only {@link #withInlineValues} reads it after the option). */
    private String value;

    /**
     * Options as {@code --name value} only, each value taken with its option.
     *
     * @param rest    the arguments after the command word (and its action), consumed as they are read
     * @param command the command's name as an error message names it ({@code replay}, {@code journal})
     * @param usage   the command's own usage text, printed with {@code --help} and with every error
     */
    OptionReader(Deque<String> rest, String command, String usage) {
        this(rest, command, usage, false);
    }

    private OptionReader(Deque<String> rest, String command, String usage, boolean inlineValues) {
        this.rest = rest;
        this.command = command;
        this.usage = usage;
        this.inlineValues = inlineValues;
    }

    /**
     * Options as {@code --name value} or {@code --name=value} (the value is everything after the first {@code =}),
     * each value taken only when the command asks for it.
     *
     * @param rest    the arguments after the command word, consumed as they are read
     * @param command the command's name as an error message names it ({@code import}, {@code poll}, {@code hawtio})
     * @param usage   the usage text printed with {@code --help} and with every error
     */
    static OptionReader withInlineValues(Deque<String> rest, String command, String usage) {
        return new OptionReader(rest, command, usage, true);
    }

    /**
     * Reads the next option, and its value unless {@link #withInlineValues} leaves that to the command.
     *
     * @return false when no argument is left
     * @throws Stop at {@code --help} / {@code -h} (exactly those, {@code --help=x} is an option like any other), or
     *              when an option read with its value has no value after it
     */
    boolean next() throws Stop {
        if (rest.isEmpty()) {
            return false;
        }
        argument = rest.poll();
        if (argument.equals("--help") || argument.equals("-h")) {
            throw new Stop(new CommandLine.Help(usage));
        }
        int equals = inlineValues && argument.startsWith("--") ? argument.indexOf('=') : -1;
        if (equals >= 0) {
            name = argument.substring(0, equals);
            value = argument.substring(equals + 1);
        } else {
            name = argument;
            value = null;
            if (!inlineValues) {
                take("");
            }
        }
        return true;
    }

    /** The option just read, as given ({@code --day}), less any {@code =value} {@link #withInlineValues} split off. */
    String name() {
        return name;
    }

    /**
     * Its value, as given.
     *
     * @throws Stop when {@link #withInlineValues} takes it here and nothing follows the option
     */
    String value() throws Stop {
        return take("");
    }

    Path path() throws Stop {
        return Path.of(take(""));
    }

    /**
     * Its value as an ISO date (strict: no 2025-02-30).
     *
     * @throws Stop when the value is no such date, or when {@link #withInlineValues} takes it here and nothing
     *              follows the option: then the reason names the form, "--date needs a value YYYY-MM-DD", as
     *              {@code import} always has; an option read with its value only "needs a value"
     */
    LocalDate date() throws Stop {
        String date = take(" YYYY-MM-DD");
        try {
            return LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw invalid(name + " must be YYYY-MM-DD, got '" + date + "'");
        }
    }

    /**
     * Its value, as given, or null when {@link #withInlineValues} takes it here and nothing follows the option: for a
     * command that words a missing value its own way ({@code poll}'s "--race needs a TAB event id ..., got nothing").
     */
    String valueIfAny() {
        if (value == null) {
            value = rest.poll();
        }
        return value;
    }

    /** The value, taken from the arguments if not yet; {@code form} follows "needs a value" when there is none. */
    private String take(String form) throws Stop {
        if (valueIfAny() == null) {
            throw invalid(name + " needs a value" + form);
        }
        return value;
    }

    /** The option just read is not one of the command's. */
    Stop unknown() {
        return invalid("unknown option '" + argument + "' for " + command);
    }

    /** A usage error of this command: the reason above the command's usage. */
    Stop invalid(String reason) {
        return new Stop(new CommandLine.Invalid(reason, usage));
    }
}
