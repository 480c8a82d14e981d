package nz.raceday.ingest.simulator;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The query strings the simulated API reads and the URLs it echoes, decoded and encoded as TAB does. */
final class SimulatorQuery {

    private SimulatorQuery() {
        // static helpers
    }

    /** Decoded query parameters; a repeated key keeps its last value. */
    static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            query.put(key, value);
        }
        return query;
    }

    static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    /** {@code header.url}: the path and the query as the API re-encodes it (keys sorted, spaces as %20). */
    static String servedUrl(String path, Map<String, String> query) {
        if (query.isEmpty()) {
            return path;
        }
        String encoded = new TreeMap<>(query).entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return path + "?" + encoded;
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static int intParam(Map<String, String> query, String name, int fallback) {
        String text = query.get(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + text + "'");
        }
    }

    /** Booleans as Go's strconv.ParseBool reads them; absent or empty is false. */
    static boolean boolParam(Map<String, String> query, String name) {
        String text = query.get(name);
        if (text == null || text.isEmpty()) {
            return false;
        }
        return switch (text) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, got '" + text + "'");
        };
    }

    static Set<String> listParam(String text) {
        if (text == null || text.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
