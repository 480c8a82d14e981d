package nz.raceday.ingest.daily;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import nz.raceday.ingest.daily.MeetingFilter.Verdict;
import nz.raceday.ingest.tab.TabPayloadParser;
import nz.raceday.ingest.tab.model.RawMeeting;
import nz.raceday.ingest.testsupport.TabFixtures;
import org.junit.jupiter.api.Test;

/** Which meetings of the TAB list the import keeps (domain-spec §3). */
class MeetingFilterTest {

    private final MeetingFilter filter = MeetingFilter.of("AUS,NZ", "T,H");

    @Test
    void shouldKeepAustralianAndNewZealandThoroughbredAndHarnessMeetings() {
        assertThat(filter.classify(meeting("AUS", "T"))).isEqualTo(Verdict.KEEP);
        assertThat(filter.classify(meeting("AUS", "H"))).isEqualTo(Verdict.KEEP);
        assertThat(filter.classify(meeting("NZ", "T"))).isEqualTo(Verdict.KEEP);
        assertThat(filter.classify(meeting("NZ", "H"))).isEqualTo(Verdict.KEEP);
    }

    @Test
    void shouldExcludeGreyhounds() {
        assertThat(filter.classify(meeting("NZ", "G"))).isEqualTo(Verdict.EXCLUDE);
        assertThat(filter.classify(meeting("AUS", "G"))).isEqualTo(Verdict.EXCLUDE);
    }

    @Test
    void shouldExcludeOtherCountries() {
        assertThat(filter.classify(meeting("UK", "T"))).isEqualTo(Verdict.EXCLUDE);
        assertThat(filter.classify(meeting("USA", "H"))).isEqualTo(Verdict.EXCLUDE);
    }

    @Test
    void shouldExcludeTheWrongCodesEarlierImplementationsUsed() {
        assertThat(filter.classify(meeting("NZL", "T"))).isEqualTo(Verdict.EXCLUDE);
        assertThat(filter.classify(meeting("AU", "T"))).isEqualTo(Verdict.EXCLUDE);
        assertThat(filter.classify(meeting("NZ", "R"))).isEqualTo(Verdict.EXCLUDE);
        assertThat(filter.classify(meeting("NZ", "Harness"))).isEqualTo(Verdict.EXCLUDE);
    }

    @Test
    void shouldCallAMeetingWithoutCountryOrCategoryUnclassifiable() {
        assertThat(filter.classify(meeting(null, "T"))).isEqualTo(Verdict.UNCLASSIFIABLE);
        assertThat(filter.classify(meeting("NZ", null))).isEqualTo(Verdict.UNCLASSIFIABLE);
    }

    @Test
    void shouldCompareCodesCaseInsensitively() {
        MeetingFilter lowerConfig = MeetingFilter.of(" aus , nz ", "t, h");

        assertThat(filter.classify(meeting("nz", "h"))).isEqualTo(Verdict.KEEP);
        assertThat(lowerConfig.classify(meeting("AUS", "T"))).isEqualTo(Verdict.KEEP);
        assertThat(lowerConfig.countries()).containsExactlyInAnyOrder("AUS", "NZ");
        assertThat(lowerConfig.categories()).containsExactlyInAnyOrder("T", "H");
    }

    @Test
    void shouldRejectBlankLists() {
        assertThatThrownBy(() -> MeetingFilter.of("", "T,H")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MeetingFilter.of("AUS,NZ", " , ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MeetingFilter(Set.of(), Set.of("T"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldKeepTwelveOfTheSeventySixRecordedMeetings() {
        // recorded day: AUS T 5 + AUS H 4 + NZ T 1 + NZ H 2 (counted by hand from the fixture)
        long kept = new TabPayloadParser().parseMeetingsPage(TabFixtures.read("meetings-list-2025-07-17.json"))
                .meetings().stream().filter(m -> filter.classify(m) == Verdict.KEEP).count();

        assertThat(kept).isEqualTo(12);
    }

    private static RawMeeting meeting(String country, String category) {
        return new RawMeeting("meeting-1", "Test Park", country, category, JsonNodeFactory.instance.objectNode());
    }
}
