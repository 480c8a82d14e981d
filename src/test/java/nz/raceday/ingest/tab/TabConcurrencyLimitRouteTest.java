package nz.raceday.ingest.tab;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import nz.raceday.ingest.daily.ImportSummary;
import nz.raceday.ingest.testsupport.RacedayRouteTestSupport;
import nz.raceday.ingest.testsupport.TabFixtures;
import org.junit.jupiter.api.Test;

/** One global limit on concurrent TAB requests, however many branches run in parallel. */
class TabConcurrencyLimitRouteTest extends RacedayRouteTestSupport {

    private static final int LIMIT = 2;

    @Override
    protected Map<String, String> testProperties() {
        Map<String, String> properties = super.testProperties();
        properties.put("tab.max-concurrent-requests", String.valueOf(LIMIT));
        // four times as many parallel branches as TAB slots
        properties.put("camel.threadpool.config[import-pool].pool-size", "8");
        properties.put("camel.threadpool.config[import-pool].max-pool-size", "8");
        return properties;
    }

    @Test
    void shouldNeverHaveMoreRequestsInFlightThanTheLimit() {
        tab.latency(Duration.ofMillis(25));

        ImportSummary summary = importDay(TabFixtures.DAY);

        assertThat(summary.failedRaces()).isEmpty();
        assertThat(summary.entrants()).isEqualTo(96 * 8);
        // eight branches waited for two slots: the limit was reached and never passed
        assertThat(tab.maxConcurrentRequests()).isEqualTo(LIMIT);
    }
}
