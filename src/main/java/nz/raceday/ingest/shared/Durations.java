package nz.raceday.ingest.shared;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

import org.apache.camel.util.TimeUtils;

/**
 * Reads the time settings: a duration names its unit ({@code 250ms}, {@code 15s}, {@code 10m}, {@code 1h},
 * {@code 1m30s}, ISO {@code PT2S}). Camel's {@link TimeUtils} does the arithmetic; the syntax is checked first
 * because Camel reads a value it does not understand as zero.
 */
public final class Durations {

    private static final Pattern BARE_NUMBER = Pattern.compile("\\d+");
    private static final Pattern WITH_UNITS = Pattern.compile("(?i)(\\d+(ms|s|m|h))+|PT[0-9HMS.]+");

    private Durations() {
    }

    /** A whole number without a unit: the previous release's milliseconds (or seconds, for a few keys). */
    public static boolean isBareNumber(String value) {
        return BARE_NUMBER.matcher(value.trim()).matches();
    }

    /**
     * The value of {@code key} as a duration; a bare number counts milliseconds (callers that know better warn
     * first). Anything else stops start-up naming the key.
     */
    public static Duration parse(String key, String value) {
        String trimmed = value.trim();
        if (isBareNumber(trimmed)) {
            return Duration.ofMillis(Long.parseLong(trimmed));
        }
        if (!WITH_UNITS.matcher(trimmed).matches()) {
            throw new ConfigurationProblem(key + " = " + trimmed + " is not a duration (write e.g. 250ms, 15s, 10m, 1h)");
        }
        if (trimmed.regionMatches(true, 0, "PT", 0, 2)) {
            return Duration.parse(trimmed.toUpperCase(Locale.ROOT));
        }
        return Duration.ofMillis(TimeUtils.toMilliSeconds(trimmed.toLowerCase(Locale.ROOT)));
    }
}
