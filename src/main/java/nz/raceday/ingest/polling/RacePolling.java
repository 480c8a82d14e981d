package nz.raceday.ingest.polling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nz.raceday.ingest.shared.FailureDocuments;
import nz.raceday.ingest.shared.Failures;
import nz.raceday.ingest.shared.RaceStatus;
import nz.raceday.ingest.store.Document;
import nz.raceday.ingest.store.DocumentQuery;
import nz.raceday.ingest.store.RaceStore;
import nz.raceday.ingest.store.StoredTimes;
import nz.raceday.ingest.store.Write;
import nz.raceday.ingest.store.WriteBatch;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import nz.raceday.ingest.tab.RequestTally;
import nz.raceday.ingest.tab.TabCall;
import nz.raceday.ingest.tab.TabPayloadParser;
import nz.raceday.ingest.tab.model.EventDetail;
import nz.raceday.ingest.tab.model.Runner;
import nz.raceday.ingest.tab.model.TotePool;
import nz.raceday.ingest.store.schema.Fields.OddsHistory;
import nz.raceday.ingest.store.schema.Fields.Races;

/**
 * The live race poller's logic, called from {@code routes/race-poller.camel.yaml}: plans polls from the store, starts
 * one polling cycle per planned race, tells each cycle how long to wait and which hops come next, and turns each
 * polled event into one batch of writes. Routes own the flow (the delay, the recipient list, the queues, retries,
 * failure handling); this class owns what a poll means. Nothing called on the cycle's timer thread touches the store.
 */
public final class RacePolling {

    private static final Logger LOG = LoggerFactory.getLogger(RacePolling.class);

    private final RaceStore store;
    private final TabPayloadParser parser;
    private final PollDocuments documents;
    private final PollSchedule schedule;
    private final Clock clock;
    private final PollMetrics metrics = new PollMetrics();
    private final Map<String, RaceMemory> memories = new ConcurrentHashMap<>();
    private final Map<String, Instant> started = new ConcurrentHashMap<>();
    /** When each poll in flight reached the poll route (for its stage times). */
    private final Map<String, Instant> entered = new ConcurrentHashMap<>();
    /** Races with a polling cycle going round: the planner starts one only for a race without. */
    private final Set<String> cycling = ConcurrentHashMap.newKeySet();
    /** Races whose cycle waits in the delay step. */
    private final Set<String> waiting = ConcurrentHashMap.newKeySet();
    /** Missed polls found on the cycle's timer thread, written by {@code race-poll-records}. */
    private final ConcurrentLinkedQueue<MissedPoll> unwritten = new ConcurrentLinkedQueue<>();
    private final AtomicInteger unwrittenCount = new AtomicInteger();
    private volatile Runnable wakeCycles = () -> { };
    private volatile Duration maxWait = Duration.ofSeconds(10);
    private volatile BooleanSupplier leadership = () -> true;
    private volatile boolean leading = true;
    private volatile boolean stopping;

    public RacePolling(RaceStore store, TabPayloadParser parser, PollDocuments documents, PollingCadence cadence,
            Clock clock) {
        this.store = store;
        this.parser = parser;
        this.documents = documents;
        this.schedule = new PollSchedule(cadence);
        this.clock = clock;
    }

    public PollSchedule schedule() {
        return schedule;
    }

    public PollMetrics metrics() {
        return metrics;
    }

    /** Applies the cadence configured in application.properties (the planner route passes it every run). */
    public void configureCadence(String bands, String openAfterStart, String closedInterval, String afterJumpInterval,
            String giveUpAfterStart) {
        PollingCadence cadence = PollingCadence.parse(bands, openAfterStart, closedInterval, afterJumpInterval,
                giveUpAfterStart);
        if (!cadence.equals(schedule.cadence())) {
            LOG.info("Race polling cadence: {} before the start, {} while Open after it, {} Closed/Interim, "
                    + "{} otherwise after the jump, give up {} after the start", bands, openAfterStart, closedInterval,
                    afterJumpInterval, giveUpAfterStart);
            schedule.setCadence(cadence);
        }
    }

