package nz.raceday.ingest.testsupport.appwrite;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * utopia-http parameter checks for JSON bodies and path ids, with Appwrite's wording: a missing required parameter is
 * {@code Param "x" is not optional.}, a bad one {@code Invalid `x` param: <validator description>}. Parameters are
 * checked in declaration order, so the first bad one wins, as in utopia.
 */
final class Params {

    private Params() {
    }

    static JsonNode present(JsonNode body, String name) {
        JsonNode value = body == null ? null : body.get(name);
        return value == null || value.isNull() ? null : value;
    }

    static JsonNode require(JsonNode body, String name) {
        JsonNode value = present(body, name);
        if (value == null) {
            throw ApiError.paramNotOptional(name);
        }
        return value;
    }

    /** A new id ({@code CustomId}): {@code unique()} or a valid key. */
    static String customId(JsonNode body, String name) {
        JsonNode value = require(body, name);
        if (!value.isTextual() || !Ids.isValidCustomId(value.textValue())) {
            throw ApiError.invalidParam(name, Ids.KEY_DESCRIPTION);
        }
        return value.textValue();
    }

    /** An attribute or index key ({@code Key}). */
    static String key(JsonNode body, String name, boolean required) {
        JsonNode value = required ? require(body, name) : present(body, name);
        if (value == null) {
            return null;
        }
        if (!value.isTextual() || !Ids.isValidKey(value.textValue())) {
            throw ApiError.invalidParam(name, Ids.KEY_DESCRIPTION);
        }
        return value.textValue();
    }

    /** An id in the path ({@code UID}: utopia's Key rule with a different description). */
    static String uid(String value, String name) {
        if (!Ids.isValidKey(value)) {
            throw ApiError.invalidParam(name, Ids.UID_DESCRIPTION);
        }
        return value;
    }

    static String text(JsonNode body, String name, int max, boolean required) {
        JsonNode value = required ? require(body, name) : present(body, name);
        if (value == null) {
            return null;
        }
        if (!value.isTextual() || value.textValue().isEmpty()
                || value.textValue().codePointCount(0, value.textValue().length()) > max) {
            throw ApiError.invalidParam(name,
                    "Value must be a valid string and at least 1 chars and no longer than " + max + " chars");
        }
        return value.textValue();
    }

    static Boolean bool(JsonNode body, String name, boolean required) {
        JsonNode value = required ? require(body, name) : present(body, name);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            throw ApiError.invalidParam(name, "Value must be a valid boolean");
        }
        return value.booleanValue();
    }

    static Long integer(JsonNode body, String name) {
        JsonNode value = present(body, name);
        if (value == null) {
            return null;
        }
        if (!Json.isInteger(value)) {
            throw ApiError.invalidParam(name, "Value must be a valid integer");
        }
        return value.longValue();
    }

    static Double number(JsonNode body, String name) {
        JsonNode value = present(body, name);
        if (value == null) {
            return null;
        }
        if (!value.isNumber()) {
            throw ApiError.invalidParam(name, "Value must be a valid float");
        }
        return value.doubleValue();
    }

    static String oneOf(JsonNode body, String name, List<String> allowed, boolean required) {
        JsonNode value = required ? require(body, name) : present(body, name);
        if (value == null) {
            return null;
        }
        if (!value.isTextual() || !allowed.contains(value.textValue())) {
            throw ApiError.invalidParam(name, "Value must be one of (" + String.join(", ", allowed) + ")");
        }
        return value.textValue();
    }

    /** A list of strings; null when absent or JSON null. */
    static List<String> strings(JsonNode body, String name, int maxItems, boolean required) {
        JsonNode value = required ? require(body, name) : present(body, name);
        if (value == null) {
            return null;
        }
        if (!value.isArray() || value.size() > maxItems) {
            throw ApiError.invalidParam(name, "Value must a valid array no longer than " + maxItems
                    + " items and Value must be a valid string and at least 1 chars and no longer than 255 chars");
        }
        List<String> result = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw ApiError.invalidParam(name, "Value must a valid array no longer than " + maxItems
                        + " items and Value must be a valid string and at least 1 chars and no longer than 255 chars");
            }
            result.add(item.textValue());
        }
        return result;
    }
}
