package nz.raceday.ingest.ops;

import static nz.raceday.ingest.ops.HighAvailabilityTestBed.polledLines;
import static nz.raceday.ingest.ops.HighAvailabilityTestBed.slotOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import nz.raceday.ingest.ops.HighAvailabilityTestBed.Instance;
import nz.raceday.ingest.simulator.SimulatedDay;
import nz.raceday.ingest.simulator.SimulatedRace;
import nz.raceday.ingest.simulator.SimulatorSettings;
import nz.raceday.ingest.simulator.Special;
import nz.raceday.ingest.store.Document;
import nz.raceday.ingest.store.StoredTimes;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import nz.raceday.ingest.store.sqlite.SqliteRaceStore;
import nz.raceday.ingest.testsupport.JarRunner;
import nz.raceday.ingest.testsupport.RecordingTabProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * High availability (issue 6 item 4) with two {@code java -jar} services on one machine, sharing one SQLite database,
 * in front of a simulated TAB whose races start in minutes: only the elected leader runs the schedules and polls;
 * when the leader is killed (SIGKILL: no shutdown hook, no lock released by Camel, no ZooKeeper session closed), the
 * standby takes over within 10 s, rebuilds the polling plan from the store and carries on every race's polling grid
 * where the dead leader left it: no slot polled twice, none skipped. Once with the default file-lock cluster service
 * on a shared directory, once with ZooKeeper (curator-test's embedded server).
 *
 * <p>Each instance sends its own {@code TAB_PARTNER_ID}; a recording proxy in front of the simulator attributes
 * every TAB request to an instance by its {@code X-Partner-ID} header.
 */
class HighAvailabilityIT {

    private static final Duration CADENCE = HighAvailabilityTestBed.CADENCE;
    private static final Duration TAKEOVER_LIMIT = Duration.ofSeconds(10);
    private static final int POLLS_PER_RACE = 3;
    private static final String FIRST = "partner-first";
    private static final String SECOND = "partner-second";
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    // 6 races starting 7 to 9.5 minutes from now, 30 s apart: every poll of the test falls while they are Open and
    // before their start (checked), and every race's grid points coincide, so polls come in bursts 15 s apart. No
    // race is far enough out to get the simulator's moved start (checked).
    private final HighAvailabilityTestBed bed = new HighAvailabilityTestBed(SimulatorSettings.builder().meetings(2)
            .otherMeetings(0).racesPerMeeting(3).firstStart(Duration.ofMinutes(7)).spacing(Duration.ofSeconds(30))
            .build(), FIRST, SECOND);
    private final SimulatedDay day = bed.day();
    private final RecordingTabProxy tab = bed.tab();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void cleanUp(TestInfo test) throws Exception {
        bed.tearDown(test.getTestMethod().orElseThrow().getName());
    }

    @Test
    void shouldFailOverToTheStandbyWithTheFileLockClusterService() throws Exception {
        bed.useSharedFileLock();
        leaderPollsAloneThenStandbyTakesOver("file lock");
    }

    @Test
    void shouldFailOverToTheStandbyWithZooKeeper() throws Exception {
        bed.useZooKeeper();
        leaderPollsAloneThenStandbyTakesOver("zookeeper");
    }

    private void leaderPollsAloneThenStandbyTakesOver(String clusterService) throws Exception {
        List<SimulatedRace> races = day.importedRaces();
        assertThat(races).hasSize(6)
                .allSatisfy(r -> assertThat(r.special()).isNotEqualTo(Optional.of(Special.MOVED_START)));
        bed.configureBoth(jar -> jar
                // the meetings schedule every 15 s stands for the schedules; the races and entrants steps (fixed
                // crons) stay off, as their event requests would look like polls
                .jvmOption("-Ddaily-meetings.cron=0/15 * * * * ?")
                .jvmOption("-Ddaily-races.enabled=false")
                .jvmOption("-Ddaily-entrants.enabled=false"));
        JarRunner.Run imported = bed.importTheDay();
        assertThat(imported.summary().path("races").asInt()).isEqualTo(races.size());

        // both start at once and compete for leadership
        Instance a = bed.startFirst();
        Instance b = bed.startSecond();
        await().atMost(Duration.ofSeconds(120)).until(() -> a.output().contains("Poll planning:")
                || b.output().contains("Poll planning:"));
        Instance leader = a.output().contains("Poll planning:") ? a : b;
        Instance standby = leader == a ? b : a;

        // ---- the leader alone runs the poller and the schedules
        await().atMost(Duration.ofSeconds(120)).until(() -> everyRacePolledAtLeast(leader, POLLS_PER_RACE)
                && !bed.requests(leader, "meetings").isEmpty());
        assertThat(tab.requests()).as("every TAB request came from the leader").isNotEmpty()
                .allSatisfy(r -> assertThat(r.partnerId()).isEqualTo(leader.name()));
        assertThat(leader.output()).contains("Leadership taken");
        assertEveryRacePlanned(leader);
        String standingBy = standby.output();
        assertThat(standingBy).contains(" started: store ", "high availability on (" + clusterService.split(" ")[0]);
        assertThat(standingBy).doesNotContain("Leadership taken", "Poll planning", "RacePolling - Polled",
                "TAB listed", "ERROR");
        // ... while the standby serves health and readiness
        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + standby.jar().managementPort() + "/observe/health/ready")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);

        // ---- SIGKILL the leader between two bursts of polls, once everything it polled is stored (a poll killed
        // half-way may rightly be made again: that is not what this test is about)
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> bed.quiet(leader));
        Instant lastPollOfOldLeader = bed.requests(leader, "events/").stream().map(RecordingTabProxy.Request::at)
                .max(Comparator.naturalOrder()).orElseThrow();
        Instant killedAt = Instant.now();
        leader.kill();
        assertThat(leader.process().exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);

        // ---- the standby takes over within 10 s: leadership, and the polling plan rebuilt from the store
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> standby.output().contains("Poll planning:"));
        Duration planRebuilt = Duration.between(killedAt, Instant.now());
        Duration leadership = Duration.between(killedAt, loggedAt(standby.output(), "Leadership taken"));
        System.out.printf("HA %s: leader %s killed %d ms after its last poll; standby leader after %d ms (log), "
                + "plan rebuilt after %d ms (seen)%n", clusterService, leader.name(),
                Duration.between(lastPollOfOldLeader, killedAt).toMillis(), leadership.toMillis(),
                planRebuilt.toMillis());
        assertThat(planRebuilt).as("takeover time (kill to the new leader's plan)")
                .isLessThanOrEqualTo(TAKEOVER_LIMIT);
        assertEveryRacePlanned(standby);

        // ---- the new leader polls and runs the schedules from now on
        await().atMost(Duration.ofSeconds(120)).until(() -> everyRacePolledAtLeast(standby, POLLS_PER_RACE)
                && !bed.requests(standby, "meetings").isEmpty());
        Instant firstPollOfNewLeader = bed.requests(standby, "events/").get(0).at();
        System.out.printf("HA %s: new leader's first poll %d ms after the kill%n", clusterService,
                Duration.between(killedAt, firstPollOfNewLeader).toMillis());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> bed.quiet(standby));
        standby.stop();

        assertThat(leader.output()).doesNotContain("ERROR");
        assertThat(standby.output()).doesNotContain("ERROR");
        List<RecordingTabProxy.Request> all = tab.requests();
        assertThat(all).allSatisfy(r -> assertThat(r.partnerId())
                .isEqualTo(r.at().isBefore(killedAt) ? leader.name() : standby.name()));
        for (SimulatedRace race : races) {
            assertCarriesOnTheGrid(race, leader, standby);
        }
        assertStoreCountsEveryPollOfBoth(races, leader, standby);
    }

    /**
     * The polls of a race, by both instances, fall on consecutive points of its 15 s grid: the slot of a poll is the
     * latest grid point at or before the moment TAB received it (the dispatcher sends a poll at its planned grid
     * point, never before, and the simulator answers at once), so two polls in one slot are a double poll and a
     * slot with none is a skipped one. The killed leader's last poll is followed by the new leader's first poll in
     * the very next slot: the new leader continued from the store's last poll time rather than polling every race
     * as soon as it took over (the leader was killed 0.3-3 s after its last burst and the takeover takes under
     * 10 s, so an immediate poll would fall in the old leader's last slot). Left out: the first poll of each race
     * after the first leader started, made at once off the grid by design.
     */
    private void assertCarriesOnTheGrid(SimulatedRace race, Instance oldLeader, Instance newLeader) {
        Instant start = race.originalAdvertisedStart();
        List<RecordingTabProxy.Request> polls = bed.assertPollsOnConsecutiveGridPoints(race);
        Instant lastOld = polls.stream().filter(p -> p.partnerId().equals(oldLeader.name()))
                .map(RecordingTabProxy.Request::at).max(Comparator.naturalOrder()).orElseThrow();
        Instant firstNew = polls.stream().filter(p -> p.partnerId().equals(newLeader.name()))
                .map(RecordingTabProxy.Request::at).min(Comparator.naturalOrder()).orElseThrow();
        assertThat(slotOf(start, firstNew))
                .as("race %s: new leader's first poll at %s after the old leader's last at %s", race.id(), firstNew,
                        lastOld)
                .isEqualTo(slotOf(start, lastOld).plus(CADENCE));
    }

    /**
     * The store went on counting: the new leader took each race's poll counts over from the store, so they add up
     * the polls (and missed slots) of both leaders; the failover itself missed no slot. (A slot can be counted missed
     * before the kill: when the first leader's first poll of a race, made at once at startup, is still running at the
     * next grid point a few milliseconds later, the schedule counts that grid point as missed.)
     */
    private void assertStoreCountsEveryPollOfBoth(List<SimulatedRace> races, Instance oldLeader, Instance newLeader)
            throws IOException {
        try (SqliteRaceStore store = SqliteRaceStore.open(bed.sharedDatabase(), Clock.systemUTC())) {
            for (SimulatedRace race : races) {
                Document stored = store.get(RaceDaySchema.RACES, race.id()).orElseThrow();
                long old = polledLines(oldLeader.output(), race.id());
                long fresh = polledLines(newLeader.output(), race.id());
                long missedBefore = missedLines(oldLeader, race.id());
                assertThat(old).isPositive();
                assertThat(fresh).isPositive();
                assertThat(missedLines(newLeader, race.id())).as("race %s slots missed by the new leader", race.id())
                        .isZero();
                assertThat(stored.getLong("pollsMade")).as("race %s polls made", race.id()).isEqualTo(old + fresh);
                assertThat(stored.getLong("pollsMissed")).as("race %s polls missed", race.id()).isEqualTo(missedBefore);
                assertThat(stored.getLong("pollsPlanned")).as("race %s polls planned", race.id())
                        .isEqualTo(old + fresh + missedBefore);
                Instant lastRequest = bed.requests(newLeader, "events/" + race.id()).stream()
                        .map(RecordingTabProxy.Request::at).max(Comparator.naturalOrder()).orElseThrow();
                assertThat(StoredTimes.parse(stored.getString("last_poll_time"))).isAfterOrEqualTo(lastRequest);
            }
        }
    }

    private boolean everyRacePolledAtLeast(Instance instance, int polls) {
        return day.importedRaces().stream().allMatch(r -> bed.requests(instance, "events/" + r.id()).size() >= polls);
    }

    /**
     * The instance planned every race from the store (the startup planner and the minute's Quartz planner may share
     * the work when leadership comes just before a whole minute).
     */
    private void assertEveryRacePlanned(Instance instance) throws IOException {
        String output = instance.output();
        for (SimulatedRace race : day.importedRaces()) {
            assertThat(output).contains("Race " + race.id() + " planned for polling: starts "
                    + StoredTimes.format(race.originalAdvertisedStart()) + ", Open");
        }
    }

    private static long missedLines(Instance instance, String raceId) throws IOException {
        return instance.output().lines().filter(l -> l.contains("Poll of race " + raceId + " planned for ")).count();
    }

    /** When the first line containing the text was logged (log times are local). */
    private static Instant loggedAt(String output, String text) {
        String line = output.lines().filter(l -> l.contains(text)).findFirst().orElseThrow();
        return LocalDateTime.parse(line.substring(0, 23), LOG_TIME).atZone(ZoneId.systemDefault()).toInstant();
    }
}
