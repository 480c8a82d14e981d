package nz.raceday.ingest.shared;

/**
 * A setting is missing or invalid: startup stops with this one message, which names the setting (and never prints a
 * secret value), instead of a stack trace. The commands exit with status 2.
 */
public class ConfigurationProblem extends IllegalStateException {

    public ConfigurationProblem(String message) {
        super(message);
    }

    /** The configuration problem somewhere in a failure's cause chain, or null. */
    public static ConfigurationProblem in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConfigurationProblem problem) {
                return problem;
            }
        }
        return null;
    }
}
