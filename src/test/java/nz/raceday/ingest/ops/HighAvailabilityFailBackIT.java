package nz.raceday.ingest.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import nz.raceday.ingest.ops.HighAvailabilityTestBed.Instance;
import nz.raceday.ingest.polling.PollDocuments;
import nz.raceday.ingest.simulator.SimulatedDay;
import nz.raceday.ingest.simulator.SimulatedRace;
import nz.raceday.ingest.simulator.SimulatorSettings;
import nz.raceday.ingest.simulator.Special;
import nz.raceday.ingest.store.Document;
import nz.raceday.ingest.store.DocumentQuery;
import nz.raceday.ingest.store.StoredTimes;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import nz.raceday.ingest.store.sqlite.SqliteRaceStore;
import nz.raceday.ingest.testsupport.RecordingTabProxy;
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

    private static final String A = "partner-a";
    private static final String B = "partner-b";
    private static final String LEADERSHIP_LOST = "Leadership lost: polling stops here; plan and race memory dropped";
    private static final String REJOINED = "back in the leader election";

    // 6 races starting 5.5 to 6.75 minutes from now, 15 s apart: every race's 15 s grid points coincide, so polls
    // come in bursts 15 s apart; the whole test polls before the first start (checked), and races this close get no
    // moved start (checked). The first polls fall in bucket 5, later ones in buckets 4 and 3.
    private final HighAvailabilityTestBed bed = new HighAvailabilityTestBed(SimulatorSettings.builder().meetings(2)
            .otherMeetings(0).racesPerMeeting(3).firstStart(Duration.ofSeconds(330)).spacing(Duration.ofSeconds(15))
            .build(), A, B);
    private final SimulatedDay day = bed.day();
    private final RecordingTabProxy tab = bed.tab();

    @AfterEach
    void cleanUp() throws Exception {
        bed.tearDown("failBack");
    }

    @Test
    void shouldFailOverAndBackWithMemoryThatMatchesTheStore() throws Exception {
        List<SimulatedRace> races = day.importedRaces();
        assertThat(races).hasSize(6)
                .allSatisfy(r -> assertThat(r.special()).isNotEqualTo(Optional.of(Special.MOVED_START)));
        bed.useZooKeeper();
        bed.configureBoth(jar -> jar.env("DAILY_MEETINGS_ENABLED", "false")
                .env("DAILY_RACES_ENABLED", "false")
                .env("DAILY_ENTRANTS_ENABLED", "false"));
        bed.importTheDay();

        // ---- A leads: start it alone until it plans, then start B, the standby
        Instance a = bed.startFirst();
        await().atMost(Duration.ofSeconds(120)).until(() -> a.output().contains("Poll planning:"));
        Instance b = bed.startSecond();
        await().atMost(Duration.ofSeconds(120)).until(() -> b.output().contains("high availability on (zookeeper")
                && everyRacePolledSince(a, Instant.EPOCH, 2));

        // ---- SIGSTOP A between two bursts, everything it polled stored: B takes over when A's session expires
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> bed.quiet(a));
        Instant frozenAt = Instant.now();
        a.signal("STOP");
        await().atMost(Duration.ofSeconds(60)).until(() -> b.output().contains("Poll planning:"));
        await().atMost(Duration.ofSeconds(120)).until(() -> everyRacePolledSince(b, frozenAt, 2));

        // ---- SIGCONT A: it finds its session expired, drops plan, memory and leadership, and rejoins the election
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> bed.quiet(b));
        int aOutputBeforeResume = a.output().length();
        Instant resumedAt = Instant.now();
        a.signal("CONT");
        await().atMost(Duration.ofSeconds(60)).until(() -> a.output().substring(aOutputBeforeResume)
                .contains(LEADERSHIP_LOST) && a.output().substring(aOutputBeforeResume).contains(REJOINED));
        // B goes on polling while A stands by
        await().atMost(Duration.ofSeconds(120)).until(() -> everyRacePolledSince(b, resumedAt, 2));

        // ---- SIGKILL B between two bursts: A leads again
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> bed.quiet(b));
        int aOutputBeforeKill = a.output().length();
        Instant killedAt = Instant.now();
        b.kill();
        await().atMost(Duration.ofSeconds(60)).until(() -> a.output().substring(aOutputBeforeKill)
                .contains("Poll planning:"));
        await().atMost(Duration.ofSeconds(120)).until(() -> everyRacePolledSince(a, killedAt, 2));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> bed.quiet(a));
        a.stop();
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

        try (SqliteRaceStore store = SqliteRaceStore.open(bed.sharedDatabase(), Clock.systemUTC())) {
            int measuredAgainstB = 0;
            for (SimulatedRace race : races) {
                // no slot polled twice or skipped through either change of leader
                bed.assertPollsOnConsecutiveGridPoints(race);
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

    private List<RecordingTabProxy.Request> polls(Instance instance, Instant since) {
        return bed.requests(instance, "events/").stream().filter(r -> !r.at().isBefore(since)).toList();
    }

    private boolean everyRacePolledSince(Instance instance, Instant since, int count) {
        List<RecordingTabProxy.Request> polls = polls(instance, since);
        return day.importedRaces().stream()
                .allMatch(r -> polls.stream().filter(p -> p.resource().equals("events/" + r.id())).count() >= count);
    }
}
