package nz.raceday.ingest.shared;

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
        // length-prefixed, so that ("a|b", "c") and ("a", "b|c") can never collide
        StringBuilder name = new StringBuilder();
        for (String part : parts) {
            name.append(part.length()).append(':').append(part).append(';');
        }
        return UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8)).toString();
    }
}
