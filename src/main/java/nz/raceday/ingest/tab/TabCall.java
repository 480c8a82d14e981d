package nz.raceday.ingest.tab;

/**
 * One GET to the TAB affiliates API, relative to {@code /affiliates/v1/racing}.
 *
 * @param path  path below {@code /racing}, for example {@code events/0f57e087-...}
 * @param query encoded query string without {@code ?}, may be empty
 */
public record TabCall(String path, String query) {

    @Override
    public String toString() {
        return query.isEmpty() ? path : path + "?" + query;
    }
}
