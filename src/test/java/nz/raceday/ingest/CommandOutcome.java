package nz.raceday.ingest;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import nz.raceday.ingest.cli.CommandLine;

/** Exit code, stdout and stderr of one command line run through {@link Application#run}, each with its own streams. */
record CommandOutcome(int exitCode, String stdout, String stderr) {

    static CommandOutcome outcome(String... args) throws Exception {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int exitCode = Application.run(CommandLine.parse(args), new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
        return new CommandOutcome(exitCode, stdout.toString(StandardCharsets.UTF_8),
                stderr.toString(StandardCharsets.UTF_8));
    }

    /** Exit 2, nothing on stdout, the reason and then the given usage on stderr. */
    static CommandOutcome usageError(String reason, String usage) {
        return new CommandOutcome(2, "", "raceday-ingest: " + reason + System.lineSeparator() + usage);
    }

    /** Exit 2, nothing on stdout, the reason and then the main usage on stderr. */
    static CommandOutcome usageError(String reason) {
        return usageError(reason, CommandLine.USAGE);
    }

    /** Exit 0, the given usage on stdout, nothing on stderr. */
    static CommandOutcome help(String usage) {
        return new CommandOutcome(0, usage, "");
    }
}
