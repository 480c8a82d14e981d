package nz.raceday.ingest.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import nz.raceday.ingest.polling.RacePolling;
import nz.raceday.ingest.store.RaceStore;
import nz.raceday.ingest.store.WriteOutcome;
import nz.raceday.ingest.store.schema.CollectionSchema;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import nz.raceday.ingest.tab.TabRequestCounter;

/**
 * The application's Prometheus metrics (Camel adds per-route exchange counts and timings, the JVM binders the rest):
 * <ul>
 * <li>{@code raceday_tab_requests_total{outcome}}: TAB requests by outcome ({@code ok}, {@code throttled},
 *     {@code server_error}, {@code client_error}, {@code no_response});</li>
 * <li>{@code raceday_polls_planned_total}, {@code raceday_polls_made_total}, {@code raceday_polls_missed_total};
 *     {@code raceday_polls_active_races}, {@code raceday_polls_in_flight};</li>
 * <li>{@code raceday_poll_lateness_seconds}, {@code raceday_poll_processing_seconds} (histograms, from
 *     {@link nz.raceday.ingest.polling.PollMetrics});</li>
 * <li>{@code raceday_store_writes_total{collection,outcome}};</li>
 * <li>{@code raceday_outbox_batches}, {@code raceday_outbox_oldest_age_seconds},
 *     {@code raceday_outbox_rejected_batches} (the Appwrite outbox; zero for SQLite).</li>
 * </ul>
 */
public final class RacedayMeters implements MeterBinder {

    private final TabRequestCounter tab;
    private final RacePolling polling;
    private final CountingRaceStore store;

    public RacedayMeters(TabRequestCounter tab, RacePolling polling, CountingRaceStore store) {
        this.tab = tab;
        this.polling = polling;
        this.store = store;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (TabRequestCounter.Outcome outcome : TabRequestCounter.Outcome.values()) {
            FunctionCounter.builder("raceday.tab.requests", tab, t -> t.count(outcome))
                    .description("TAB HTTP requests (retries included) by outcome")
                    .tag("outcome", outcome.name().toLowerCase())
                    .register(registry);
        }
        FunctionCounter.builder("raceday.polls.planned", polling, p -> p.schedule().plannedTotal())
                .description("poll slots that fell due").register(registry);
        FunctionCounter.builder("raceday.polls.made", polling, p -> p.metrics().made())
                .description("polls stored").register(registry);
        FunctionCounter.builder("raceday.polls.missed", polling, p -> p.metrics().missedCount())
                .description("poll slots missed (failed after retries, or a previous poll still running)")
                .register(registry);
        Gauge.builder("raceday.polls.active.races", polling, p -> p.schedule().size())
                .description("races being polled").register(registry);
        Gauge.builder("raceday.polls.in.flight", polling, p -> p.schedule().inFlight())
                .description("polls running").register(registry);
        polling.metrics().bindTo(registry);
        for (CollectionSchema collection : RaceDaySchema.collections()) {
            for (WriteOutcome outcome : WriteOutcome.values()) {
                FunctionCounter.builder("raceday.store.writes", store, s -> s.count(collection.id(), outcome))
                        .description("document writes by collection and outcome")
                        .tag("collection", collection.id())
                        .tag("outcome", outcome.name().toLowerCase())
                        .register(registry);
            }
        }
        RaceStore backlog = store;
        Gauge.builder("raceday.outbox.batches", backlog, s -> s.health().pendingBatches())
                .description("write batches waiting in the store's outbox").register(registry);
        Gauge.builder("raceday.outbox.oldest.age", backlog, s -> s.health().oldestPending().toMillis() / 1000.0)
                .description("how long the oldest batch in the outbox has waited").baseUnit("seconds")
                .register(registry);
        Gauge.builder("raceday.outbox.rejected.batches", backlog, s -> s.health().rejectedBatches())
                .description("batches the store refused and set aside").register(registry);
    }
}