    // ---- planning

    /** The result of one planning run. */
    public record PlanSummary(int active, int added, int replanned, int dropped) {
    }

    /**
     * Loads the races to poll from the store (advertised start within the polling window or the give-up time,
     * status not final) and brings the schedule up to date. Run every minute and at startup, so a restart rebuilds
     * the schedule and skips nothing.
     */
    public PlanSummary planFromStore() {
        if (!followLeadership()) {
            // a planner run that began just as leadership went (or the application stops): the leader plans
            return new PlanSummary(0, 0, 0, 0);
        }
        Instant now = clock.instant();
        PollingCadence cadence = schedule.cadence();
        DocumentQuery query = DocumentQuery.all()
                .where("startTime", DocumentQuery.Operator.GREATER_THAN_EQUAL, now.minus(cadence.giveUpAfterStart()))
                .where("startTime", DocumentQuery.Operator.LESS_THAN_EQUAL, now.plus(cadence.window())
                        .plus(Duration.ofMinutes(1)))
                .orderAsc("startTime");
        RaceStatus.terminal().forEach(status -> query.where(Races.STATUS, DocumentQuery.Operator.NOT_EQUAL, status));
        List<Document> races = store.list(RaceDaySchema.RACES, query);
        Set<String> plannedBefore = schedule.plannedRaces();
        Set<String> active = new HashSet<>();
        int added = 0;
        int replanned = 0;
        for (Document race : races) {
            String lastPoll = race.getString(Races.LAST_POLL_TIME);
            RaceSnapshot snapshot = new RaceSnapshot(race.id(), StoredTimes.parse(race.getString(Races.START_TIME)),
                    race.getString(Races.STATUS), orZero(race.getLong(Races.POLLS_PLANNED)),
                    orZero(race.getLong(Races.POLLS_MADE)), orZero(race.getLong(Races.POLLS_MISSED)),
                    lastPoll == null ? null : StoredTimes.parse(lastPoll));
            switch (schedule.plan(snapshot, now)) {
                case ADDED -> {
                    added++;
                    active.add(race.id());
                    LOG.info("Race {} planned for polling: starts {}, {}, first poll {}", race.id(),
                            race.getString(Races.START_TIME), race.getString(Races.STATUS), schedule.nextPollOf(race.id())
                                    .map(StoredTimes::format).orElse("-"));
                }
                case REPLANNED -> {
                    replanned++;
                    active.add(race.id());
                    LOG.info("Race {} re-planned: starts {}, {}", race.id(), race.getString(Races.START_TIME),
                            race.getString(Races.STATUS));
                }
                case UNCHANGED -> active.add(race.id());
                case NOT_ACTIVE -> {
                    // outside the window or given up
                }
            }
        }
        List<String> dropped = schedule.retainOnly(active);
        dropped.forEach(memories::remove);
        if (replanned > 0 || !schedule.plannedRaces().containsAll(plannedBefore)) {
            // cycles waiting on the old plan look again now: a moved start is polled on its new grid at once
            wakeCycles.run();
        }
        PlanSummary summary = new PlanSummary(schedule.size(), added, replanned, dropped.size());
        // the planner's one summary per run
        LOG.info("Poll planning: {} races in play ({} added, {} re-planned, {} done), {} polls running, next poll {}",
                summary.active(), added, replanned, dropped.size(), schedule.inFlight(),
                schedule.nextDueTime().map(StoredTimes::format).orElse("none"));
        return summary;
    }

    // ---- polling cycles

    /** Hop of a cycle whose turn is a poll: the poll queue ({@code race-poll-queue}), which continues the cycle. */
    public static final String POLL_HOP = "seda:race-polls";
    /** Hop of a cycle with nothing due yet: round again (wait for the next planned instant). */
    public static final String CONTINUE_HOP = "seda:race-poll-cycles";
    /** Hop of a cycle whose race is done (Final, Abandoned, given up, dropped, or leadership lost). */
    public static final String FINISH_HOP = "direct:race-poll-cycle-finished";
    /** Hop that writes missed polls found on the timer thread ({@code race-poll-records}). */
    public static final String RECORD_HOP = "seda:race-poll-records";

