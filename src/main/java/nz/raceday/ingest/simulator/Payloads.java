package nz.raceday.ingest.simulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small JSON helpers that make numbers and times look as the real API (a Go service) writes them. */
final class Payloads {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter NON_ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss '+0000 UTC'")
            .withZone(ZoneOffset.UTC);

    private Payloads() {
    }

    /** Go writes integral floats without a fraction ({@code 5}, not {@code 5.0}). */
    static void number(ObjectNode node, String field, double value) {
        node.set(field, numberNode(value));
    }

    static JsonNode numberNode(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return JsonNodeFactory.instance.numberNode((long) value);
        }
        return JsonNodeFactory.instance.numberNode(value);
    }

    /** Dollars from cents, with at most two decimals ({@code 9151.38}). */
    static void dollars(ObjectNode node, String field, long cents) {
        node.set(field, dollarsNode(cents));
    }

    static JsonNode dollarsNode(long cents) {
        if (cents % 100 == 0) {
            return JsonNodeFactory.instance.numberNode(cents / 100);
        }
        return JsonNodeFactory.instance.numberNode(cents / 100.0);
    }

    /** RFC 3339 with nanoseconds, trailing zeros dropped ({@code 2025-07-17T11:16:59.18904298Z}), as Go does. */
    static String rfc3339(Instant instant) {
        String base = SECONDS.format(instant);
        int nanos = instant.getNano();
        if (nanos == 0) {
            return base + "Z";
        }
        String fraction = String.format("%09d", nanos).replaceAll("0+$", "");
        return base + "." + fraction + "Z";
    }

    /** The event's {@code *_string} times: {@code 2025-07-17 00:50:00 +0000 UTC}, not ISO-8601. */
    static String nonIso(Instant instant) {
        return NON_ISO.format(instant);
    }
}
