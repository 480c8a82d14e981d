package nz.raceday.ingest.polling;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import nz.raceday.ingest.shared.RaceStatus;

/**
 * The per-race polling plan: for every active race its next planned poll, whether a poll is in flight, and its
 * counts. Plain Java with time passed in, so a test can drive it with any clock.
 *
 * <p>Rules: a race has at most one poll in flight (two polls of a race never overlap); a slot that comes due while
 * the previous poll still runs is missed; after a slow or failed poll the schedule resumes at the latest overdue
 * grid point, and the points it jumped are missed; a moved start re-plans the race at once; a terminal status or
 * the give-up time removes the race.
 */
public final class PollSchedule {

    private final Map<String, RacePlan> plans = new HashMap<>();
    private PollingCadence cadence;
    /** Slots that fell due in this process (polled or missed), for metrics. */
    private long plannedTotal;

    public PollSchedule(PollingCadence cadence) {
        this.cadence = cadence;
    }

    public synchronized void setCadence(PollingCadence cadence) {
        this.cadence = cadence;
    }

    public synchronized PollingCadence cadence() {
        return cadence;
    }

    /** What planning one stored race did. */
    public enum Planned { ADDED, REPLANNED, UNCHANGED, NOT_ACTIVE }

    /**
     * Brings a stored race into the plan, or updates a planned one from the store (the daily import may have moved
     * its start or seen it finish).
     */
    public synchronized Planned plan(RaceSnapshot race, Instant now) {
        RacePlan plan = plans.get(race.raceId());
        if (plan == null) {
            Optional<Instant> first = cadence.firstPoll(race.status(), race.advertisedStart(), now);
            if (first.isEmpty()) {
                return Planned.NOT_ACTIVE;
            }
            RacePlan added = new RacePlan(race, continueFrom(race, now).orElse(first.get()));
            added.setNext(added.nextAt, now);
            plans.put(race.raceId(), added);
            return Planned.ADDED;
        }
        if (plan.inFlight) {
            // the poll in flight brings fresher data than the store
            return Planned.UNCHANGED;
        }
        if (!cadence.isActive(race.status(), race.advertisedStart(), now)) {
            plans.remove(race.raceId());
            return Planned.NOT_ACTIVE;
        }
        if (!race.advertisedStart().equals(plan.advertisedStart) || !sameStatus(race.status(), plan.status)) {
            plan.advertisedStart = race.advertisedStart();
            plan.status = race.status();
            // never polled yet: as for a new race, poll at once if the new start puts it inside its window
            plan.setNext(plan.lastPlannedAt == null
                    ? cadence.firstPoll(plan.status, plan.advertisedStart, now).orElse(null)
                    : replan(plan, now), now);
            return Planned.REPLANNED;
        }
        return Planned.UNCHANGED;
    }

    /**
     * For a race polled before (by this instance before a restart, or by the leader before a failover): its next
     * grid point after that poll, when still ahead, so taking over does not poll every race at once a second time.
     */
    private Optional<Instant> continueFrom(RaceSnapshot race, Instant now) {
        if (race.lastPollAt() == null || race.lastPollAt().isAfter(now)) {
            return Optional.empty();
        }
        return cadence.nextPoll(race.status(), race.advertisedStart(), race.lastPollAt()).filter(n -> n.isAfter(now));
    }

    /** Drops planned races the store no longer lists as active (unless a poll of theirs is in flight). */
    public synchronized List<String> retainOnly(Set<String> activeRaceIds) {
        List<String> dropped = new ArrayList<>();
        for (Iterator<Map.Entry<String, RacePlan>> it = plans.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, RacePlan> entry = it.next();
            if (!activeRaceIds.contains(entry.getKey()) && !entry.getValue().inFlight) {
                dropped.add(entry.getKey());
                it.remove();
            }
        }
        return dropped;
    }

    /** The result of asking for due polls: the polls to make now, and slots missed because a poll was in flight. */
    public record Due(List<PollSlot> polls, List<MissedPoll> missed) {
    }

    /**
     * A poll with no result this long after it started is taken as lost (it can only happen if a poll dies without
     * reaching the route's catch), so the race is not stuck in flight forever.
     */
    static final java.time.Duration LOST_AFTER = java.time.Duration.ofMinutes(5);

