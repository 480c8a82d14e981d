package nz.raceday.ingest;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.PropertiesFunction;

import nz.raceday.ingest.shared.ConfigurationProblem;
import nz.raceday.ingest.shared.Durations;

/**
 * The one unit convention of our settings: every amount of time is a duration with its unit in the value
 * ({@code 250ms}, {@code 15s}, {@code 10m}, {@code 1h}, ISO {@code PT2S}), and no key names a unit. Keys that
 * counted in other units stay Camel's own ({@code camel.component.http.*-timeout} in ms, {@code
 * camel.main.shutdown-timeout} in s) or count things ({@code journal.retention-days}).
 *
 * <p>The keys of the previous release ({@code tab.retry.initial-delay-ms = 1000}, ...) are still read for one
 * release: set anywhere (an old {@code application.properties}, {@code -D}), such a key wins over the shipped
 * default of its successor, and a warning names the key to write instead.
 *
 * <p>Camel's EIPs take plain milliseconds or seconds, so routes read our durations through two placeholder
 * functions: {@code {{millis:tab.retry.initial-delay}}} and {@code {{seconds:...}}}.
 */
final class DurationSettings {

    /** Old key → its successor; the old value was a bare number of milliseconds. */
    static final Map<String, String> RENAMED_FROM_MILLIS;

    /** Keys that no setting replaces any more, with what to do instead. */
    static final Map<String, String> RETIRED = Map.of(
            "race-poller.dispatch-interval-ms",
            "the poller's cycles wake at each race's planned instant; remove the setting");

    /** Settings whose bare numbers were seconds in the previous release. */
    static final Set<String> BARE_SECONDS = Set.of("tab.circuit-breaker.wait-duration-in-open-state");


    static {
        Map<String, String> renamed = new LinkedHashMap<>();
        renamed.put("ha.file-lock.acquire-interval-ms", "ha.file-lock.acquire-interval");
        renamed.put("ha.zookeeper.session-timeout-ms", "ha.zookeeper.session-timeout");
        renamed.put("ha.zookeeper.connect-timeout-ms", "ha.zookeeper.connect-timeout");
        renamed.put("appwrite.call-timeout-ms", "appwrite.call-timeout");
        renamed.put("appwrite.retry-backoff-ms", "appwrite.retry-backoff");
        renamed.put("appwrite.provision-timeout-ms", "appwrite.provision-timeout");
        renamed.put("appwrite.close-drain-timeout-ms", "appwrite.close-drain-timeout");
        renamed.put("tab.max-concurrency-wait-ms", "tab.max-concurrency-wait");
        renamed.put("tab.retry.initial-delay-ms", "tab.retry.initial-delay");
        renamed.put("tab.retry.max-delay-ms", "tab.retry.max-delay");
        renamed.put("tab.retry.max-retry-after-ms", "tab.retry.max-retry-after");
        renamed.put("race-poller.max-wait-ms", "race-poller.max-wait");
        RENAMED_FROM_MILLIS = Map.copyOf(renamed);
    }

    private final PropertiesComponent properties;
    private final Consumer<String> warn;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    DurationSettings(PropertiesComponent properties, Consumer<String> warn) {
        this.properties = properties;
        this.warn = warn;
    }

    /**
     * Reads the previous release's keys into their successors (with a warning each) and registers the
     * {@code millis:} and {@code seconds:} placeholder functions. Runs before the routes load.
     */
    void install() {
        RENAMED_FROM_MILLIS.forEach((old, successor) -> properties.resolveProperty(old).ifPresent(value -> {
            String trimmed = value.trim();
            String duration = Durations.isBareNumber(trimmed) ? trimmed + "ms" : trimmed;
            warnOnce(old, old + " is deprecated and will be removed in the next release: write " + successor
                    + " = " + duration + " instead");
            properties.addOverrideProperty(successor, duration);
        }));
        RETIRED.forEach((old, instead) -> properties.resolveProperty(old).ifPresent(value ->
                warnOnce(old, old + " is no longer read: " + instead)));
        properties.addPropertiesFunction(new UnitFunction("millis", false));
        properties.addPropertiesFunction(new UnitFunction("seconds", true));
        // a bad value stops start-up here, naming its key, not later inside a route's placeholder
        durationKeys().forEach(key -> properties.resolveProperty(key).ifPresent(value -> parse(key, value)));
    }

    /** Every time setting of ours (the successors of the renamed keys and the bare-seconds ones). */
    static Set<String> durationKeys() {
        Set<String> keys = new java.util.TreeSet<>(RENAMED_FROM_MILLIS.values());
        keys.addAll(BARE_SECONDS);
        return keys;
    }

    /** The setting as a duration; a missing key or a value that is not a duration stops start-up naming the key. */
    Duration duration(String key) {
        return parse(key, properties.resolveProperty(key)
                .orElseThrow(() -> new ConfigurationProblem(key + " is not set")));
    }

    Duration parse(String key, String value) {
        String trimmed = value.trim();
        if (Durations.isBareNumber(trimmed)) {
            if (BARE_SECONDS.contains(key)) {
                warnOnce(key, key + " = " + trimmed + " is read as seconds as before; write " + trimmed
                        + "s (every time setting names its unit)");
                return Duration.ofSeconds(Long.parseLong(trimmed));
            }
            warnOnce(key, key + " = " + trimmed + " has no unit and is read as milliseconds; write " + trimmed
                    + "ms");
        }
        return Durations.parse(key, trimmed);
    }

    private void warnOnce(String key, String message) {
        if (warned.add(key)) {
            warn.accept(message);
        }
    }

    /** {@code {{millis:key}}} / {@code {{seconds:key}}}: a duration setting in the unit an EIP option takes. */
    private final class UnitFunction implements PropertiesFunction {
        private final String name;
        private final boolean inSeconds;

        UnitFunction(String name, boolean inSeconds) {
            this.name = name;
            this.inSeconds = inSeconds;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public String apply(String key) {
            Duration duration = duration(key.trim());
            return Long.toString(inSeconds ? duration.toSeconds() : duration.toMillis());
        }
    }
}
