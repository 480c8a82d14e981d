package nz.raceday.ingest.testsupport.appwrite;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Appwrite's datetime rules (appwrite-notes §3.6): input is parsed, converted to UTC and truncated to milliseconds;
 * output is always {@code YYYY-MM-DDTHH:MM:SS.mmm+00:00}; valid dates lie between 1000-01-01 00:00:00 and
 * 9999-12-31 23:59:59.
 *
 * <p>Real Appwrite parses with PHP's {@code new \DateTime()}, which understands far more than ISO-8601. This class
 * accepts the ISO-8601 subset (date, optional {@code T} or space and time, optional fraction, optional {@code Z} or
 * numeric offset; no offset means UTC, the server's default zone). INFERRED from PHP: a day past the end of the
 * month rolls over into the next month ({@code 2024-02-30} is {@code 2024-03-01}) instead of failing.
 */
final class Datetimes {

    static final String RANGE_DESCRIPTION =
            "Value must be valid date between 1000-01-01 00:00:00 and 9999-12-31 23:59:59.";

    private static final Pattern ISO = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})"
                    + "(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?)?"
                    + "\\s*(Z|z|UTC|[+-]\\d{2}(?::?\\d{2})?)?");
    private static final DateTimeFormatter OUTPUT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'+00:00'")
            .withZone(ZoneOffset.UTC);
    private static final Instant MIN = Instant.parse("1000-01-01T00:00:00Z");
    private static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999Z");

    private Datetimes() {
        // static helpers
    }

    /** The instant the text stands for, truncated to milliseconds, or null when Appwrite would reject it. */
    static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Matcher m = ISO.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        try {
            int year = Integer.parseInt(m.group(1));
            int month = Integer.parseInt(m.group(2));
            int day = Integer.parseInt(m.group(3));
            if (month < 1 || month > 12 || day < 1 || day > 31) {
                return null;
            }
            LocalDate date = LocalDate.of(year, month, 1).plusDays(day - 1L);
            int hour = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
            int minute = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
            int second = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
            if (hour > 23 || minute > 59 || second > 59) {
                return null;
            }
            int nanos = 0;
            if (m.group(7) != null) {
                String fraction = (m.group(7) + "000000000").substring(0, 9);
                nanos = Integer.parseInt(fraction);
            }
            LocalDateTime local = date.atTime(hour, minute, second, nanos);
            ZoneOffset offset = offset(m.group(8));
            Instant instant = local.toInstant(offset).truncatedTo(ChronoUnit.MILLIS);
            if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
                return null;
            }
            return instant;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The stored and printed form of a valid datetime, or null when the text is not one. */
    static String normalize(String text) {
        Instant instant = parse(text);
        return instant == null ? null : format(instant);
    }

    static String format(Instant instant) {
        return OUTPUT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    private static ZoneOffset offset(String zone) {
        if (zone == null || zone.equalsIgnoreCase("Z") || zone.equals("UTC")) {
            return ZoneOffset.UTC;
        }
        String digits = zone.substring(1).replace(":", "");
        int hours = Integer.parseInt(digits.substring(0, 2));
        int minutes = digits.length() > 2 ? Integer.parseInt(digits.substring(2)) : 0;
        int sign = zone.charAt(0) == '-' ? -1 : 1;
        return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    }
}
