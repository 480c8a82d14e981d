package nz.raceday.ingest.tab;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Typed reads of TAB JSON fields with errors that name the payload and field. "Optional" readers return
 * null for absent, JSON null and (for text) blank values; a present value of the wrong type is an error.
 */
final class JsonFields {

    private JsonFields() {
        // static helpers
    }

    static JsonNode requiredObject(JsonNode parent, String field, String context) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            throw missing(context, field);
        }
        if (!node.isObject()) {
            throw wrongType(context, field, "an object", node);
        }
        return node;
    }

    static String requiredText(JsonNode parent, String field, String context) {
        String value = optionalText(parent, field, context);
        if (value == null) {
            throw missing(context, field);
        }
        return value;
    }

    static String optionalText(JsonNode parent, String field, String context) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isValueNode() || node.isBinary()) {
            throw wrongType(context, field, "text", node);
        }
        String text = node.asText().trim();
        return text.isEmpty() ? null : text;
    }

    static int requiredInt(JsonNode parent, String field, String context) {
        Integer value = optionalInt(parent, field, context);
        if (value == null) {
            throw missing(context, field);
        }
        return value;
    }

    /** An integral number; integral floats ({@code 1700.0}) and numeric strings are accepted. */
    static Long optionalLong(JsonNode parent, String field, String context) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.asLong();
        }
        if (node.isNumber() && node.asDouble() == Math.rint(node.asDouble())) {
            return (long) node.asDouble();
        }
        if (node.isTextual() && node.asText().trim().matches("-?\\d{1,18}")) {
            return Long.parseLong(node.asText().trim());
        }
        if (node.isTextual() && node.asText().isBlank()) {
            return null;
        }
        throw wrongType(context, field, "a whole number", node);
    }

    static Integer optionalInt(JsonNode parent, String field, String context) {
        Long value = optionalLong(parent, field, context);
        if (value == null) {
            return null;
        }
        if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
            throw new TabPayloadException(context + ": field '" + field + "' is out of range: " + value);
        }
        return value.intValue();
    }

    /** A number; numeric strings are accepted. */
    static Double optionalDouble(JsonNode parent, String field, String context) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isTextual()) {
            String text = node.asText().trim();
            if (text.isEmpty()) {
                return null;
            }
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw wrongType(context, field, "a number", node);
            }
        }
        throw wrongType(context, field, "a number", node);
    }

    static Boolean optionalBoolean(JsonNode parent, String field, String context) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isTextual() && ("true".equalsIgnoreCase(node.asText()) || "false".equalsIgnoreCase(node.asText()))) {
            return Boolean.parseBoolean(node.asText());
        }
        throw wrongType(context, field, "a boolean", node);
    }

    /** Unix seconds; TAB sends {@code 0} for "not set" (for example {@code scratch_time} of a runner still in). */
    static Instant optionalEpochSeconds(JsonNode parent, String field, String context) {
        Long seconds = optionalLong(parent, field, context);
        return seconds == null || seconds == 0 ? null : Instant.ofEpochSecond(seconds);
    }

    /** An ISO-8601 instant such as {@code 2025-07-16T23:45:00Z}. */
    static Instant optionalIsoInstant(JsonNode parent, String field, String context) {
        String text = optionalText(parent, field, context);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new TabPayloadException(context + ": field '" + field + "' is not an ISO-8601 instant: '" + text + "'");
        }
    }

    /** A {@code YYYY-MM-DD} date, or the date part of an ISO-8601 instant label such as {@code 2025-07-17T00:00:00Z}. */
    static LocalDate optionalDate(JsonNode parent, String field, String context) {
        String text = optionalText(parent, field, context);
        if (text == null) {
            return null;
        }
        try {
            return text.length() == 10 ? LocalDate.parse(text) : LocalDate.parse(text.substring(0, 10));
        } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new TabPayloadException(context + ": field '" + field + "' is not a date: '" + text + "'");
        }
    }

    static TabPayloadException missing(String context, String field) {
        return new TabPayloadException(context + ": required field '" + field + "' is missing");
    }

    static TabPayloadException wrongType(String context, String field, String expected, JsonNode node) {
        return new TabPayloadException(context + ": field '" + field + "' should be " + expected + " but is "
                + node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
    }
}
