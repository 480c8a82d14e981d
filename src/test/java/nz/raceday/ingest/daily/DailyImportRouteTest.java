package nz.raceday.ingest.daily;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import nz.raceday.ingest.store.Document;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import nz.raceday.ingest.testsupport.RacedayRouteTestSupport;
import nz.raceday.ingest.testsupport.TabFixtures;
import org.junit.jupiter.api.Test;

/** The whole daily import of the recorded 2025-07-17 racing day, through the real routes. */
class DailyImportRouteTest extends RacedayRouteTestSupport {

    @Test
    void shouldStoreExactlyTheAusNzThoroughbredAndHarnessMeetingsWithAllTheirRacesAndEntrants() {
        ImportSummary summary = importDay(TabFixtures.DAY);

        Set<String> expectedMeetings = fixtures.expectedMeetings().stream().map(m -> m.path("meeting").asText())
                .collect(Collectors.toSet());
        Map<String, JsonNode> expectedRaces = fixtures.expectedRaces();
        Set<String> expectedEntrants = expectedRaces.keySet().stream().flatMap(r -> fixtures.entrantIds(r).stream())
                .collect(Collectors.toSet());
        // the recorded day: 12 of 76 meetings are AUS/NZ thoroughbred or harness, with 96 races
        assertThat(expectedMeetings).hasSize(12);
        assertThat(expectedRaces).hasSize(96);

        assertThat(ids(RaceDaySchema.MEETINGS)).isEqualTo(expectedMeetings);
        assertThat(ids(RaceDaySchema.RACES)).isEqualTo(expectedRaces.keySet());
        assertThat(ids(RaceDaySchema.ENTRANTS)).isEqualTo(expectedEntrants);
        assertThat(summary.status()).isEqualTo("completed");
        assertThat(summary.meetings()).isEqualTo(expectedMeetings.size());
        assertThat(summary.races()).isEqualTo(expectedRaces.size());
        assertThat(summary.entrants()).isEqualTo(expectedEntrants.size());
        assertThat(summary.failedRaces()).isEmpty();
        assertThat(summary.requests()).isEqualTo(tab.requests().size());
    }

    private Set<String> ids(String collectionId) {
        return all(collectionId).stream().map(Document::id).collect(Collectors.toSet());
    }
}
