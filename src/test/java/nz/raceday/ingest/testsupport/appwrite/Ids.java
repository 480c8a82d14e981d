package nz.raceday.ingest.testsupport.appwrite;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Identifier and permission rules (appwrite-notes §3.5): utopia's {@code Key}, {@code UID} and {@code CustomId}
 * validators, server-side {@code unique()} ids and document permission strings.
 */
final class Ids {

    /** utopia {@code Key} description, used for new ids in bodies and for attribute and index keys. */
    static final String KEY_DESCRIPTION = "Parameter must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, "
            + "period, hyphen, and underscore. Can't start with a special char";
    /** utopia {@code UID} description, used for ids in paths (same rule, different words). */
    static final String UID_DESCRIPTION = "UID must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, and "
            + "underscore. Can't start with a leading underscore";

    private static final Pattern KEY_CHARS = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern PERMISSION = Pattern.compile("(\\w+)\\(\"([^\"]*)\"\\)");
    private static final Pattern ROLE = Pattern.compile(
            "any|guests|users(/verified|/unverified)?|(user|team|member|label):[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)?");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
        // static helpers
    }

    /** utopia {@code Key::isValid}: 1–36 chars of {@code [A-Za-z0-9._-]}, not starting with {@code _ . -}. */
    static boolean isValidKey(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        char leading = value.charAt(0);
        if (leading == '_' || leading == '.' || leading == '-') {
            return false;
        }
        return KEY_CHARS.matcher(value).matches() && value.codePointCount(0, value.length()) <= 36;
    }

    /** utopia {@code CustomId}: {@code unique()} or a valid key. */
    static boolean isValidCustomId(String value) {
        return "unique()".equals(value) || isValidKey(value);
    }

    /** The id a create stores: the given one, or a fresh 20-hex-char id for {@code unique()}. */
    static String resolve(String customId) {
        if (!"unique()".equals(customId)) {
            return customId;
        }
        // PHP uniqid(): 13 hex chars from the microsecond clock, then 7 random hex chars
        long micros = System.currentTimeMillis() * 1000 + (System.nanoTime() / 1000) % 1000;
        String head = String.format(Locale.ROOT, "%08x%05x", micros / 1_000_000, micros % 1_000_000);
        StringBuilder id = new StringBuilder(head);
        for (int i = 0; i < 7; i++) {
            id.append(Character.forDigit(RANDOM.nextInt(16), 16));
        }
        return id.toString();
    }

    /**
     * Checks document permission strings and expands {@code write} into {@code update} and {@code delete}
     * (utopia {@code Permission::aggregate}); duplicates are dropped, first occurrence wins. The error wording
     * for a bad permission is INFERRED (only its type, {@code general_argument_invalid}, is verified).
     *
     * @throws ApiError 400 {@code general_argument_invalid} for a malformed permission, a {@code create}
     *                  permission (not allowed on documents) or more than 100 entries
     */
    static List<String> documentPermissions(List<String> permissions) {
        return aggregate(permissions, List.of("read", "update", "delete"));
    }

    /** As {@link #documentPermissions} for collections, which also allow {@code create}. */
    static List<String> collectionPermissions(List<String> permissions) {
        return aggregate(permissions, List.of("create", "read", "update", "delete"));
    }

    private static List<String> aggregate(List<String> permissions, List<String> allowed) {
        if (permissions.size() > 100) {
            throw ApiError.invalidParam("permissions", "Value must a valid array no longer than 100 items and "
                    + "Permission string must be in the format action(\"role\")");
        }
        Set<String> result = new LinkedHashSet<>();
        for (String permission : permissions) {
            Matcher m = permission == null ? null : PERMISSION.matcher(permission);
            if (m == null || !m.matches()) {
                throw ApiError.invalidParam("permissions", "Permission \"" + permission
                        + "\" is not allowed. Must be one of: " + String.join(", ", allowed) + ", write.");
            }
            String action = m.group(1);
            String role = m.group(2);
            if (!ROLE.matcher(role).matches()) {
                throw ApiError.invalidParam("permissions", "Role \"" + role + "\" is not allowed.");
            }
            if (action.equals("write")) {
                // write = every allowed verb except read (documents: update + delete; collections: + create)
                for (String verb : allowed) {
                    if (!verb.equals("read")) {
                        result.add(verb + "(\"" + role + "\")");
                    }
                }
            } else if (allowed.contains(action)) {
                result.add(action + "(\"" + role + "\")");
            } else {
                throw ApiError.invalidParam("permissions", "Permission \"" + permission
                        + "\" is not allowed. Must be one of: " + String.join(", ", allowed) + ", write.");
            }
        }
        return new ArrayList<>(result);
    }
}
