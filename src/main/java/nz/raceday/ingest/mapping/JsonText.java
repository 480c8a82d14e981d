package nz.raceday.ingest.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON stored as text attributes (runner changes, results, dividends): written compactly and cut to size validly. */
public final class JsonText {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonText() {
        // static helpers
    }

    /** Compact JSON text of a value. */
    public static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /**
     * JSON text that fits {@code maxCodePoints}: when too long, whole trailing entries of the object or array are
     * dropped (a cut in the middle would leave text the frontend cannot parse); text that is not JSON is cut.
     */
    public static String fit(String json, int maxCodePoints) {
        if (json.codePointCount(0, json.length()) <= maxCodePoints) {
            return json;
        }
        try {
            JsonNode node = JSON.readTree(json);
            if (node.isContainerNode()) {
                while (!node.isEmpty()) {
                    if (node.isObject()) {
                        ObjectNode object = (ObjectNode) node;
                        String last = null;
                        for (var names = object.fieldNames(); names.hasNext();) {
                            last = names.next();
                        }
                        object.remove(last);
                    } else {
                        ((ArrayNode) node).remove(node.size() - 1);
                    }
                    String shorter = JSON.writeValueAsString(node);
                    if (shorter.codePointCount(0, shorter.length()) <= maxCodePoints) {
                        return shorter;
                    }
                }
            }
        } catch (JsonProcessingException e) {
            // not JSON after all: cut like any text
        }
        return truncate(json, maxCodePoints);
    }

    static String truncate(String value, int maxCodePoints) {
        if (value.codePointCount(0, value.length()) <= maxCodePoints) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, maxCodePoints));
    }
}
