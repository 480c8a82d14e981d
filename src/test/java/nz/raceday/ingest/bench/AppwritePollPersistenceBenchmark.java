package nz.raceday.ingest.bench;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import nz.raceday.ingest.mapping.RaceDayDocuments;
import nz.raceday.ingest.polling.PollDocuments;
import nz.raceday.ingest.polling.PollSlot;
import nz.raceday.ingest.polling.PollingCadence;
import nz.raceday.ingest.polling.RacePolling;
import nz.raceday.ingest.simulator.SimulatedDay;
import nz.raceday.ingest.simulator.SimulatedPayloads;
import nz.raceday.ingest.simulator.SimulatedRace;
import nz.raceday.ingest.simulator.SimulatorSettings;
import nz.raceday.ingest.store.ForwardingRaceStore;
import nz.raceday.ingest.store.WriteBatch;
import nz.raceday.ingest.store.WriteOutcome;
import nz.raceday.ingest.store.WriteResult;
import nz.raceday.ingest.store.appwrite.AppwriteRaceStore;
import nz.raceday.ingest.store.buffer.BufferingRaceStore;
import nz.raceday.ingest.store.appwrite.AppwriteTestStores;
import nz.raceday.ingest.tab.TabPayloadParser;
import nz.raceday.ingest.testsupport.MutableClock;
import nz.raceday.ingest.testsupport.appwrite.AppwriteTestServer;
import nz.raceday.ingest.testsupport.appwrite.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Benchmark, not a test (it asserts nothing about time): what it costs to persist the polls of one simulated 12-runner
 * race through the Appwrite store to the Appwrite 1.6 test server answering every request after 20 ms, and how fast
 * the outbox drains after an outage. Run with {@code bench/appwrite-benchmark.sh}; results go to stdout.
 */
@EnabledIfSystemProperty(named = "raceday.benchmark", matches = "true")
// a benchmark run outlasts the suite-wide per-test timeout (junit-platform.properties)
@org.junit.jupiter.api.Timeout(value = 20, unit = java.util.concurrent.TimeUnit.MINUTES)
class AppwritePollPersistenceBenchmark {

    private static final Duration LATENCY = Duration.ofMillis(Long.getLong("raceday.benchmark.latency-ms", 20));