    /**
     * The polls due at {@code now} across all races; each is marked in flight until {@link #completed} or
     * {@link #failed}. The poller asks race by race ({@link #turn}); this view of all races at once serves tests.
     */
    public synchronized Due due(Instant now) {
        List<PollSlot> polls = new ArrayList<>();
        List<MissedPoll> missed = new ArrayList<>();
        for (RacePlan plan : plans.values()) {
            dueOne(plan, now, missed).ifPresent(polls::add);
        }
        polls.sort(Comparator.comparing(PollSlot::plannedAt));
        return new Due(polls, missed);
    }

    /** What a race's polling cycle does next. */
    public enum Step {
        /** poll the race now (the slot is marked in flight) */
        POLL,
        /** nothing due yet: wait for the next planned instant */
        WAIT,
        /** the race is not planned any more (finished, given up, or dropped by the planner) */
        FINISH
    }

    /**
     * One race's turn at {@code now}.
     *
     * @param step   what the race's cycle does next
     * @param slot   the slot to poll (step POLL), else null
     * @param missed slots recorded as missed on the way (a poll lost in flight)
     */
    public record Turn(Step step, PollSlot slot, List<MissedPoll> missed) {
    }

    /** The race's turn at {@code now}: a due slot is marked in flight, as {@link #due} does for all races. */
    public synchronized Turn turn(String raceId, Instant now) {
        RacePlan plan = plans.get(raceId);
        if (plan == null) {
            return new Turn(Step.FINISH, null, List.of());
        }
        List<MissedPoll> missed = new ArrayList<>();
        Optional<PollSlot> slot = dueOne(plan, now, missed);
        return new Turn(slot.isPresent() ? Step.POLL : Step.WAIT, slot.orElse(null), missed);
    }

    /** How long from {@code now} until the race's next planned poll (zero when due or not planned). */
    public synchronized java.time.Duration untilNextPoll(String raceId, Instant now) {
        RacePlan plan = plans.get(raceId);
        if (plan == null) {
            // its turn finishes the cycle
            return java.time.Duration.ZERO;
        }
        if (plan.nextAt == null) {
            // in flight with no slot after it: only a poll lost in flight brings it back
            return LOST_AFTER;
        }
        return plan.nextAt.isAfter(now) ? java.time.Duration.between(now, plan.nextAt) : java.time.Duration.ZERO;
    }

    /** Forgets every race (leadership lost: the next leader plans from the store). */
    public synchronized void clear() {
        plans.clear();
    }

    private Optional<PollSlot> dueOne(RacePlan plan, Instant now, List<MissedPoll> missed) {
        if (plan.inFlight && plan.inFlightSince.plus(LOST_AFTER).isBefore(now)) {
            plan.inFlight = false;
            plan.missed++;
            missed.add(new MissedPoll(plan.raceId, plan.lastPlannedAt, "poll lost: no result after "
                    + LOST_AFTER.toMinutes() + " min"));
            if (plan.nextAt == null) {
                plan.setNext(now, now);
            }
        }
        if (plan.nextAt == null || plan.nextAt.isAfter(now)) {
            return Optional.empty();
        }
        if (plan.inFlight) {
            plan.planned++;
            plannedTotal++;
            plan.missed++;
            missed.add(new MissedPoll(plan.raceId, plan.nextAt, "previous poll of the race still running"));
            plan.lastPlannedAt = plan.nextAt;
            plan.setNext(cadence.nextPoll(plan.status, plan.advertisedStart, plan.nextAt).orElse(null), now);
            return Optional.empty();
        }
        // the slot ends where the race's next one begins: the poll's retries stop there
        Instant following = nextSlotAfter(plan, plan.nextAt).orElse(null);
        Instant deadline = following != null ? following : plan.nextAt.plus(cadence.closedInterval());
        PollSlot slot = new PollSlot(plan.raceId, plan.nextAt, now, deadline, plan.status, plan.advertisedStart,
                plan.nextAtOnce);
        plan.planned++;
        plannedTotal++;
        plan.inFlight = true;
        plan.inFlightSince = now;
        plan.lastPlannedAt = plan.nextAt;
        plan.setNext(following, now);
        return Optional.of(slot);
    }

    /** The outcome of finishing a poll: the race's counts, missed slots jumped, and whether polling of it ended. */
    public record Completion(PollCounts counts, List<MissedPoll> missed, Instant nextAt, boolean finished) {
    }

