package nz.raceday.ingest.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import nz.raceday.ingest.simulator.SimulatedDay;
import nz.raceday.ingest.simulator.SimulatedPayloads;
import nz.raceday.ingest.simulator.SimulatedRace;
import nz.raceday.ingest.simulator.SimulatorSettings;
import nz.raceday.ingest.tab.TabPayloadParser;
import nz.raceday.ingest.tab.model.EventDetail;
import nz.raceday.ingest.testsupport.TabFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Benchmark, not a test (it asserts nothing about time): how long {@link TabPayloadParser#parseEvent} takes per event
 * and how much it allocates, for the recorded event (410 KB, Awapuni R1 at Final) and for a simulated 12-runner
 * event at T-3 min with 12 form entries per runner (the ~216 KB events of the simulated-day benchmarks). Each case is
 * warmed up for {@code raceday.benchmark.warmup-s} seconds (default 5), then timed in 10 rounds of 1 s; the
 * per-event time of each round is reported as min / median / max. Run with {@code bench/parse-benchmark.sh}.
 */
@EnabledIfSystemProperty(named = "raceday.benchmark", matches = "true")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class EventParseBenchmark {

    private static final Duration WARMUP = Duration.ofSeconds(Long.getLong("raceday.benchmark.warmup-s", 5));
    private static final Duration ROUND = Duration.ofSeconds(1);
    private static final int ROUNDS = 10;

    private final TabParserHarness parser = new TabParserHarness();

    @Test
    void parseTimePerEvent() throws Exception {
        byte[] recorded = TabFixtures.read("event-0f57e087-awapuni-r1-final-2025-07-17.json");
        measure("recorded event", recorded, TabFixtures.RECORDED_EVENT_ID);

        SimulatorSettings settings = SimulatorSettings.defaults().toBuilder().meetings(1).otherMeetings(0)
                .racesPerMeeting(1).runnersPerRace(12).formDepth(12).firstStart(Duration.ofMinutes(10)).seed(42)
                .build();
        SimulatedDay day = SimulatedDay.create(settings, Instant.parse("2026-11-22T00:00:00Z"));
        SimulatedRace race = day.importedRaces().get(0);
        byte[] simulated = new SimulatedPayloads(day).event(race.id(),
                "with_money_tracker=true&with_tote_trends_data=true&with_will_pays=true",
                race.originalAdvertisedStart().minus(Duration.ofMinutes(3))).body();
        measure("simulated event", simulated, race.id());
        System.out.println("load average (1, 5, 15 min) at the end: "
                + Files.readString(Path.of("/proc/loadavg")).trim());
    }

    private void measure(String name, byte[] body, String raceId) {
        long coldStart = System.nanoTime();
        parser.parse(body, raceId);
        double coldMillis = (System.nanoTime() - coldStart) / 1e6;

        long warmupEnd = System.nanoTime() + WARMUP.toNanos();
        while (System.nanoTime() < warmupEnd) {
            parser.parse(body, raceId);
        }
        List<Double> perEvent = new ArrayList<>();
        long events = 0;
        long allocatedBefore = allocatedBytes();
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            long end = start + ROUND.toNanos();
            int count = 0;
            long now;
            do {
                parser.parse(body, raceId);
                count++;
                now = System.nanoTime();
            } while (now < end);
            perEvent.add((now - start) / 1e6 / count);
            events += count;
        }
        long allocated = (allocatedBytes() - allocatedBefore) / events;
        Collections.sort(perEvent);
        System.out.printf(Locale.ROOT, "%s (%d KB): parse min %.3f / median %.3f / max %.3f ms per event over %d "
                + "rounds of %d s (%d events); %d KB allocated per event; first (cold) parse %.1f ms%n", name,
                body.length / 1024, perEvent.get(0), (perEvent.get(ROUNDS / 2 - 1) + perEvent.get(ROUNDS / 2)) / 2,
                perEvent.get(ROUNDS - 1), ROUNDS, ROUND.toSeconds(), events, allocated / 1024, coldMillis);
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** The parser under test, with a sink for its results so the JIT cannot drop the work. */
    private static final class TabParserHarness {

        private final TabPayloadParser parser = new TabPayloadParser();
        private long sink;

        void parse(byte[] body, String raceId) {
            EventDetail event = parser.parseEvent(body, raceId);
            sink += event.runners().size() + (event.moneyTracker() == null ? 0 : event.moneyTracker().size());
            if (sink == Long.MIN_VALUE) {
                System.out.println(sink);
            }
        }
    }
}