    /**
     * Connects the cycles' timer.
     *
     * @param wake    wakes every cycle waiting in the delay step, to look at its race again
     * @param maxWait the longest one wait of a cycle: a bound on how late a re-plan is seen if a wake is missed
     */
    public void connectCycles(Runnable wake, Duration maxWait) {
        this.wakeCycles = wake;
        this.maxWait = maxWait;
    }

    /**
     * Whether this instance polls: always without HA; with HA only while it is the leader. Losing leadership (a
     * freeze past the ZooKeeper session, a partition) drops the plan and all race memory: another instance polls
     * the races meanwhile, so what this one remembers is no longer what is stored.
     */
    public void followLeadership(BooleanSupplier isLeader) {
        this.leadership = isLeader;
        followLeadership();
    }

    private boolean followLeadership() {
        boolean leader = leadership.getAsBoolean();
        if (leader != leading) {
            synchronized (this) {
                if (leader != leading) {
                    leading = leader;
                    memories.clear();
                    if (!leader) {
                        schedule.clear();
                        LOG.info("Leadership lost: polling stops here; plan and race memory dropped");
                        wakeCycles.run();
                    }
                }
            }
        }
        return leader && !stopping;
    }

    /** Ends every cycle (the application is stopping): polls in flight finish, nothing new starts. */
    public void stopCycles() {
        stopping = true;
        wakeCycles.run();
    }

    /** Wakes every waiting cycle to look at its race again (after a re-plan; tests after moving their clock). */
    public void wakeCycles() {
        wakeCycles.run();
    }

    /** The cycles to start: one for each planned race that has none (the planner sends them round). */
    public List<RaceCycle> cyclesToStart() {
        if (!followLeadership()) {
            return List.of();
        }
        List<RaceCycle> start = new ArrayList<>();
        for (String raceId : schedule.plannedRaces()) {
            if (cycling.add(raceId)) {
                start.add(new RaceCycle(raceId));
            }
        }
        return start;
    }

    /**
     * How long the cycle waits before its next turn: until the race's next planned instant, at most
     * {@code maxWait}; zero when it is due or its race is no longer polled.
     */
    public long cycleWaitMillis(RaceCycle cycle) {
        if (!followLeadership()) {
            return 0;
        }
        long wait = Math.min(maxWait.toMillis(), schedule.untilNextPoll(cycle.raceId(), clock.instant()).toMillis());
        if (wait > 0) {
            waiting.add(cycle.raceId());
        }
        return Math.max(0, wait);
    }

    /**
     * The hops of the cycle's turn, from the race's state: poll it now, or round again, or finish; plus the
     * missed-poll records hop when the turn found a poll lost in flight. Runs on the cycle's timer thread: in memory
     * only, never the store.
     */
    public List<String> cycleHops(RaceCycle cycle) {
        waiting.remove(cycle.raceId());
        if (!followLeadership()) {
            cycling.remove(cycle.raceId());
            return List.of(FINISH_HOP);
        }
        PollSchedule.Turn turn = schedule.turn(cycle.raceId(), clock.instant());
        List<String> hops = new ArrayList<>(2);
        if (!turn.missed().isEmpty()) {
            queueMissed(turn.missed());
            hops.add(RECORD_HOP);
        }
        switch (turn.step()) {
            case POLL -> {
                cycle.take(turn.slot());
                hops.add(POLL_HOP);
            }
            case WAIT -> hops.add(CONTINUE_HOP);
            case FINISH -> {
                cycling.remove(cycle.raceId());
                hops.add(FINISH_HOP);
            }
        }
        return hops;
    }

    /** The end of a race's cycle. */
    public void cycleFinished(RaceCycle cycle) {
        LOG.debug("Polling cycle of race {} finished", cycle.raceId());
    }

