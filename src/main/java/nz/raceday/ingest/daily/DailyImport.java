package nz.raceday.ingest.daily;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nz.raceday.ingest.mapping.RaceDayDocuments;
import nz.raceday.ingest.shared.DerivedIds;
import nz.raceday.ingest.shared.FailureDocuments;
import nz.raceday.ingest.shared.Failures;
import nz.raceday.ingest.shared.RacingDay;
import nz.raceday.ingest.store.Document;
import nz.raceday.ingest.store.DocumentQuery;
import nz.raceday.ingest.store.RaceStore;
import nz.raceday.ingest.store.StoredTimes;
import nz.raceday.ingest.store.Write;
import nz.raceday.ingest.store.WriteBatch;
import nz.raceday.ingest.store.WriteResult;
import nz.raceday.ingest.store.schema.Fields;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import nz.raceday.ingest.tab.TabCall;
import nz.raceday.ingest.tab.TabPayloadParser;
import nz.raceday.ingest.tab.TabQueries;
import nz.raceday.ingest.tab.model.EventDetail;
import nz.raceday.ingest.tab.model.Meeting;
import nz.raceday.ingest.tab.model.MeetingsPage;
import nz.raceday.ingest.tab.model.PayloadProblem;
import nz.raceday.ingest.tab.model.RaceSummary;
import nz.raceday.ingest.tab.model.RawMeeting;

/**
 * The daily import's logic, called step by step from the routes in {@code routes/daily-import.camel.yaml}:
 * meetings of the NZ racing day (paged, filtered), then event detail for every race of the day, then every
 * runner. Routes own the flow (fan-out, retries, dead letters); this class owns what each step means. Runs never
 * overlap: a run that starts while another is in progress waits for it.
 */
public final class DailyImport {

    private static final Logger LOG = LoggerFactory.getLogger(DailyImport.class);
    private static final DateTimeFormatter RUN_ID_TIME = DateTimeFormatter.ofPattern("HHmmss").withZone(ZoneOffset.UTC);

    private final RaceStore store;
    private final TabPayloadParser parser;
    private final RaceDayDocuments documents;
    private final MeetingFilter filter;
    private final Clock clock;
    private final int meetingsPageSize;
    private final int maxMeetingPages;
    private final Semaphore oneRunAtATime = new Semaphore(1, true);

    public DailyImport(RaceStore store, TabPayloadParser parser, RaceDayDocuments documents, MeetingFilter filter,
            Clock clock, int meetingsPageSize, int maxMeetingPages) {
        if (meetingsPageSize < 1 || meetingsPageSize > 200) {
            throw new IllegalArgumentException("meetings page size must be 1..200 (TAB's maximum), got " + meetingsPageSize);
        }
        this.store = store;
        this.parser = parser;
        this.documents = documents;
        this.filter = filter;
        this.clock = clock;
        this.meetingsPageSize = meetingsPageSize;
        this.maxMeetingPages = maxMeetingPages;
    }

    // ---- run lifecycle

