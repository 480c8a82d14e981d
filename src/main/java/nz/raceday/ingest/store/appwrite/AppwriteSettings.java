package nz.raceday.ingest.store.appwrite;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

import nz.raceday.ingest.shared.ConfigurationProblem;
import nz.raceday.ingest.shared.Durations;

/**
 * How to reach Appwrite: {@code APPWRITE_ENDPOINT} (with {@code /v1}), {@code APPWRITE_PROJECT_ID},
 * {@code APPWRITE_API_KEY} and {@code APPWRITE_DATABASE_ID}, plus tuning. {@link #toString()} never shows the key.
 *
 * @param endpoint      API endpoint including {@code /v1}, no trailing slash
 * @param projectId     project id
 * @param apiKey        server API key (secret)
 * @param databaseId    database id, {@code raceday-db} by default
 * @param readRole      the role clients read with ({@code any}, {@code users}, ...); clients never get write access
 * @param callTimeout   the longest any one Appwrite call may take
 * @param maxRetries    retries of a call after 5xx, 429 and network errors
 * @param retryBackoff  wait before the first retry; doubles with every further one
 * @param concurrency   Appwrite calls in flight at once (the SDK's default per-host cap is 5)
 * @param outboxPath    the durable outbox file for writes Appwrite cannot take right now
 * @param provisionTimeout how long startup waits for new attributes and indexes to become available
 * @param closeDrainTimeout how long stopping waits for the outbox to drain before leaving it for the next start
 */
public record AppwriteSettings(String endpoint, String projectId, String apiKey, String databaseId, String readRole,
        Duration callTimeout, int maxRetries, Duration retryBackoff, int concurrency, String outboxPath,
        Duration provisionTimeout, Duration closeDrainTimeout) {

    private static final Pattern ID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9._-]{0,35}");
    private static final Pattern ROLE = Pattern.compile("any|users|guests|users/verified|users/unverified|team:[\\w.-]+"
            + "(/[\\w.-]+)?|user:[\\w.-]+|label:[\\w.-]+");

    /**
     * Reads and checks the settings.
     *
     * @param property looks up a configuration key ({@code raceday.appwrite.*} keys map to the environment variables)
     * @throws ConfigurationProblem with one message naming every missing or invalid setting (never the key)
     */
    public static AppwriteSettings from(Function<String, String> property) {
        List<String> problems = new ArrayList<>();
        String endpoint = trimmed(property.apply("appwrite.endpoint"));
        String projectId = trimmed(property.apply("appwrite.project-id"));
        String apiKey = trimmed(property.apply("appwrite.api-key"));
        String databaseId = orDefault(trimmed(property.apply("appwrite.database-id")), "raceday-db");
        String readRole = orDefault(trimmed(property.apply("appwrite.read-role")), "any");
        if (endpoint == null) {
            problems.add("APPWRITE_ENDPOINT is not set (for example https://appwrite.example.com/v1)");
        } else if (!validEndpoint(endpoint)) {
            problems.add("APPWRITE_ENDPOINT must be an http(s) URL ending in /v1 without a trailing slash, got '"
                    + endpoint + "'");
        }
        if (projectId == null) {
            problems.add("APPWRITE_PROJECT_ID is not set");
        } else if (!ID.matcher(projectId).matches()) {
            problems.add("APPWRITE_PROJECT_ID is not a valid Appwrite id: '" + projectId + "'");
        }
        if (apiKey == null) {
            problems.add("APPWRITE_API_KEY is not set");
        } else if (apiKey.chars().anyMatch(Character::isWhitespace)) {
            problems.add("APPWRITE_API_KEY contains whitespace");
        }
        if (!ID.matcher(databaseId).matches()) {
            problems.add("APPWRITE_DATABASE_ID is not a valid Appwrite id: '" + databaseId + "'");
        }
        if (!ROLE.matcher(readRole).matches()) {
            problems.add("appwrite.read-role is not an Appwrite role (any, users, team:<id>, ...): '" + readRole + "'");
        }
        Duration callTimeout = duration(property, "appwrite.call-timeout", "10s", problems);
        int maxRetries = (int) number(property, "appwrite.max-retries", 2, problems);
        Duration retryBackoff = duration(property, "appwrite.retry-backoff", "250ms", problems);
        int concurrency = (int) number(property, "appwrite.concurrency", 8, problems);
        String outboxPath = orDefault(trimmed(property.apply("appwrite.outbox-path")), "./data/appwrite-outbox.db");
        Duration provisionTimeout = duration(property, "appwrite.provision-timeout", "2m", problems);
        Duration closeDrainTimeout = duration(property, "appwrite.close-drain-timeout", "30s", problems);
        if (callTimeout.isZero()) {
            problems.add("appwrite.call-timeout must be positive");
        }
        if (concurrency == 0) {
            problems.add("appwrite.concurrency must be at least 1");
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationProblem("Appwrite store (RACEDAY_STORE=appwrite) is not configured: "
                    + String.join("; ", problems));
        }
        return new AppwriteSettings(endpoint, projectId, apiKey, databaseId, readRole, callTimeout, maxRetries,
                retryBackoff, concurrency, outboxPath, provisionTimeout, closeDrainTimeout);
    }

    private static boolean validEndpoint(String endpoint) {
        try {
            URI uri = new URI(endpoint);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && endpoint.endsWith("/v1");
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static Duration duration(Function<String, String> property, String key, String fallback,
            List<String> problems) {
        String value = trimmed(property.apply(key));
        try {
            return Durations.parse(key, value == null ? fallback : value);
        } catch (ConfigurationProblem e) {
            problems.add(e.getMessage());
            return Durations.parse(key, fallback);
        }
    }

    private static long number(Function<String, String> property, String key, long fallback, List<String> problems) {
        String value = trimmed(property.apply(key));
        if (value == null) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed < 0) {
                problems.add(key + " must not be negative, got " + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            problems.add(key + " must be a whole number, got '" + value + "'");
            return fallback;
        }
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }

    @Override
    public String toString() {
        return "AppwriteSettings[endpoint=" + endpoint + ", project=" + projectId + ", database=" + databaseId
                + ", apiKey=" + (apiKey == null ? "unset" : "set") + "]";
    }
}