    /** Writes the missed polls queued by the cycles ({@code race-poll-records}, off the timer thread). */
    public int writeMissedPolls() {
        int written = 0;
        for (MissedPoll missed = unwritten.poll(); missed != null; missed = unwritten.poll()) {
            try {
                recordMissed(missed);
                written++;
            } finally {
                unwrittenCount.decrementAndGet();
            }
        }
        return written;
    }

    private void queueMissed(List<MissedPoll> missed) {
        unwrittenCount.addAndGet(missed.size());
        unwritten.addAll(missed);
    }

    /**
     * Whether every cycle waits for a planned instant still ahead, with no poll in flight and no record unwritten
     * (a test that moves its clock waits for this before moving it again).
     */
    public boolean cyclesSettled() {
        if (schedule.inFlight() > 0 || unwrittenCount.get() > 0) {
            return false;
        }
        Instant now = clock.instant();
        for (String raceId : cycling) {
            if (!waiting.contains(raceId) || schedule.untilNextPoll(raceId, now).isZero()) {
                return false;
            }
        }
        return true;
    }

    /** Races with a polling cycle going round. */
    public int cycles() {
        return cycling.size();
    }

    /**
     * A one-off poll of a race outside the schedule ({@code poll --race}); the race need not be stored yet.
     */
    public PollSlot adHocSlot(String raceId) {
        Instant now = clock.instant();
        Optional<Document> race = store.get(RaceDaySchema.RACES, raceId);
        return new PollSlot(raceId, now, now, now.plus(Duration.ofMinutes(1)),
                race.map(d -> d.getString(Races.STATUS)).orElse(null),
                race.map(d -> StoredTimes.parse(d.getString(Races.START_TIME))).orElse(null), true);
    }

    /**
     * The event request of a poll: money tracker and tote trends always, plus the status-dependent flags of
     * domain-spec §1.5 under the spec's own parameter names.
     */
    public TabCall eventCall(PollSlot slot) {
        String status = RaceStatus.normalise(slot.status());
        StringBuilder query = new StringBuilder("with_money_tracker=true&with_tote_trends_data=true");
        if (status == null || RaceStatus.OPEN.equals(status) || RaceStatus.INTERIM.equals(status)) {
            query.append("&with_big_bets=true&with_live_bets=true");
        }
        if (!RaceStatus.isTerminal(status)) {
            query.append("&with_will_pays=true");
        }
        return new TabCall("events/" + slot.raceId(), query.toString());
    }

    /**
     * The request tally of a poll: it notes when the poll's first TAB request is actually sent, which is the poll's
     * real start (after any wait for a free TAB slot) and what its lateness is measured against.
     */
    public RequestTally pollStarted(PollSlot slot) {
        RequestTally tally = () -> started.putIfAbsent(slot.raceId(), clock.instant());
        started.remove(slot.raceId());
        entered.put(slot.raceId(), clock.instant());
        return tally;
    }

    // ---- storing a poll