    /**
     * A request for today's NZ racing day, as the scheduled jobs make it.
     *
     * @param steps   comma-separated step ids
     * @param trigger who asks, for the logs
     */
    public ImportRequest todaysRequest(String steps, String trigger) {
        Set<ImportStep> parsed = Arrays.stream(steps.split(",")).map(ImportStep::of)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ImportStep.class)));
        return new ImportRequest(RacingDay.today(clock), parsed, trigger);
    }

    /** Starts a run, waiting first for any run in progress to end. */
    public ImportRun begin(ImportRequest request) throws InterruptedException {
        if (!oneRunAtATime.tryAcquire()) {
            LOG.info("Import {} ({}) waits for the import in progress to finish", request.racingDay(), request.trigger());
            oneRunAtATime.acquire();
        }
        String steps = request.steps().size() == ImportStep.values().length ? "all"
                : request.steps().stream().sorted().map(ImportStep::id).collect(Collectors.joining("+"));
        // the random part keeps two runs started in the same second apart; a replay reuses the recorded id
        String reused = reusedRunId.getAndSet(null);
        String runId = reused != null ? reused : request.racingDay() + "-" + steps + "-"
                + RUN_ID_TIME.format(clock.instant()) + "-" + UUID.randomUUID().toString().substring(0, 6);
        ImportRun run = new ImportRun(runId, request, clock);
        LOG.info("Import {} run {} started by {}: steps {}", request.racingDay(), runId, request.trigger(), steps);
        return run;
    }

    /**
     * The id the next run takes instead of a new one: a replay of the response journal runs a recorded run again
     * under its recorded id, so that its failure records are the same documents.
     */
    public void reuseRunId(String runId) {
        reusedRunId.set(runId);
    }

    private final java.util.concurrent.atomic.AtomicReference<String> reusedRunId =
            new java.util.concurrent.atomic.AtomicReference<>();

    /** Number of runs waiting for the run in progress to finish. */
    public int waitingRuns() {
        return oneRunAtATime.getQueueLength();
    }

    /** Marks the run as unable to continue (the meetings call failed, the store is unusable, ...). */
    public void abort(ImportRun run, Throwable failure) {
        String reason = Failures.describe(failure);
        run.abort(reason);
        LOG.error("Import {} run {} aborted: {}", run.request().racingDay(), run.runId(), reason);
    }

    /** Ends the run, logs its one summary line and lets the next run start. */
    public ImportSummary finish(ImportRun run) {
        try {
            writeDeferredRaces(run);
            ImportSummary summary = run.summary();
            if (summary.aborted()) {
                LOG.error(summary.toLogLine());
            } else {
                LOG.info(summary.toLogLine());
            }
            for (ImportFailure failure : run.failures()) {
                LOG.warn("Import {} run {} failed {} {}{}: {}", run.request().racingDay(), run.runId(), failure.step(),
                        failure.raceId() == null ? "meeting " + failure.meetingId() : "race " + failure.raceId(),
                        failure.raceId() != null && failure.meetingId() != null ? " (meeting " + failure.meetingId() + ")"
                                : "", failure.reason());
            }
            return summary;
        } finally {
            oneRunAtATime.release();
        }
    }

    /** Races of an aborted run that its races step did not reach: written as the meetings list gave them. */
    private void writeDeferredRaces(ImportRun run) {
        List<ImportRun.DeferredRace> left = run.deferredRaces();
        if (left.isEmpty()) {
            return;
        }
        try {
            WriteBatch batch = new WriteBatch();
            for (ImportRun.DeferredRace race : left) {
                Write.Upsert summary = run.takeDeferredRace(race.ref().raceId());
                if (summary != null) {
                    batch.add(summary);
                }
            }
            run.recordWrites(store.apply(batch));
            left.forEach(r -> run.raceStored(r.ref().raceId()));
        } catch (RuntimeException e) {
            LOG.error("Import {} run {}: {} races from the meetings list could not be stored: {}",
                    run.request().racingDay(), run.runId(), left.size(), Failures.describe(e));
        }
    }

    private void writeDeferredRace(ImportRun run, String raceId) {
        Write.Upsert summary = run.takeDeferredRace(raceId);
        if (summary != null) {
            run.recordWrites(store.apply(new WriteBatch().add(summary)));
            run.raceStored(raceId);
        }
    }

    // ---- meetings step

    public TabCall firstMeetingsPage(ImportRun run) {
        return TabQueries.meetingsPage(run.request().racingDay(), meetingsPageSize, 0);
    }

    /**
     * Takes one page of meetings and says what to fetch next.
     *
     * @return the next page to fetch, or null when the list is exhausted
     */
    public TabCall acceptMeetingsPage(ImportRun run, TabCall call, byte[] body) {
        MeetingsPage page = parser.parseMeetingsPage(body);
        int added = run.addMeetingsPage(page.meetings());
        run.setMeetingsGeneratedTime(page.generatedTime());
        if (page.meetings().size() < meetingsPageSize) {
            return null;
        }
        if (added == 0) {
            LOG.warn("Import {} run {}: meetings page {} repeated earlier meetings; TAB seems to ignore offset, "
                    + "stopping pagination", run.request().racingDay(), run.runId(), call);
            return null;
        }
        if (run.meetingPages() >= maxMeetingPages) {
            LOG.warn("Import {} run {}: stopped after {} meetings pages ({} meetings); raise tab.meetings.max-pages "
                    + "if a day really has more", run.request().racingDay(), run.runId(), run.meetingPages(),
                    run.fetchedMeetings().size());
            return null;
        }
        int offset = offsetOf(call) + page.meetings().size();
        return TabQueries.meetingsPage(run.request().racingDay(), meetingsPageSize, offset);
    }

    private static int offsetOf(TabCall call) {
        for (String parameter : call.query().split("&")) {
            if (parameter.startsWith("offset=")) {
                return Integer.parseInt(parameter.substring("offset=".length()));
            }
        }
        return 0;
    }

    /**
     * The fetched meetings the day imports: AUS/NZ thoroughbred and harness by default, dated the racing day.
     * Meetings that cannot be classified are kept so that their own step fails them with a reason.
     */
    public List<RawMeeting> meetingsToImport(ImportRun run) {
        List<RawMeeting> fetched = run.fetchedMeetings();
        List<RawMeeting> kept = new ArrayList<>();
        int excluded = 0;
        for (RawMeeting meeting : fetched) {
            if (filter.classify(meeting) == MeetingFilter.Verdict.EXCLUDE) {
                excluded++;
            } else {
                kept.add(meeting);
            }
        }
        LOG.info("Import {} run {}: TAB listed {} meetings, {} match countries {} and categories {}, {} excluded",
                run.request().racingDay(), run.runId(), fetched.size(), kept.size(), filter.countries(),
                filter.categories(), excluded);
        run.startStep(ImportStep.MEETINGS, kept.size(), "meetings");
        return kept;
    }

    /**
     * Stores one meeting and the races it lists, in one batch. Races the list describes badly are recorded as
     * failed; the meeting fails as a whole only when its own fields are unusable.
     */
    public ItemOutcome importMeeting(ImportRun run, RawMeeting raw) {
        String step = ImportStep.MEETINGS.id();
        if (filter.classify(raw) == MeetingFilter.Verdict.UNCLASSIFIABLE) {
            throw new IllegalArgumentException("meeting " + raw.label() + " has no country or category, "
                    + "so it cannot be filtered");
        }
        Meeting meeting = parser.parseMeeting(raw, run.meetingsGeneratedTime());
        LocalDate day = run.request().racingDay();
        if (!meeting.date().equals(day)) {
            run.itemDone(true);
            LOG.info("Import {} run {}: meeting {} is dated {}, not the racing day; skipped", day, run.runId(),
                    raw.label(), meeting.date());
            return ItemOutcome.skipped(step, meeting.meetingId(), "dated " + meeting.date());
        }
        WriteBatch batch = new WriteBatch().add(documents.meeting(meeting));
        // a run that goes on to the races step writes each race once, with its detail
        boolean deferRaces = run.includes(ImportStep.RACES.id());
        List<ImportRun.DeferredRace> deferred = new ArrayList<>();
        for (RaceSummary race : meeting.races()) {
            Write.Upsert summary = documents.raceSummary(race, meeting.meetingId(), day);
            if (deferRaces) {
                deferred.add(new ImportRun.DeferredRace(new RaceRef(race.raceId(), meeting.meetingId()),
                        race.startTime(), summary));
            } else {
                batch.add(summary);
            }
        }
        WriteResult result = store.apply(batch);
        run.recordWrites(result);
        run.meetingStored(meeting.meetingId());
        // only once the meeting is stored: a race must not be written for a meeting that failed
        deferred.forEach(run::deferRace);
        if (!deferRaces) {
            meeting.races().forEach(r -> run.raceStored(r.raceId()));
        }
        for (PayloadProblem problem : meeting.raceProblems()) {
            recordFailure(run, new ImportFailure(step, problem.raceId(), meeting.meetingId(), problem.reason()));
        }
        run.itemDone(true);
        return ItemOutcome.stored(step, meeting.meetingId());
    }

    // ---- races and entrants steps

    /**
     * The races of the run's racing day in start order: those stored, and those this run's meetings step left to
     * be written with their detail. Starts the step's progress.
     */
    public List<RaceRef> racesOfDay(ImportRun run, String stepId) {
        ImportStep step = ImportStep.of(stepId);
        List<Document> stored = store.list(RaceDaySchema.RACES,
                DocumentQuery.all().equal("raceDateNz", run.request().racingDay().toString()).orderAsc("startTime"));
        List<ImportRun.DeferredRace> deferred = run.deferredRaces();
        List<RaceRef> refs;
        if (deferred.isEmpty()) {
            refs = stored.stream().map(d -> new RaceRef(d.id(), d.getString(Fields.Races.MEETING))).toList();
        } else {
            Map<String, ImportRun.DeferredRace> byId = new LinkedHashMap<>();
            for (Document race : stored) {
                String start = race.getString(Fields.Races.START_TIME);
                byId.put(race.id(), new ImportRun.DeferredRace(new RaceRef(race.id(), race.getString(Fields.Races.MEETING)),
                        start == null ? null : StoredTimes.parse(start), null));
            }
            // the meetings list of this run is the fresher source for the races it lists
            deferred.forEach(d -> byId.put(d.ref().raceId(), d));
            refs = byId.values().stream()
                    .sorted(Comparator.comparing(ImportRun.DeferredRace::startTime,
                            Comparator.nullsLast(Comparator.naturalOrder()))
                            .thenComparing(d -> d.ref().raceId()))
                    .map(ImportRun.DeferredRace::ref).toList();
        }
        run.startStep(step, refs.size(), "races");
        return refs;
    }

    /** The event this run already fetched for the race, or null. */
    public EventDetail cachedEvent(ImportRun run, String raceId) {
        return run.cachedEvent(raceId);
    }

    public TabCall eventCall(String raceId) {
        return TabQueries.eventForImport(raceId);
    }

    /** Parses a fetched event and keeps it for the rest of the run. */
    public EventDetail acceptEvent(ImportRun run, String raceId, byte[] body) {
        EventDetail event = parser.parseEvent(body, raceId);
        run.cacheEvent(event);
        return event;
    }

    /** Whether the race already failed earlier in this run (its event is then not fetched again). */
    public boolean failedEarlier(ImportRun run, String raceId) {
        return run.hasFailed(raceId);
    }

    public ItemOutcome skipFailedRace(ImportRun run, String stepId, String raceId) {
        run.itemDone(false);
        return ItemOutcome.skipped(stepId, raceId, "failed earlier in this run");
    }

    /** Merges the event detail into the stored race, or writes the race this run listed with its detail at once. */
    public ItemOutcome storeRaceDetail(ImportRun run, EventDetail event) {
        Write.Upsert detail = documents.raceDetail(event);
        Write.Upsert listed = run.takeDeferredRace(event.raceId());
        WriteResult result = store.apply(new WriteBatch().add(listed == null ? detail
                : RaceDayDocuments.raceSummaryWithDetail(listed, detail)));
        run.recordWrites(result);
        run.raceStored(event.raceId());
        run.itemDone(true);
        return ItemOutcome.stored(ImportStep.RACES.id(), event.raceId());
    }

    /** Stores every runner of the race, scratched ones included, in one batch. */
    public ItemOutcome storeEntrants(ImportRun run, EventDetail event) {
        List<Write.Upsert> entrants = documents.entrants(event);
        WriteResult result = store.apply(WriteBatch.of(entrants));
        run.recordWrites(result);
        entrants.forEach(e -> run.entrantStored(e.documentId()));
        run.itemDone(true);
        return ItemOutcome.stored(ImportStep.ENTRANTS.id(), event.raceId());
    }

    /**
     * The dead-letter channel of the import: records why a meeting or race failed, in the run and in the
     * {@code import-failures} collection, so other items carry on and the failure can be queried later.
     */
    public ItemOutcome recordFailure(ImportRun run, String stepId, String raceId, String meetingId, Throwable failure) {
        String reason = Failures.describe(failure);
        if (raceId != null) {
            // the race as the meetings list gave it is kept, as when the steps run apart
            writeDeferredRace(run, raceId);
        }
        recordFailure(run, new ImportFailure(stepId, raceId, meetingId, reason));
        run.itemDone(false);
        return ItemOutcome.failed(stepId, raceId != null ? raceId : meetingId, reason);
    }

    private void recordFailure(ImportRun run, ImportFailure failure) {
        run.recordFailure(failure);
        LOG.warn("Import {} run {}: {} failed for {}: {}", run.request().racingDay(), run.runId(), failure.step(),
                failure.raceId() != null ? "race " + failure.raceId() : "meeting " + failure.meetingId(), failure.reason());
        String subject = failure.raceId() != null ? failure.raceId() : String.valueOf(failure.meetingId());
        run.recordWrites(store.apply(FailureDocuments.failure(run.runId(), failure.step(), failure.raceId(),
                failure.meetingId(), subject, failure.reason(), clock.instant())));
    }

    /** Logs the step's result as the fan-out aggregated it. */
    public void endStep(ImportRun run, String stepId, List<ItemOutcome> outcomes) {
        Map<ItemOutcome.Status, Long> counts = outcomes.stream()
                .collect(Collectors.groupingBy(ItemOutcome::status, Collectors.counting()));
        LOG.info("Import {} run {}: {} step finished: {} stored, {} failed, {} skipped", run.request().racingDay(),
                run.runId(), stepId, counts.getOrDefault(ItemOutcome.Status.STORED, 0L),
                counts.getOrDefault(ItemOutcome.Status.FAILED, 0L), counts.getOrDefault(ItemOutcome.Status.SKIPPED, 0L));
    }
}
