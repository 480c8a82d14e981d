package nz.raceday.ingest.polling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class PollMetricsTest {

    private final PollMetrics metrics = new PollMetrics();

    @Test
    void shouldSummariseLatenessAndProcessingPercentiles() {
        for (long i = 1; i <= 100; i++) {
            metrics.polled(i * 10, i, false);
        }
        metrics.missed();

        PollMetrics.Summary summary = metrics.summary();

        assertThat(summary.made()).isEqualTo(100);
        assertThat(summary.missed()).isEqualTo(1);
        assertThat(summary.latenessMillis().count()).isEqualTo(100);
        assertThat(summary.latenessMillis().p50()).isEqualTo(500);
        assertThat(summary.latenessMillis().p99()).isEqualTo(990);
        assertThat(summary.latenessMillis().max()).isEqualTo(1000);
        assertThat(summary.processingMillis().p99()).isEqualTo(99);
    }

    @Test
    void shouldTreatAPollStartedEarlyAsOnTimeAndKeepMemoryBounded() {
        metrics.polled(-40, 3, false);
        metrics.polled(Long.MAX_VALUE, 3, false);

        assertThat(metrics.summary().latenessMillis().p50()).isZero();
        assertThat(metrics.summary().latenessMillis().max()).isGreaterThanOrEqualTo(3_600_000L);
    }

    @Test
    void shouldFeedTheSameSamplesToBoundMeters() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        metrics.bindTo(registry);

        metrics.polled(250, 12, false);
        metrics.polled(750, 18, false);

        assertThat(registry.get("raceday.poll.lateness").timer().count()).isEqualTo(2);
        assertThat(registry.get("raceday.poll.lateness").timer().max(java.util.concurrent.TimeUnit.MILLISECONDS))
                .isEqualTo(750.0);
        assertThat(registry.get("raceday.poll.processing").timer().totalTime(java.util.concurrent.TimeUnit.MILLISECONDS))
                .isEqualTo(30.0);
    }

    @Test
    void shouldSplitAPollIntoConsecutiveStagesThatAddUpToLatenessAndProcessing() {
        Instant planned = Instant.parse("2026-12-02T03:00:00Z");
        // planned, turn, poll route, first request, response, parsed, committed
        Map<PollMetrics.Stage, Long> stages = RacePolling.stageMillis(planned, planned.plusMillis(2),
                planned.plusMillis(40), planned.plusMillis(190), planned.plusMillis(260), planned.plusMillis(275),
                planned.plusMillis(301));

        assertThat(stages).containsExactly(Map.entry(PollMetrics.Stage.CYCLE, 2L), Map.entry(PollMetrics.Stage.QUEUE, 38L),
                Map.entry(PollMetrics.Stage.TAB_SLOT, 150L), Map.entry(PollMetrics.Stage.TAB_REQUEST, 70L),
                Map.entry(PollMetrics.Stage.PARSE, 15L), Map.entry(PollMetrics.Stage.STORE, 26L));
    }

    @Test
    void shouldSummariseEachStageOnItsOwn() {
        for (long i = 1; i <= 100; i++) {
            metrics.staged(Map.of(PollMetrics.Stage.TAB_SLOT, i * 4, PollMetrics.Stage.STORE, i));
        }

        assertThat(metrics.stages()).containsOnlyKeys(PollMetrics.Stage.TAB_SLOT, PollMetrics.Stage.STORE);
        assertThat(metrics.stages().get(PollMetrics.Stage.TAB_SLOT).p99()).isEqualTo(396);
        assertThat(metrics.stages().get(PollMetrics.Stage.TAB_SLOT).max()).isEqualTo(400);
        assertThat(metrics.stages().get(PollMetrics.Stage.STORE).p50()).isEqualTo(50);
    }

    @Test
    void shouldSummariseTimedPollsWithoutTheCatchUpPollsMadeAtOnce() {
        // a start-up burst: three polls made at once, late on a cold JVM
        metrics.polled(1_400, 240, true);
        metrics.polled(1_600, 300, true);
        metrics.polled(1_200, 200, true);
        // polls woken at their planned instants
        metrics.polled(30, 20, false);
        metrics.polled(90, 25, false);

        PollMetrics.Summary summary = metrics.summary();

        assertThat(summary.made()).isEqualTo(5);
        assertThat(summary.latenessMillis().max()).isEqualTo(1_600);
        assertThat(summary.timedLatenessMillis().count()).isEqualTo(2);
        assertThat(summary.timedLatenessMillis().max()).isEqualTo(90);
        assertThat(summary.timedProcessingMillis().max()).isEqualTo(25);
    }
}