    /**
     * What a poll did.
     *
     * @param raceId      race polled
     * @param status      its status (as polled, or as planned when the poll failed)
     * @param stored      document writes of the poll by collection (empty when it failed)
     * @param failure     why the poll failed after its retries, or null
     * @param nextPoll    when the race is polled next, or null
     * @param finished    whether polling of the race ended (Final, Abandoned, given up)
     * @param problems    parts of the payload left out as unreadable, by kind (the rest was stored)
     */
    public record PollOutcome(String raceId, String status, Map<String, Integer> stored, String failure,
            Instant nextPoll, boolean finished, Map<String, Integer> problems) {

        public PollOutcome(String raceId, String status, Map<String, Integer> stored, String failure,
                Instant nextPoll, boolean finished) {
            this(raceId, status, stored, failure, nextPoll, finished, Map.of());
        }

        public String toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("raceId", raceId);
            json.put("status", status);
            json.put("stored", stored);
            json.put("failure", failure);
            json.put("nextPoll", nextPoll == null ? null : StoredTimes.format(nextPoll));
            json.put("problems", problems);
            return nz.raceday.ingest.mapping.JsonText.write(json);
        }
    }

    /**
     * Parses the polled event and stores everything it says in one batch (one SQLite transaction), then plans the
     * race's next poll from its fresh status and start.
     */
    public PollOutcome acceptPoll(PollSlot slot, byte[] body) {
        Instant received = clock.instant();
        EventDetail event = parser.parseEvent(body, slot.raceId());
        Instant parsed = clock.instant();
        Optional<Document> storedRace = store.get(RaceDaySchema.RACES, slot.raceId());
        RaceMemory memory = currentMemory(slot.raceId(), storedRace);
        PollCounts counts = schedule.counts(slot.raceId()).map(c -> new PollCounts(c.planned(), c.made() + 1, c.missed()))
                .orElseGet(() -> new PollCounts(storedCount(storedRace, "pollsPlanned") + 1,
                        storedCount(storedRace, "pollsMade") + 1, storedCount(storedRace, "pollsMissed")));

        PollDocuments.PollWrites writes = documents.build(event, received, storedRace, memory, counts);
        store.apply(writes.batch());
        writes.oddsRows().forEach(row -> memory.rememberOdds((String) row.attributes().get(OddsHistory.ENTRANT_ID),
                (String) row.attributes().get(OddsHistory.TYPE), (Double) row.attributes().get(OddsHistory.ODDS)));
        writes.moneyFlowRows().forEach(row -> memory.rememberAmounts(row.entrantId(), row.bucket(), row.amounts()));
        memory.polledAt(received);

        Instant committed = clock.instant();
        Instant startedAt = started.getOrDefault(slot.raceId(), slot.dispatchedAt());
        started.remove(slot.raceId());
        Instant enteredAt = Optional.ofNullable(entered.remove(slot.raceId())).orElse(startedAt);
        metrics.polled(Duration.between(slot.plannedAt(), startedAt).toMillis(),
                Duration.between(received, committed).toMillis(), slot.atOnce());
        metrics.staged(stageMillis(slot.plannedAt(), slot.dispatchedAt(), enteredAt, startedAt, received, parsed,
                committed));
        String status = event.race().status();
        PollSchedule.Completion completion = schedule.completed(slot, status, event.race().advertisedStart(), committed);
        completion.missed().forEach(this::recordMissed);
        log(slot, event, writes, completion, received);
        if (completion.finished()) {
            memories.remove(slot.raceId());
        }
        Map<String, Integer> stored = new java.util.TreeMap<>();
        writes.batch().writes().forEach(w -> stored.merge(w.collectionId(), 1, Integer::sum));
        Map<String, Integer> problems = new java.util.TreeMap<>();
        event.problems().forEach(p -> problems.merge(p.kind().label(), 1, Integer::sum));
        return new PollOutcome(slot.raceId(), status, stored, null, completion.nextAt(), completion.finished(),
                problems);
    }

    /**
     * A poll that failed after its retries: recorded (race, time, reason) in {@code import-failures}, counted as
     * missed, and the race's next slot goes ahead.
     */
    public PollOutcome pollFailed(PollSlot slot, Throwable failure) {
        String reason = Failures.describe(failure);
        started.remove(slot.raceId());
        entered.remove(slot.raceId());
        PollSchedule.Completion completion = schedule.failed(slot, reason, clock.instant());
        completion.missed().forEach(this::recordMissed);
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("pollsPlanned", completion.counts().planned());
        counts.put("pollsMade", completion.counts().made());
        counts.put("pollsMissed", completion.counts().missed());
        if (store.get(RaceDaySchema.RACES, slot.raceId()).isPresent()) {
            store.apply(new WriteBatch().add(new Write.Upsert(RaceDaySchema.RACES, slot.raceId(), counts)));
        }
        if (completion.finished()) {
            memories.remove(slot.raceId());
        }
        return new PollOutcome(slot.raceId(), slot.status(), Map.of(), reason, completion.nextAt(), completion.finished());
    }

    /**
     * The race's memory, valid for the race as stored now: kept only while the race's stored last poll is the one
     * this memory wrote or was loaded at; otherwise (another instance polled the race meanwhile) rebuilt from the
     * store.
     */
    private RaceMemory currentMemory(String raceId, Optional<Document> storedRace) {
        Instant storedLastPoll = storedRace.map(d -> d.getString(Races.LAST_POLL_TIME)).map(StoredTimes::parse)
                .orElse(null);
        RaceMemory memory = memories.get(raceId);
        if (memory == null || !memory.reflects(storedLastPoll)) {
            if (memory != null) {
                LOG.info("Race {} was polled elsewhere since this instance last did (stored last poll {}): "
                        + "its odds and money flow are read again from the store", raceId,
                        storedLastPoll == null ? "none" : StoredTimes.format(storedLastPoll));
            }
            memory = RaceMemory.load(store, raceId, storedLastPoll);
            memories.put(raceId, memory);
        }
        return memory;
    }

    /** The instants of one poll, planned to committed, as the consecutive {@link PollMetrics.Stage} times. */
    static Map<PollMetrics.Stage, Long> stageMillis(Instant... instants) {
        PollMetrics.Stage[] stages = PollMetrics.Stage.values();
        Map<PollMetrics.Stage, Long> millis = new java.util.EnumMap<>(PollMetrics.Stage.class);
        for (int i = 0; i < stages.length; i++) {
            millis.put(stages[i], Duration.between(instants[i], instants[i + 1]).toMillis());
        }
        return millis;
    }

    private void recordMissed(MissedPoll missed) {
        metrics.missed();
        LOG.warn("Poll of race {} planned for {} missed: {}", missed.raceId(), StoredTimes.format(missed.plannedAt()),
                missed.reason());
        store.apply(FailureDocuments.missedPoll(missed.raceId(), missed.plannedAt(), missed.reason(), clock.instant()));
    }

    private void log(PollSlot slot, EventDetail event, PollDocuments.PollWrites writes,
            PollSchedule.Completion completion, Instant now) {
        String status = event.race().status();
        String race = event.race().meetingName() + " R" + event.race().raceNumber();
        if (writes.previousStatus() != null && !writes.previousStatus().equals(status)) {
            LOG.info("Race {} ({}) {} -> {}", race, slot.raceId(), writes.previousStatus(), status);
        }
        String favourite = event.runners().stream().filter(r -> !r.scratched() && r.odds().fixedWin() != null)
                .min((a, b) -> Double.compare(a.odds().fixedWin(), b.odds().fixedWin()))
                .map(r -> "#" + r.runnerNumber() + " " + r.odds().fixedWin()).orElse("-");
        double winPool = event.pools().stream().filter(p -> p.productType().equalsIgnoreCase("win")
                && p.totalDollars() != null).mapToDouble(TotePool::totalDollars).findFirst().orElse(0);
        long scratched = event.runners().stream().filter(Runner::scratched).count();
        LOG.info("Polled {} ({}) {} {}: {} runners{}, favourite {}, win pool ${}; {}", race, slot.raceId(), status,
                timeToStart(event.race().advertisedStart(), now), event.runners().size() - scratched,
                scratched == 0 ? "" : " (" + scratched + " scratched)", favourite, Math.round(winPool),
                completion.finished() ? "polling done: planned " + completion.counts().planned() + ", made "
                        + completion.counts().made() + ", missed " + completion.counts().missed()
                        : "next poll in " + Duration.between(now, completion.nextAt()).toSeconds() + " s");
    }

    private static String timeToStart(Instant start, Instant now) {
        long seconds = Duration.between(now, start).toSeconds();
        return (seconds >= 0 ? "T-" : "T+") + Math.abs(seconds) / 60 + ":" + String.format("%02d", Math.abs(seconds) % 60);
    }

    private static long storedCount(Optional<Document> race, String key) {
        return race.map(d -> d.getLong(key)).map(RacePolling::orZero).orElse(0L);
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
