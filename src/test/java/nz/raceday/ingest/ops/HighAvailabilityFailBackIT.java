package nz.raceday.ingest.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import nz.raceday.ingest.polling.PollDocuments;
import nz.raceday.ingest.simulator.SimulatedDay;
import nz.raceday.ingest.simulator.SimulatedRace;
import nz.raceday.ingest.simulator.SimulatorSettings;
import nz.raceday.ingest.simulator.Special;
import nz.raceday.ingest.simulator.TabSimulatorServer;
import nz.raceday.ingest.store.Document;
import nz.raceday.ingest.store.DocumentQuery;
import nz.raceday.ingest.store.StoredTimes;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import nz.raceday.ingest.store.sqlite.SqliteRaceStore;
import nz.raceday.ingest.testsupport.JarRunner;
import nz.raceday.ingest.testsupport.RecordingTabProxy;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Leadership goes A → B → A (issue 10 item 2) with two {@code java -jar} services on one machine, ZooKeeper
 * (curator-test's embedded server) and one shared SQLite store, in front of a simulated TAB whose races start in
 * minutes. A freezes as a long GC pause or a partition would: SIGSTOP past its ZooKeeper session timeout, so B takes
 * over; SIGCONT, so A resumes as a standby still holding the plan and race memory it had as leader; then SIGKILL B,
 * so A leads again. Asserted from what TAB received and what the store holds:
 * <ul>
 * <li>only one instance polled at any time: A before the freeze, B from its takeover to its death (not A after its
 * SIGCONT, though it had been leader a moment before), A after;</li>
 * <li>A, resumed, dropped its plan and memory ({@code Leadership lost}) and went back into the election, so it could
 * lead again;</li>
 * <li>each race's polls, by all three leaderships, fall on consecutive points of its 15 s grid, and the stored poll
 * counts add them all up;</li>
 * <li>every stored money-flow row's increment equals its amount minus the latest row of the nearest earlier bucket,
 * computed here from the stored rows by the rule of frontend-contract §4 check 7 and domain-spec §5, not by the
 * code under test; and some of A's rows after the fail-back were measured against rows B wrote (the case that
 * went wrong with stale memory).</li>
 * </ul>
 * Every wait is on observable state (log lines, TAB requests, stored rows); nothing is timed.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class HighAvailabilityFailBackIT {

    private static final Duration CADENCE = Duration.ofSeconds(15);
    private static final String A = "partner-a";
    private static final String B = "partner-b";
    private static final String LEADERSHIP_LOST = "Leadership lost: polling stops here; plan and race memory dropped";
    private static final String REJOINED = "back in the leader election";

    // 6 races starting 5.5 to 6.75 minutes from now, 15 s apart: every race's 15 s grid points coincide, so polls
    // come in bursts 15 s apart; the whole test polls before the first start (checked), and races this close get no
    // moved start (checked). The first polls fall in bucket 5, later ones in buckets 4 and 3.
    private final SimulatorSettings settings = SimulatorSettings.builder().meetings(2).otherMeetings(0)
            .racesPerMeeting(3).firstStart(Duration.ofSeconds(330)).spacing(Duration.ofSeconds(15)).build();
    private final SimulatedDay day = SimulatedDay.create(settings, Instant.now());
    private final TabSimulatorServer simulator = TabSimulatorServer.start(day, settings, Clock.systemUTC(), 0);
    private final RecordingTabProxy tab = new RecordingTabProxy(simulator.baseUrl());
    private final JarRunner first = new JarRunner();
    private final JarRunner second = new JarRunner();
    private final List<Process> processes = new ArrayList<>();
    private TestingServer zooKeeper;

    /** One running service. */
    private record Instance(String name, JarRunner jar, JarRunner.Started started) {

        String output() throws IOException {
            return started.outputSoFar();
        }

        Process process() {
            return started.process();
        }
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (Process process : processes) {
            if (process.isAlive()) {
                signal(process, "CONT");
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
        Path logs = Files.createDirectories(Path.of("target", "ha-it-logs"));
        for (JarRunner jar : List.of(first, second)) {
            Path output = jar.workDir().resolve("service-output.txt");
            if (Files.exists(output)) {
                Files.copy(output, logs.resolve("failBack-" + (jar == first ? A : B) + ".txt"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
        tab.close();
        simulator.close();
        if (zooKeeper != null) {
            zooKeeper.close();
        }
        first.close();
        second.close();
    }

    @Test
    void shouldFailOverAndBackWithMemoryThatMatchesTheStore() throws Exception {
        List<SimulatedRace> races = day.importedRaces();
        assertThat(races).hasSize(6)
                .allSatisfy(r -> assertThat(r.special()).isNotEqualTo(Optional.of(Special.MOVED_START)));
        // tick 500 ms: session timeouts of 1 to 10 s, sessions expired within half a second of their timeout
        zooKeeper = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, 500, -1), true);
        for (JarRunner jar : List.of(first, second)) {
            jar.env("TAB_BASE_URL", tab.baseUrl())
                    .env("RACEDAY_DB_PATH", first.database().toString())
                    .env("HA_ENABLED", "true")
                    .env("HA_CLUSTER_SERVICE", "zookeeper")
                    .env("HA_ZOOKEEPER_NODES", zooKeeper.getConnectString())
                    .env("TAB_PARTNER_ID", jar == first ? A : B)
                    .env("DAILY_MEETINGS_ENABLED", "false")
                    .env("DAILY_RACES_ENABLED", "false")
                    .env("DAILY_ENTRANTS_ENABLED", "false")
                    .jvmOption("-Xmx256m")
                    .jvmOption("-Dha.zookeeper.session-timeout=4000ms")
                    .jvmOption("-Dha.zookeeper.connect-timeout=3000ms")
                    .jvmOption("-Drace-poller.cadence=60m:15s");
        }
        JarRunner.Run imported = first.run("import", "--date", day.racingDay().toString());
        assertThat(imported.exitCode()).as(imported.output()).isZero();
        tab.clear();

        // ---- A leads: start it alone until it plans, then start B, the standby
        Instance a = start(first, A);
        await().atMost(Duration.ofSeconds(120)).until(() -> a.output().contains("Poll planning:"));
        Instance b = start(second, B);
        await().atMost(Duration.ofSeconds(120)).until(() -> b.output().contains("high availability on (zookeeper")
                && everyRacePolledSince(a, Instant.EPOCH, 2));

        // ---- SIGSTOP A between two bursts, everything it polled stored: B takes over when A's session expires
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> quiet(a));
        Instant frozenAt = Instant.now();
        signal(a.process(), "STOP");
        await().atMost(Duration.ofSeconds(60)).until(() -> b.output().contains("Poll planning:"));
        await().atMost(Duration.ofSeconds(120)).until(() -> everyRacePolledSince(b, frozenAt, 2));

        // ---- SIGCONT A: it finds its session expired, drops plan, memory and leadership, and rejoins the election
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> quiet(b));
        int aOutputBeforeResume = a.output().length();
        Instant resumedAt = Instant.now();
        signal(a.process(), "CONT");
        await().atMost(Duration.ofSeconds(60)).until(() -> a.output().substring(aOutputBeforeResume)
                .contains(LEADERSHIP_LOST) && a.output().substring(aOutputBeforeResume).contains(REJOINED));
        // B goes on polling while A stands by
        await().atMost(Duration.ofSeconds(120)).until(() -> everyRacePolledSince(b, resumedAt, 2));

        // ---- SIGKILL B between two bursts: A leads again
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> quiet(b));
        int aOutputBeforeKill = a.output().length();
        Instant killedAt = Instant.now();
        b.process().destroyForcibly();
        assertThat(b.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(60)).until(() -> a.output().substring(aOutputBeforeKill)
                .contains("Poll planning:"));
        await().atMost(Duration.ofSeconds(120)).until(() -> everyRacePolledSince(a, killedAt, 2));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> quiet(a));
        a.process().destroy();
        assertThat(a.process().waitFor(60, TimeUnit.SECONDS)).as("A stopped within 60 s").isTrue();
        System.out.printf("HA fail-back: A frozen at %s, resumed at %s, B killed at %s; %d TAB requests%n",
                frozenAt, resumedAt, killedAt, tab.requests().size());

        // ---- one poller at a time
        assertThat(tab.requests()).allSatisfy(r -> assertThat(r.partnerId()).as("request %s", r)
                .isEqualTo(r.at().isBefore(frozenAt) || !r.at().isBefore(killedAt) ? A : B));
        String resumedOutput = a.output().substring(aOutputBeforeResume, aOutputBeforeKill);
        assertThat(resumedOutput).contains("FreezeGuard - This process did not run for", LEADERSHIP_LOST, REJOINED)
                .doesNotContain("RacePolling - Polled ");
        assertThat(a.output()).doesNotContain(" ERROR ");
        assertThat(b.output()).doesNotContain(" ERROR ");

        try (SqliteRaceStore store = SqliteRaceStore.open(first.database(), Clock.systemUTC())) {
            int measuredAgainstB = 0;
            for (SimulatedRace race : races) {
                assertCarriesOnTheGrid(race);
                Document stored = store.get(RaceDaySchema.RACES, race.id()).orElseThrow();
                assertThat(stored.getLong("pollsMade")).as("race %s polls made", race.id())
                        .isEqualTo(tab.requests().stream().filter(r -> r.resource().equals("events/" + race.id()))
                                .count());
                measuredAgainstB += assertIncrementRule(store, race, frozenAt, killedAt);
            }
            System.out.printf("HA fail-back: %d money-flow rows of A after the fail-back measured against B's rows%n",
                    measuredAgainstB);
            assertThat(measuredAgainstB).as("rows A wrote after the fail-back against a row B wrote").isPositive();
        }
    }

    /**
     * The polls of a race by all leaderships fall on consecutive points of its 15 s grid (the slot of a poll: the
     * latest grid point at or before TAB received it), so no slot was polled twice or skipped through either
     * change. Left out: the race's first poll, made at once when A started, off the grid by design.
     */
    private void assertCarriesOnTheGrid(SimulatedRace race) {
        Instant start = race.originalAdvertisedStart();
        List<RecordingTabProxy.Request> polls = tab.requests().stream()
                .filter(r -> r.resource().equals("events/" + race.id())).toList();
        assertThat(polls).as("polled before the race's start, while it was Open").allSatisfy(p -> {
            assertThat(p.at()).isBefore(start);
            assertThat(race.statusAt(p.at())).isEqualTo("Open");
        });
        List<Instant> slots = polls.stream().skip(1).map(p -> slotOf(start, p.at())).toList();
        for (int i = 1; i < slots.size(); i++) {
            assertThat(slots.get(i)).as("race %s: slot of poll %d (%s) after %s; polls %s", race.id(), i + 2,
                    polls.get(i + 1), slots.get(i - 1), polls).isEqualTo(slots.get(i - 1).plus(CADENCE));
        }
    }

    /** One stored bucketed money-flow row. */
    private record Row(String entrantId, Instant polledAt, int bucket, long win, long place, long winIncrement,
            long placeIncrement) {
    }

    /**
     * Checks every bucketed money-flow row of the race, per entrant in the order written: a row with a row of a
     * higher bucket (further from the start) before it carries its amounts minus the latest such row of the nearest
     * of those buckets; a row without carries zero (its bucket is below the 55 baseline: these races are polled
     * from 6 minutes out). Returns how many rows written after {@code killedAt} were measured against a row written
     * between {@code frozenAt} and {@code killedAt} (by B).
     */
    private static int assertIncrementRule(SqliteRaceStore store, SimulatedRace race, Instant frozenAt,
            Instant killedAt) {
        List<Row> rows = store.list(RaceDaySchema.MONEY_FLOW_HISTORY, DocumentQuery.all().equal("raceId", race.id())
                .equal("type", PollDocuments.BUCKETED)).stream()
                .map(d -> new Row(d.getString("entrantId"), StoredTimes.parse(d.getString("pollingTimestamp")),
                        d.getLong("timeInterval").intValue(), d.getLong("winPoolAmount"), d.getLong("placePoolAmount"),
                        d.getLong("incrementalWinAmount"), d.getLong("incrementalPlaceAmount")))
                .sorted(Comparator.comparing(Row::polledAt)).toList();
        assertThat(rows).as("race %s money-flow rows", race.id()).isNotEmpty();
        int againstB = 0;
        Map<String, List<Row>> byEntrant = rows.stream().collect(Collectors.groupingBy(Row::entrantId));
        for (List<Row> entrantRows : byEntrant.values()) {
            // bucket -> latest row so far, as the rows come in order
            TreeMap<Integer, Row> latestPerBucket = new TreeMap<>();
            for (Row row : entrantRows) {
                Map.Entry<Integer, Row> earlier = latestPerBucket.higherEntry(row.bucket());
                long expectedWin = earlier == null ? 0 : row.win() - earlier.getValue().win();
                long expectedPlace = earlier == null ? 0 : row.place() - earlier.getValue().place();
                assertThat(List.of(row.winIncrement(), row.placeIncrement()))
                        .as("race %s row %s, against %s", race.id(), row, earlier == null ? "none" : earlier.getValue())
                        .containsExactly(expectedWin, expectedPlace);
                if (earlier != null && !row.polledAt().isBefore(killedAt)
                        && earlier.getValue().polledAt().isAfter(frozenAt)
                        && earlier.getValue().polledAt().isBefore(killedAt)) {
                    againstB++;
                }
                latestPerBucket.put(row.bucket(), row);
            }
        }
        return againstB;
    }

    /** The latest point of the race's 15 s grid at or before {@code at}. */
    private static Instant slotOf(Instant start, Instant at) {
        long before = Duration.between(at, start).toMillis();
        long steps = (before + CADENCE.toMillis() - 1) / CADENCE.toMillis();
        return start.minus(CADENCE.multipliedBy(steps));
    }

    private Instance start(JarRunner jar, String name) throws IOException {
        JarRunner.Started started = jar.start();
        processes.add(started.process());
        return new Instance(name, jar, started);
    }

    private static void signal(Process process, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).as("kill -%s", signal).isZero();
    }

    private List<RecordingTabProxy.Request> polls(Instance instance, Instant since) {
        return tab.requests().stream().filter(r -> instance.name().equals(r.partnerId())
                && r.resource().startsWith("events/") && !r.at().isBefore(since)).toList();
    }

    private boolean everyRacePolledSince(Instance instance, Instant since, int count) {
        List<RecordingTabProxy.Request> polls = polls(instance, since);
        return day.importedRaces().stream()
                .allMatch(r -> polls.stream().filter(p -> p.resource().equals("events/" + r.id())).count() >= count);
    }

    /**
     * Between two bursts: the instance's last poll reached TAB 0.3 to 3 s ago (the next burst is 12 s or more away)
     * and every poll it sent is stored (its "Polled" line comes after the store's commit).
     */
    private boolean quiet(Instance instance) throws IOException {
        List<RecordingTabProxy.Request> polls = polls(instance, Instant.EPOCH);
        if (polls.isEmpty()) {
            return false;
        }
        Duration since = Duration.between(polls.get(polls.size() - 1).at(), Instant.now());
        if (since.compareTo(Duration.ofMillis(300)) < 0 || since.compareTo(Duration.ofSeconds(3)) > 0) {
            return false;
        }
        String output = instance.output();
        for (SimulatedRace race : day.importedRaces()) {
            long polled = output.lines().filter(l -> l.contains("RacePolling - Polled ")
                    && l.contains("(" + race.id() + ")")).count();
            if (polled != polls.stream().filter(p -> p.resource().equals("events/" + race.id())).count()) {
                return false;
            }
        }
        return true;
    }
}
