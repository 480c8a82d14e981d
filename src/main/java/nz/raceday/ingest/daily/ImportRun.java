package nz.raceday.ingest.daily;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import nz.raceday.ingest.store.Write;
import nz.raceday.ingest.store.WriteOutcome;
import nz.raceday.ingest.store.WriteResult;
import nz.raceday.ingest.tab.RequestTally;
import nz.raceday.ingest.tab.model.EventDetail;
import nz.raceday.ingest.tab.model.RawMeeting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of one import run: what it stored, what failed and why, how many TAB requests it made, its
 * progress, and the events it already fetched (so the entrants step reuses the races step's responses).
 * Shared by the parallel branches of the fan-out, hence thread-safe.
 */
public final class ImportRun implements RequestTally {

    private static final Logger LOG = LoggerFactory.getLogger(ImportRun.class);

    private final String runId;
    private final ImportRequest request;
    private final Clock clock;
    private final Instant startedAt;
    private final AtomicLong requests = new AtomicLong();
    private final Set<String> meetings = ConcurrentHashMap.newKeySet();
    private final Set<String> races = ConcurrentHashMap.newKeySet();
    private final Set<String> entrants = ConcurrentHashMap.newKeySet();
    private final Map<WriteOutcome, AtomicLong> writes = new ConcurrentHashMap<>();
    private final List<ImportFailure> failures = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> failedRaceIds = ConcurrentHashMap.newKeySet();
    private final Map<String, EventDetail> events = new ConcurrentHashMap<>();
    private final Map<String, DeferredRace> deferredRaces = new ConcurrentHashMap<>();
    private final List<RawMeeting> fetchedMeetings = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> fetchedMeetingIds = ConcurrentHashMap.newKeySet();
    private final AtomicInteger meetingPages = new AtomicInteger();
    private volatile Instant meetingsGeneratedTime;
    private volatile StepProgress progress;
    private volatile String abortReason;

    ImportRun(String runId, ImportRequest request, Clock clock) {
        this.runId = runId;
        this.request = request;
        this.clock = clock;
        this.startedAt = clock.instant();
        for (WriteOutcome outcome : WriteOutcome.values()) {
            writes.put(outcome, new AtomicLong());
        }
    }

    public String runId() {
        return runId;
    }

    public ImportRequest request() {
        return request;
    }

    /** Whether this run includes the step with the given id; called from the routes. */
    public boolean includes(String stepId) {
        return request.steps().contains(ImportStep.of(stepId));
    }

    @Override
    public void onTabRequest() {
        requests.incrementAndGet();
    }

    public long requests() {
        return requests.get();
    }

    // ---- meetings pages

    /** Adds a page's meetings; returns how many were not seen on an earlier page. */
    int addMeetingsPage(List<RawMeeting> page) {
        meetingPages.incrementAndGet();
        int added = 0;
        for (RawMeeting meeting : page) {
            // meetings without an id are kept so that their failure is reported, not silently dropped
            if (meeting.meetingId() == null || fetchedMeetingIds.add(meeting.meetingId())) {
                fetchedMeetings.add(meeting);
                added++;
            }
        }
        return added;
    }

    /** TAB's own timestamp of the meetings list, stored as {@code apiGeneratedTime}. */
    Instant meetingsGeneratedTime() {
        return meetingsGeneratedTime;
    }

    void setMeetingsGeneratedTime(Instant generatedTime) {
        if (generatedTime != null) {
            this.meetingsGeneratedTime = generatedTime;
        }
    }

    int meetingPages() {
        return meetingPages.get();
    }

    List<RawMeeting> fetchedMeetings() {
        synchronized (fetchedMeetings) {
            return List.copyOf(fetchedMeetings);
        }
    }

    // ---- what was stored

    void recordWrites(WriteResult result) {
        result.outcomes().forEach(o -> writes.get(o).incrementAndGet());
    }

    void meetingStored(String meetingId) {
        meetings.add(meetingId);
    }

    void raceStored(String raceId) {
        races.add(raceId);
    }

    void entrantStored(String entrantId) {
        entrants.add(entrantId);
    }

    void recordFailure(ImportFailure failure) {
        failures.add(failure);
        if (failure.raceId() != null) {
            failedRaceIds.add(failure.raceId());
        }
    }

    boolean hasFailed(String raceId) {
        return failedRaceIds.contains(raceId);
    }

    List<ImportFailure> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    // ---- races the meetings step left to the races step

    /**
     * A race from the meetings list that a run with the races step writes once, together with its detail (or alone
     * when its event fails).
     */
    record DeferredRace(RaceRef ref, Instant startTime, Write.Upsert summary) {
    }

    void deferRace(DeferredRace race) {
        deferredRaces.put(race.ref().raceId(), race);
    }

    /** The race's summary still to be written, removed from the run; null when there is none. */
    Write.Upsert takeDeferredRace(String raceId) {
        DeferredRace race = deferredRaces.remove(raceId);
        return race == null ? null : race.summary();
    }

    List<DeferredRace> deferredRaces() {
        return List.copyOf(deferredRaces.values());
    }

    // ---- event cache

    EventDetail cachedEvent(String raceId) {
        return events.get(raceId);
    }

    void cacheEvent(EventDetail event) {
        events.put(event.raceId(), event);
    }

    // ---- progress

    void startStep(ImportStep step, int total, String unit) {
        progress = new StepProgress(step, total, unit);
        LOG.info("Import {} run {}: {} step started, {} {}", request.racingDay(), runId, step.id(), total, unit);
    }

    void itemDone(boolean ok) {
        StepProgress current = progress;
        if (current != null) {
            current.done(ok);
        }
    }

    void abort(String reason) {
        this.abortReason = reason;
    }

    String abortReason() {
        return abortReason;
    }

    ImportSummary summary() {
        long durationMs = Duration.between(startedAt, clock.instant()).toMillis();
        List<ImportFailure> all = failures();
        return new ImportSummary(
                runId,
                request.racingDay().toString(),
                request.steps().stream().sorted().map(ImportStep::id).toList(),
                abortReason == null ? "completed" : "aborted",
                abortReason,
                meetings.size(),
                races.size(),
                entrants.size(),
                all.stream().filter(f -> f.raceId() != null).toList(),
                all.stream().filter(f -> f.raceId() == null).toList(),
                requests.get(),
                durationMs,
                new ImportSummary.Writes(writes.get(WriteOutcome.INSERTED).get(), writes.get(WriteOutcome.UPDATED).get(),
                        writes.get(WriteOutcome.UNCHANGED).get(), writes.get(WriteOutcome.QUEUED).get()));
    }

    /** done/total of the running step, logged about every tenth of the way and at the end. */
    private final class StepProgress {
        private final ImportStep step;
        private final int total;
        private final String unit;
        private final AtomicInteger done = new AtomicInteger();
        private final AtomicInteger failed = new AtomicInteger();
        private final int every;

        StepProgress(ImportStep step, int total, String unit) {
            this.step = step;
            this.total = total;
            this.unit = unit;
            this.every = Math.max(1, total / 10);
        }

        void done(boolean ok) {
            if (!ok) {
                failed.incrementAndGet();
            }
            int n = done.incrementAndGet();
            if (n % every == 0 || n == total) {
                LOG.info("Import {} run {}: {} {}/{} {} done, {} failed", request.racingDay(), runId, step.id(), n, total,
                        unit, failed.get());
            }
        }
    }
}
