package nz.raceday.ingest.daily;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic document ids for rows that have no TAB id (history rows, failure records): a name-based UUID
 * of the parts, so the same facts always get the same id (36 characters, Appwrite's maximum).
 */
public final class DerivedIds {

    private DerivedIds() {
        // static helpers
    }

    public static String of(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("|", parts).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
