package nz.raceday.ingest;

import java.io.PrintStream;
import java.util.Map;

import nz.raceday.ingest.cli.CommandLine;
import nz.raceday.ingest.ops.hawtio.HawtioCommand;
import nz.raceday.ingest.shared.ConfigurationProblem;

/** Entry point of {@code java -jar raceday-ingest.jar}. */
public final class Application {

    private Application() {
        // entry point only
    }

    public static void main(String[] args) throws Exception {
        // exit explicitly: a finished import must not wait for lingering non-daemon threads
        System.exit(run(CommandLine.parse(args), System.out, System.err));
    }

    static int run(CommandLine command, PrintStream out, PrintStream err) throws Exception {
        try {
            return runCommand(command, out, err);
        } catch (Exception e) {
            ConfigurationProblem problem = ConfigurationProblem.in(e);
            if (problem == null) {
                throw e;
            }
            err.println("raceday-ingest: " + problem.getMessage());
            return 2;
        }
    }

    private static int runCommand(CommandLine command, PrintStream out, PrintStream err) throws Exception {
        if (command instanceof CommandLine.Help help) {
            out.print(help.text());
            return help.exitCode();
        }
        if (command instanceof CommandLine.Invalid invalid) {
            err.println("raceday-ingest: " + invalid.reason());
            err.print(invalid.usage());
            return 2;
        }
        if (command instanceof CommandLine.Simulate simulate) {
            return new SimulateCommand(simulate.options()).run();
        }
        if (command instanceof CommandLine.Replay replay) {
            return new ReplayCommand(replay.day(), replay.journal(), replay.speed(), Map.of()).run(out);
        }
        if (command instanceof CommandLine.JournalStats stats) {
            return JournalCommand.stats(stats.journal(), stats.day(), out);
        }
        if (command instanceof CommandLine.JournalExport export) {
            return JournalCommand.export(export.journal(), export.raceId(), export.to(), out);
        }
        if (command instanceof CommandLine.Hawtio hawtio) {
            return new HawtioCommand(hawtio.port(), hawtio.connect(), RacedayMain.settings()).run(out);
        }
        if (command instanceof CommandLine.Poll poll) {
            return new PollCommand(poll.raceId()).run(out);
        }
        if (command instanceof CommandLine.Import importCommand) {
            return new ImportCommand(importCommand.date()).run(out);
        }
        new ServeCommand().run();
        return 0;
    }
}
