package nz.raceday.ingest.tab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import nz.raceday.ingest.tab.model.PayloadProblem;
import nz.raceday.ingest.tab.model.PayloadProblem.Kind;
import nz.raceday.ingest.testsupport.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Counting and logging the parts of payloads that were left out. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class PayloadProblemsTest {

    private final PayloadProblems problems = new PayloadProblems();

    @Test
    void shouldCountEveryProblemByKind() {
        problems.report(List.of(new PayloadProblem("r1", Kind.RUNNER_ODDS, "odd"),
                new PayloadProblem("r1", Kind.MONEY_TRACKER_ROW, "row")));
        problems.report(List.of(new PayloadProblem("r1", Kind.RUNNER_ODDS, "odd")));

        assertThat(problems.count(Kind.RUNNER_ODDS)).isEqualTo(2);
        assertThat(problems.count(Kind.MONEY_TRACKER_ROW)).isEqualTo(1);
        assertThat(problems.count(Kind.TOTE_POOL)).isZero();
    }

    @Test
    void shouldLogOncePerRaceAndKind() {
        try (LogCapture log = new LogCapture()) {
            for (int poll = 0; poll < 3; poll++) {
                problems.report(List.of(new PayloadProblem("race-a", Kind.RUNNER_ODDS, "race-a odds " + poll),
                        new PayloadProblem("race-a", Kind.HOLD_SUM, "race-a sum " + poll)));
            }
            problems.report(List.of(new PayloadProblem("race-b", Kind.RUNNER_ODDS, "race-b odds")));

            List<String> lines = log.lines().stream().filter(l -> l.contains("Payload problem")).toList();
            assertThat(lines).hasSize(3);
            assertThat(lines.get(0)).startsWith("WARN").contains("(runner_odds)").contains("race-a odds 0");
            assertThat(lines.get(1)).contains("(hold_sum)").contains("race-a sum 0");
            assertThat(lines.get(2)).contains("race-b odds").contains("4 runner_odds problems so far");
        }
    }

    @Test
    void shouldExposeTheCountsAsRacedayPayloadProblemsTotalByKind() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        problems.bindTo(registry);
        problems.report(List.of(new PayloadProblem("r1", Kind.TOTE_POOL, "unknown pool product 'Swinger'")));

        String scrape = registry.scrape();

        assertThat(scrape).contains("raceday_payload_problems_total{kind=\"tote_pool\"} 1.0")
                .contains("raceday_payload_problems_total{kind=\"money_tracker_row\"} 0.0")
                .contains("raceday_payload_problems_total{kind=\"hold_sum\"} 0.0");
    }
}