    /**
     * A successful poll: the race continues from its fresh status and advertised start.
     *
     * @param status          status TAB reported
     * @param advertisedStart advertised start TAB reported
     */
    public synchronized Completion completed(PollSlot slot, String status, Instant advertisedStart, Instant now) {
        RacePlan plan = plans.get(slot.raceId());
        if (plan == null) {
            return new Completion(new PollCounts(1, 1, 0), List.of(), null, true);
        }
        plan.inFlight = false;
        plan.made++;
        plan.lastSuccessAt = now;
        boolean moved = !advertisedStart.equals(plan.advertisedStart);
        plan.status = status;
        plan.advertisedStart = advertisedStart;
        return resume(plan, slot, now, moved);
    }

    /** A poll that failed after its retries: the slot is missed, the race continues. */
    public synchronized Completion failed(PollSlot slot, String reason, Instant now) {
        RacePlan plan = plans.get(slot.raceId());
        MissedPoll failure = new MissedPoll(slot.raceId(), slot.plannedAt(), reason);
        if (plan == null) {
            return new Completion(new PollCounts(1, 0, 1), List.of(failure), null, true);
        }
        plan.inFlight = false;
        plan.missed++;
        Completion completion = resume(plan, slot, now, false);
        List<MissedPoll> missed = new ArrayList<>();
        missed.add(failure);
        missed.addAll(completion.missed());
        return new Completion(completion.counts(), missed, completion.nextAt(), completion.finished());
    }

    private Completion resume(RacePlan plan, PollSlot slot, Instant now, boolean moved) {
        if (!cadence.isActive(plan.status, plan.advertisedStart, now)) {
            plans.remove(plan.raceId);
            return new Completion(plan.counts(), List.of(), null, true);
        }
        List<MissedPoll> missed = new ArrayList<>();
        Instant next;
        if (moved) {
            // a moved start re-plans at once: the grid of the new start, from now
            next = replan(plan, now);
        } else {
            // from the last slot planned: slots that came due while the poll ran were already counted missed (a poll
            // made outside the plan, poll --race say, continues from its own slot)
            next = nextSlotAfter(plan, plan.lastPlannedAt != null ? plan.lastPlannedAt : slot.plannedAt()).orElse(null);
            // grid points passed while the poll ran: poll the latest at once, the others are missed
            while (next != null) {
                Optional<Instant> after = cadence.nextPoll(plan.status, plan.advertisedStart, next);
                if (!next.isBefore(now) || after.isEmpty() || after.get().isAfter(now)) {
                    break;
                }
                plan.planned++;
                plannedTotal++;
                plan.missed++;
                missed.add(new MissedPoll(plan.raceId, next, "previous poll of the race still running"));
                next = after.get();
            }
        }
        if (next == null) {
            plans.remove(plan.raceId);
            return new Completion(plan.counts(), missed, null, true);
        }
        plan.setNext(next, now);
        return new Completion(plan.counts(), missed, next, false);
    }

    /**
     * The race's next slot after a poll planned at {@code from}. A poll made off the grid (a race's first poll, made
     * at once, or a re-planned one) covers a grid point less than a quarter of an interval after it: that point would
     * otherwise come due while the poll is still running and count as missed, or be polled again a moment later.
     */
    private Optional<Instant> nextSlotAfter(RacePlan plan, Instant from) {
        Optional<Instant> next = cadence.nextPoll(plan.status, plan.advertisedStart, from);
        if (next.isEmpty()) {
            return next;
        }
        boolean onGrid = cadence.nextPoll(plan.status, plan.advertisedStart, from.minusMillis(1)).equals(Optional.of(from));
        Optional<Instant> after = cadence.nextPoll(plan.status, plan.advertisedStart, next.get());
        if (!onGrid && after.isPresent() && java.time.Duration.between(from, next.get()).multipliedBy(4)
                .compareTo(java.time.Duration.between(next.get(), after.get())) < 0) {
            return after;
        }
        return next;
    }

    /** The next poll on the (possibly new) grid after the last planned one, or at once if that is already past. */
    private Instant replan(RacePlan plan, Instant now) {
        Instant from = plan.lastPlannedAt != null ? plan.lastPlannedAt : now;
        Instant next = cadence.nextPoll(plan.status, plan.advertisedStart, from).orElse(null);
        if (next == null) {
            return null;
        }
        return next.isBefore(now) ? now : next;
    }

