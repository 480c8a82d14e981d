package nz.raceday.ingest.testsupport.appwrite;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON with Jackson's tree model, which keeps {@code 42} (an int node) and {@code 42.0} (a double node) apart as
 * utopia's non-loose validators do, and the PHP-flavoured helpers the error texts need.
 */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static ArrayNode array() {
        return NODES.arrayNode();
    }

    static ArrayNode strings(List<String> values) {
        ArrayNode array = array();
        values.forEach(array::add);
        return array;
    }

    /** The tree of a JSON text, or null when it is not JSON. */
    static JsonNode parseOrNull(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JSON integer that fits a PHP int (64 bit); {@code 42.0} and {@code "42"} are not integers. */
    static boolean isInteger(JsonNode node) {
        return node != null && node.isIntegralNumber() && node.canConvertToLong();
    }

    /** A JSON number PHP would decode as int or float. */
    static boolean isNumber(JsonNode node) {
        return node != null && node.isNumber();
    }

    static List<String> stringList(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(v -> values.add(v.isTextual() ? v.textValue() : v.toString()));
        }
        return values;
    }

    /** PHP {@code number_format($n)}: rounded to 0 decimals (half away from zero), thousands grouped with commas. */
    static String numberFormat(Number number) {
        BigDecimal value = number instanceof Double || number instanceof Float
                ? new BigDecimal(number.doubleValue())
                : new BigDecimal(number.toString());
        String digits = value.setScale(0, RoundingMode.HALF_UP).toPlainString();
        boolean negative = digits.startsWith("-");
        if (negative) {
            digits = digits.substring(1);
        }
        StringBuilder grouped = new StringBuilder();
        int lead = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        grouped.append(digits, 0, lead);
        for (int i = lead; i < digits.length(); i += 3) {
            grouped.append(',').append(digits, i, i + 3);
        }
        if (negative && !grouped.toString().equals("0")) {
            grouped.insert(0, '-');
        }
        return grouped.toString();
    }

    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