    @Test
    void persistOnePollOfA12RunnerRace() throws Exception {
        SimulatorSettings settings = SimulatorSettings.defaults().toBuilder().meetings(1).otherMeetings(0)
                .racesPerMeeting(2).runnersPerRace(12).firstStart(Duration.ofMinutes(12)).spacing(Duration.ofMinutes(30))
                .seed(42).build();
        MutableClock clock = new MutableClock(Instant.parse("2026-11-22T00:00:00Z"));
        SimulatedDay day = SimulatedDay.create(settings, clock.instant());
        SimulatedPayloads payloads = new SimulatedPayloads(day);
        SimulatedRace race = day.importedRaces().get(0);
        // the outage phase follows a second race, 30 minutes later, polled live (its history in memory) throughout
        SimulatedRace outageRace = day.importedRaces().get(1);
        Path dir = Files.createTempDirectory("appwrite-bench");

        try (AppwriteTestServer server = AppwriteTestServer.builder().clock(clock).start();
                BufferingRaceStore appwrite = AppwriteTestStores.open(server, dir.resolve("outbox.db"), clock)) {
            server.setLatency(LATENCY);
            TimedStore store = new TimedStore(appwrite);
            RacePolling polling = new RacePolling(store, new TabPayloadParser(),
                    new PollDocuments(new RaceDayDocuments()), PollingCadence.defaults(), clock);

            // warm: live polling as the service does it, the race planned and polled slot by slot (1 min from T-10,
            // 15 s from T-5, 30 s while Closed/Interim) with its history in memory; the first two polls create the
            // race, its meeting and the runners and are left out
            poll(polling, payloads, race, clock, tenMinutesBefore(race));
            polling.planFromStore();
            followSchedule(polling, payloads, race, clock, 1);
            store.reset();
            followSchedule(polling, payloads, race, clock, Integer.MAX_VALUE);
            report("warm (live polling: the store remembers what it wrote, the poller the race's history)", store);

            store.reset();
            Instant afterFinal = clock.instant();
            for (int i = 0; i < 10; i++) {
                AppwriteTestStores.adapter(appwrite).forgetRememberedDocuments();
                clock.set(afterFinal.plusSeconds(15L * (i + 1)));
                poll(polling, payloads, race, clock, clock.instant());
            }
            report("cold (after a restart: every poll starts with nothing remembered)", store);

            // the outbox: a second race polled live to Final while Appwrite is down (its first two polls, with
            // Appwrite up, create it and load its history: a race whose history cannot be read fails its polls
            // rather than guess)
            poll(polling, payloads, outageRace, clock, tenMinutesBefore(outageRace));
            polling.planFromStore();
            followSchedule(polling, payloads, outageRace, clock, 1);
            server.startOutage(Fault.htmlError(503));
            int outagePolls = followSchedule(polling, payloads, outageRace, clock, Integer.MAX_VALUE);
            long depth = appwrite.outboxDepth();
            long requestsBefore = store.appwrite.requestCount();
            server.recover();
            long started = System.nanoTime();
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(10))
                    .until(() -> appwrite.outboxDepth() == 0);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("outbox drain: %d polls queued %d batches (%d writes); drained in %.2f s = %.1f batches/s,"
                    + " %d requests%n", outagePolls, depth, store.queuedWrites, seconds, depth / seconds, store.appwrite.requestCount() - requestsBefore);
        }
    }

    /** Polls the race at its planned slots until polling of it ends or {@code limit} polls were made. */
    private static int followSchedule(RacePolling polling, SimulatedPayloads payloads, SimulatedRace race,
            MutableClock clock, int limit) {
        int made = 0;
        while (made < limit) {
            Optional<Instant> next = polling.schedule().nextPollOf(race.id());
            if (next.isEmpty()) {
                return made;
            }
            clock.set(next.get());
            for (PollSlot slot : polling.schedule().due(clock.instant()).polls()) {
                byte[] body = payloads.event(slot.raceId(), "with_money_tracker=true&with_tote_trends_data=true",
                        clock.instant()).body();
                RacePolling.PollOutcome outcome = polling.acceptPoll(slot, body);
                if (outcome.failure() != null) {
                    throw new IllegalStateException("poll failed: " + outcome.failure());
                }
                made++;
            }
        }
        return made;
    }

    private static Instant tenMinutesBefore(SimulatedRace race) {
        return race.originalAdvertisedStart().minus(Duration.ofMinutes(10));
    }

    private static void poll(RacePolling polling, SimulatedPayloads payloads, SimulatedRace race, MutableClock clock,
            Instant at) {
        clock.set(at);
        byte[] body = payloads.event(race.id(), "with_money_tracker=true&with_tote_trends_data=true", at).body();
        polling.acceptPoll(polling.adHocSlot(race.id()), body);
    }

    private static void report(String label, TimedStore store) {
        List<Long> micros = new ArrayList<>(store.applyMicros);
        Collections.sort(micros);
        List<Long> requests = new ArrayList<>(store.requestsPerApply);
        Collections.sort(requests);
        System.out.printf("%s: %d polls; store.apply ms p50 %.1f p99 %.1f max %.1f; requests per poll min %d median %d"
                + " max %d; by operation %s%n", label, micros.size(), pct(micros, 50) / 1000.0, pct(micros, 99) / 1000.0,
                micros.get(micros.size() - 1) / 1000.0, requests.get(0), requests.get(requests.size() / 2),
                requests.get(requests.size() - 1), store.byOperation());
    }

    private static long pct(List<Long> sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /** Times each batch and counts the Appwrite requests it cost. */
    private static final class TimedStore extends ForwardingRaceStore {
        final AppwriteRaceStore appwrite;
        final List<Long> applyMicros = new ArrayList<>();
        final List<Long> requestsPerApply = new ArrayList<>();
        Map<String, Long> startCounts;
        long queuedWrites;

        TimedStore(BufferingRaceStore buffered) {
            super(buffered);
            this.appwrite = AppwriteTestStores.adapter(buffered);
            reset();
        }

        void reset() {
            applyMicros.clear();
            requestsPerApply.clear();
            startCounts = appwrite.requestCounts();
        }

        Map<String, Long> byOperation() {
            Map<String, Long> delta = new TreeMap<>();
            appwrite.requestCounts().forEach((op, n) -> {
                long d = n - startCounts.getOrDefault(op, 0L);
                if (d > 0) {
                    delta.put(op, d);
                }
            });
            return delta;
        }

        @Override
        public WriteResult apply(WriteBatch batch) {
            long before = appwrite.requestCount();
            long started = System.nanoTime();
            WriteResult result = delegate.apply(batch);
            if (batch.size() > 1) {
                applyMicros.add((System.nanoTime() - started) / 1000);
                requestsPerApply.add(appwrite.requestCount() - before);
            }
            queuedWrites += result.count(WriteOutcome.QUEUED);
            return result;
        }

        @Override
        public void close() {
            // the benchmark closes the delegate
        }
    }
}