    /** When the earliest planned poll is due, if any race is planned and idle. */
    public synchronized Optional<Instant> nextDueTime() {
        return plans.values().stream().filter(p -> !p.inFlight && p.nextAt != null).map(p -> p.nextAt)
                .min(Comparator.naturalOrder());
    }

    /**
     * A race that has gone longer than twice its planned interval without a successful poll: its polls fail, hang or
     * are never dispatched.
     *
     * @param raceId   the race
     * @param since    its last successful poll, or its first planned slot when none succeeded in this process
     * @param interval the interval its polls are planned at now
     * @param inFlight whether a poll of it is running (perhaps hung)
     */
    public record Stall(String raceId, Instant since, java.time.Duration interval, boolean inFlight) {
    }

    /** The races whose polling has stalled at {@code now} (readiness). */
    public synchronized List<Stall> stalled(Instant now) {
        List<Stall> stalled = new ArrayList<>();
        for (RacePlan plan : plans.values()) {
            java.time.Duration interval = currentInterval(plan);
            Instant since = plan.lastSuccessAt != null && plan.lastSuccessAt.isAfter(plan.firstSlotAt)
                    ? plan.lastSuccessAt : plan.firstSlotAt;
            if (since.plus(interval.multipliedBy(2)).isBefore(now)) {
                stalled.add(new Stall(plan.raceId, since, interval, plan.inFlight));
            }
        }
        stalled.sort(Comparator.comparing(Stall::raceId));
        return stalled;
    }

    private java.time.Duration currentInterval(RacePlan plan) {
        if (plan.nextAt != null && plan.lastPlannedAt != null && plan.nextAt.isAfter(plan.lastPlannedAt)) {
            return java.time.Duration.between(plan.lastPlannedAt, plan.nextAt);
        }
        Instant anchor = plan.nextAt != null ? plan.nextAt : plan.lastPlannedAt;
        if (anchor != null) {
            Optional<Instant> following = cadence.nextPoll(plan.status, plan.advertisedStart, anchor);
            if (following.isPresent()) {
                return java.time.Duration.between(anchor, following.get());
            }
        }
        return cadence.closedInterval();
    }

    /** Slots that fell due in this process, polled or missed. */
    public synchronized long plannedTotal() {
        return plannedTotal;
    }

    /** The races planned (idle or in flight), for status reports and readiness. */
    public synchronized java.util.Set<String> plannedRaces() {
        return java.util.Set.copyOf(plans.keySet());
    }

    public synchronized int inFlight() {
        return (int) plans.values().stream().filter(p -> p.inFlight).count();
    }

    public synchronized int size() {
        return plans.size();
    }

    public synchronized Optional<PollCounts> counts(String raceId) {
        return Optional.ofNullable(plans.get(raceId)).map(RacePlan::counts);
    }

    /** The planned time of a race's next poll, if planned. */
    public synchronized Optional<Instant> nextPollOf(String raceId) {
        return Optional.ofNullable(plans.get(raceId)).map(p -> p.nextAt);
    }

    private static boolean sameStatus(String a, String b) {
        String x = RaceStatus.normalise(a);
        String y = RaceStatus.normalise(b);
        return x == null ? y == null : x.equals(y);
    }

    private static final class RacePlan {
        private final String raceId;
        private Instant advertisedStart;
        private String status;
        private Instant nextAt;
        /** nextAt was set to the instant it was planned at (poll at once), not ahead on the cadence */
        private boolean nextAtOnce;
        private Instant lastPlannedAt;
        private boolean inFlight;
        private Instant inFlightSince;
        private final Instant firstSlotAt;
        private Instant lastSuccessAt;
        private long planned;
        private long made;
        private long missed;

        RacePlan(RaceSnapshot race, Instant first) {
            this.raceId = race.raceId();
            this.advertisedStart = race.advertisedStart();
            this.status = race.status();
            this.nextAt = first;
            this.firstSlotAt = first;
            this.planned = race.planned();
            this.made = race.made();
            this.missed = race.missed();
        }

        void setNext(Instant next, Instant plannedWhen) {
            nextAt = next;
            nextAtOnce = next != null && next.equals(plannedWhen);
        }

        PollCounts counts() {
            return new PollCounts(planned, made, missed);
        }
    }
}
