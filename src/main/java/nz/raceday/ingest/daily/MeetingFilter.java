package nz.raceday.ingest.daily;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import nz.raceday.ingest.tab.model.RawMeeting;

/**
 * Which meetings the import keeps: country and category codes exactly as TAB sends them (AUS, NZ; T, H by
 * default). The previous implementations used NZL, AU, R and Harness at times, all wrong (domain-spec §3).
 */
public final class MeetingFilter {

    /** The verdict on one meeting. */
    public enum Verdict { KEEP, EXCLUDE, UNCLASSIFIABLE }

    private final Set<String> countries;
    private final Set<String> categories;

    public MeetingFilter(Set<String> countries, Set<String> categories) {
        this.countries = normalise(countries);
        this.categories = normalise(categories);
        if (this.countries.isEmpty() || this.categories.isEmpty()) {
            throw new IllegalArgumentException("meeting filter needs at least one country and one category");
        }
    }

    /** Parses comma-separated lists such as {@code AUS,NZ} and {@code T,H}. */
    public static MeetingFilter of(String countries, String categories) {
        return new MeetingFilter(new java.util.HashSet<>(java.util.Arrays.asList(countries.split(","))),
                new java.util.HashSet<>(java.util.Arrays.asList(categories.split(","))));
    }

    public Verdict classify(RawMeeting meeting) {
        if (meeting.country() == null || meeting.category() == null) {
            return Verdict.UNCLASSIFIABLE;
        }
        boolean keep = countries.contains(meeting.country().toUpperCase(Locale.ROOT))
                && categories.contains(meeting.category().toUpperCase(Locale.ROOT));
        return keep ? Verdict.KEEP : Verdict.EXCLUDE;
    }

    public Set<String> countries() {
        return countries;
    }

    public Set<String> categories() {
        return categories;
    }

    private static Set<String> normalise(Set<String> codes) {
        return codes.stream().map(String::trim).filter(s -> !s.isEmpty()).map(s -> s.toUpperCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }
}
