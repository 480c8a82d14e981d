package nz.raceday.ingest.journal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;

import nz.raceday.ingest.daily.DailyImport;
import nz.raceday.ingest.daily.ImportRequest;
import nz.raceday.ingest.daily.ImportStep;
import nz.raceday.ingest.mapping.JsonText;
import nz.raceday.ingest.polling.RacePolling;
import nz.raceday.ingest.store.RaceStore;
import nz.raceday.ingest.store.Write;
import nz.raceday.ingest.store.WriteBatch;
import nz.raceday.ingest.store.schema.RaceDaySchema;

/**
 * Runs a journaled day through the application's own routes and beans. The TAB API is a {@link JournalStandIn}
 * that answers each request with its journaled response and sets the clock to that response's received-at
 * instant. The timeline is the recorded one: each import run starts at its first response's instant (with its
 * recorded steps), the poll planner runs after the first import and then every minute, as Quartz runs it, and the
 * polling cycles poll each race when its plan says, exactly as live; the clock moves from one of these instants to
 * the next once every cycle waits again.
 */
public final class Replayer {

    /** {@code max}: as fast as the routes go; {@code realtime}: waits out the recorded time between steps. */
    public enum Speed { MAX, REALTIME }

    /** What a replay did, printed as its JSON summary. */
    public record Summary(LocalDate day, long responses, long journaled, Map<String, Long> documents,
            List<String> problems, long durationMs) {

        public String toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("day", day.toString());
            json.put("responses", responses);
            json.put("journaled", journaled);
            json.put("documents", documents);
            json.put("problems", problems);
            json.put("durationMs", durationMs);
            return JsonText.write(json);
        }
    }

    private record ImportAt(Instant at, ImportRequest request, String runId) {
    }

    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    private final CamelContext context;
    private final ReplayClock clock;
    private final JournalReader.Segment segment;
    private final JournalStandIn standIn;
    private final Speed speed;
    private final Consumer<String> progress;
    private final List<String> problems = new ArrayList<>();

    public Replayer(CamelContext context, ReplayClock clock, JournalReader.Segment segment, JournalStandIn standIn,
            Speed speed, Consumer<String> progress) {
        this.context = context;
        this.clock = clock;
        this.segment = segment;
        this.standIn = standIn;
        this.speed = speed;
        this.progress = progress;
    }

    /** The instant a replay starts at: the first journaled response's. */
    public static Instant startOf(JournalReader.Segment segment) {
        return segment.entries().stream().map(JournalEntry::receivedAt).min(Instant::compareTo)
                .orElseThrow(() -> new IllegalArgumentException("the journal segment holds no response"));
    }

    /**
     * Replays the segment.
     *
     * @param documents documents written so far, by collection (read at the end for the summary)
     */
    public Summary run(LocalDate day, Supplier<Map<String, Long>> documents) {
        long started = System.nanoTime();
        problems.addAll(segment.problems());
        Deque<ImportAt> imports = importRuns();
        Instant last = segment.entries().stream().map(JournalEntry::receivedAt).max(Instant::compareTo).orElseThrow();
        RacePolling polling = context.getRegistry().lookupByNameAndType("racePolling", RacePolling.class);
        ProducerTemplate template = context.createProducerTemplate();
        clock.set(startOf(segment));
        resetPollCounters(context.getRegistry().lookupByNameAndType("raceStore", RaceStore.class));
        Instant nextPlanning = null;
        long nextProgress = System.nanoTime();
        progress.accept("Replay of " + day + ": " + standIn.total() + " journaled responses, " + imports.size()
                + " import runs, " + segment.problems().size() + " unreadable entries");
        while (true) {
            Optional<Instant> due = polling.schedule().nextDueTime();
            Instant nextImport = imports.isEmpty() ? null : imports.peek().at();
            if (nextImport == null && (nextPlanning == null || nextPlanning.isAfter(last))
                    && polling.schedule().size() == 0) {
                break;
            }
            Instant next = earliest(earliest(nextImport, nextPlanning), due.orElse(null));
            if (next == null) {
                break;
            }
            if (next.isAfter(last.plus(Duration.ofHours(3)))) {
                problems.add("polling still planned " + next + ", 3 h after the last journaled response: stopped");
                break;
            }
            waitRealTime(next);
            clock.advanceTo(next);
            if (nextImport != null && !nextImport.isAfter(next)) {
                ImportAt run = imports.poll();
                clock.set(run.at());
                progress.accept("Replay: import run " + run.runId() + " (" + run.request().steps() + ") at "
                        + run.at());
                context.getRegistry().lookupByNameAndType("dailyImport", DailyImport.class).reuseRunId(run.runId());
                template.requestBody("direct:import-day", run.request());
                if (nextPlanning == null) {
                    nextPlanning = clock.instant();
                }
            } else if (nextPlanning != null && !nextPlanning.isAfter(next)) {
                template.sendBody("direct:plan-race-polls", null);
                nextPlanning = nextPlanning.plus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.MINUTES);
            }
            settle(polling);
            if (System.nanoTime() >= nextProgress) {
                progress.accept("Replay: " + standIn.served() + " / " + standIn.total() + " responses, clock at "
                        + clock.instant() + ", " + polling.schedule().size() + " races in play");
                nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
            }
        }
        standIn.unmatched().forEach(r -> problems.add("no journaled response for " + r));
        List<String> unused = standIn.unused();
        if (!unused.isEmpty()) {
            problems.add(unused.size() + " journaled responses not asked for, first " + unused.get(0));
        }
        progress.accept("Replay: " + standIn.served() + " / " + standIn.total() + " responses replayed");
        return new Summary(day, standIn.served(), standIn.total(), documents.get(), List.copyOf(problems),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    /**
     * Into a store that holds the day already, the day's polls are counted again from zero: the counters are the
     * day's and the journal holds every poll of it, so a replay leaves them as the live run did (idempotent).
     */
    private void resetPollCounters(RaceStore store) {
        java.util.Set<String> races = new java.util.TreeSet<>();
        for (JournalEntry entry : segment.entries()) {
            if (entry.served().isPoll() && entry.served().raceId() != null) {
                races.add(entry.served().raceId());
            }
        }
        WriteBatch batch = new WriteBatch();
        for (String raceId : races) {
            store.get(RaceDaySchema.RACES, raceId).filter(race -> race.getLong("pollsPlanned") != null).ifPresent(race -> {
                Map<String, Object> zero = new LinkedHashMap<>();
                zero.put("pollsPlanned", 0L);
                zero.put("pollsMade", 0L);
                zero.put("pollsMissed", 0L);
                batch.add(new Write.Upsert(RaceDaySchema.RACES, raceId, zero));
            });
        }
        if (!batch.writes().isEmpty()) {
            store.apply(batch);
            progress.accept("Replay: the store holds the day already; poll counters of " + batch.writes().size()
                    + " races start again from zero");
        }
    }

    private Deque<ImportAt> importRuns() {
        Map<String, ImportAt> runs = new LinkedHashMap<>();
        for (JournalEntry entry : segment.entries()) {
            JournalEntry.Served served = entry.served();
            if (served.isImport() && served.runId() != null) {
                runs.computeIfAbsent(served.runId(), id -> new ImportAt(entry.receivedAt(), new ImportRequest(
                        LocalDate.parse(served.racingDay()), served.steps().stream().map(ImportStep::of)
                                .collect(java.util.stream.Collectors.toSet()), served.trigger()), id));
            }
        }
        List<ImportAt> ordered = new ArrayList<>(runs.values());
        ordered.sort(java.util.Comparator.comparing(ImportAt::at));
        return new ArrayDeque<>(ordered);
    }

    private void waitRealTime(Instant next) {
        if (speed == Speed.REALTIME) {
            Duration gap = Duration.between(clock.instant(), next);
            if (gap.isNegative() || gap.isZero()) {
                return;
            }
            LockSupport.parkNanos(gap.toNanos());
        }
    }

    /** Wakes the cycles and waits until each waits for an instant still ahead, with no poll in flight. */
    private void settle(RacePolling polling) {
        polling.wakeCycles();
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        while (!polling.cyclesSettled()) {
            if (System.nanoTime() > deadline) {
                problems.add("polling did not settle within " + SETTLE_TIMEOUT.toSeconds() + " s at " + clock.instant());
                return;
            }
            polling.wakeCycles();
            LockSupport.parkNanos(2_000_000);
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isBefore(b) ? a : b;
    }
}
