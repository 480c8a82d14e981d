package nz.raceday.ingest.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The one datetime format of stored documents: UTC with milliseconds and an explicit offset, exactly as
 * Appwrite prints datetimes ({@code 2025-07-17T00:50:00.000+00:00}), so both adapters return identical text.
 */
public final class StoredTimes {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxxx");

    private StoredTimes() {
        // static helpers
    }

    public static String format(Instant instant) {
        return FORMAT.format(instant.truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC));
    }

    /** A racing-day label, stored as midnight UTC of that date (how TAB encodes meeting dates). */
    public static String format(LocalDate date) {
        return format(date.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /**
     * Parses any ISO-8601 instant with offset and returns it in the stored format.
     *
     * @throws IllegalArgumentException when the text is not an ISO-8601 date-time with offset
     */
    public static String normalise(String isoDateTime) {
        return format(parse(isoDateTime));
    }

    public static Instant parse(String isoDateTime) {
        try {
            return OffsetDateTime.parse(isoDateTime).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an ISO-8601 date-time with offset: '" + isoDateTime + "'", e);
        }
    }
}
