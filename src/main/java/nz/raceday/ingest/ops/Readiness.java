package nz.raceday.ingest.ops;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import nz.raceday.ingest.polling.PollSchedule;
import nz.raceday.ingest.store.RaceStore;
import nz.raceday.ingest.store.StoreHealth;
import nz.raceday.ingest.store.StoredTimes;

/**
 * The application's own readiness rules, as plain verdicts (the Camel health checks only present them):
 * <ul>
 * <li><b>store</b>: the store answers;</li>
 * <li><b>outbox</b>: nothing has waited in the store's outbox longer than {@code health.outbox-max-age};</li>
 * <li><b>polling</b>: no active race has gone longer than twice its planned interval without a successful poll, so
 *     polls that fail, hang or are never dispatched turn the instance unready.</li>
 * </ul>
 */
public final class Readiness {

    /** One rule's answer. */
    public record Verdict(boolean up, String message, Map<String, Object> details) {
        public Verdict {
            details = Map.copyOf(details);
        }
    }

    private final RaceStore store;
    private final PollSchedule schedule;
    private final Clock clock;
    private final Duration outboxMaxAge;

    public Readiness(RaceStore store, PollSchedule schedule, Clock clock, Duration outboxMaxAge) {
        this.store = Objects.requireNonNull(store, "store");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.outboxMaxAge = Objects.requireNonNull(outboxMaxAge, "outboxMaxAge");
    }

    public Verdict store() {
        StoreHealth health = store.health();
        return new Verdict(health.reachable(), health.reachable() ? "store answers" : "store unreachable",
                Map.of("store", health.detail()));
    }

    public Verdict outbox() {
        StoreHealth health = store.health();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("pendingBatches", health.pendingBatches());
        details.put("oldestPendingSeconds", health.oldestPending().toSeconds());
        details.put("rejectedBatches", health.rejectedBatches());
        details.put("maxAgeSeconds", outboxMaxAge.toSeconds());
        boolean up = health.oldestPending().compareTo(outboxMaxAge) <= 0;
        return new Verdict(up, up ? "outbox within " + outboxMaxAge.toSeconds() + " s"
                : "outbox has waited " + health.oldestPending().toSeconds() + " s", details);
    }

    public Verdict polling() {
        List<PollSchedule.Stall> stalled = schedule.stalled(clock.instant());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("activeRaces", schedule.size());
        details.put("stalledRaces", stalled.size());
        if (!stalled.isEmpty()) {
            details.put("stalled", stalled.stream().limit(10).map(s -> s.raceId() + " since "
                    + StoredTimes.format(s.since()) + " (interval " + s.interval().toSeconds() + " s"
                    + (s.inFlight() ? ", poll running" : "") + ")").toList());
        }
        return new Verdict(stalled.isEmpty(), stalled.isEmpty() ? "every active race polled on time"
                : stalled.size() + " races without a successful poll for over twice their interval: "
                        + String.join(", ", stalled.stream().limit(5).map(PollSchedule.Stall::raceId).toList())
                        + (stalled.size() > 5 ? ", ..." : ""), details);
    }
}
