package nz.raceday.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import org.HdrHistogram.Histogram;
import nz.raceday.ingest.journal.JournalEntry;
import nz.raceday.ingest.journal.JournalFormat;
import nz.raceday.ingest.journal.JournalReader;
import nz.raceday.ingest.journal.Replayer;
import nz.raceday.ingest.journal.ResponseJournal;
import nz.raceday.ingest.simulator.SimulatedDay;
import nz.raceday.ingest.simulator.SimulatorSettings;
import nz.raceday.ingest.simulator.TabSimulatorServer;
import nz.raceday.ingest.testsupport.RacedayRouteTestSupport;
import nz.raceday.ingest.testsupport.SimulatedDayDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Benchmark, not a test (it asserts nothing about time): a full simulated day (30 meetings x 10 races x 12 runners,
 * import and live polling to the last Final) with the journal on, then {@code replay --speed max} of its journal
 * into a fresh SQLite store. Prints the journal's size (gzip as written, and what other codecs would give for the
 * same distinct bodies), the append wait on the poll threads (p50/p99/max), and the replay's responses/s and
 * documents/s. Run: {@code mvn -q test -Dtest=JournalReplayBenchmark -Draceday.benchmark=true}.
 */
@EnabledIfSystemProperty(named = "raceday.benchmark", matches = "true")
@Timeout(value = 60, unit = TimeUnit.MINUTES)
class JournalReplayBenchmark extends RacedayRouteTestSupport {

    private final SimulatorSettings settings = SimulatorSettings.defaults().toBuilder()
            .meetings(Integer.getInteger("raceday.benchmark.meetings", 30)).otherMeetings(2).racesPerMeeting(10).runnersPerRace(12).formDepth(12).firstStart(Duration.ofMinutes(30)).seed(42).build();
    private final TabSimulatorServer simulator = simulateTabDay(settings);
    private final SimulatedDay day = simulator.day();

    @Override
    protected Map<String, String> testProperties() {
        Map<String, String> properties = super.testProperties();
        properties.put("camel.component.http.response-timeout", "30000");
        properties.put("camel.component.http.so-timeout", "30000");
        return properties;
    }

    @Test
    void journalCostsAndReplayThroughput() throws Exception {
        long liveStart = System.nanoTime();
        importDay(day.racingDay());
        new SimulatedDayDriver(context, template, clock, day).followTheDay();
        long liveMs = (System.nanoTime() - liveStart) / 1_000_000;
        ResponseJournal journal = context.getRegistry().lookupByNameAndType("responseJournal", ResponseJournal.class);
        journal.flush(Duration.ofMinutes(2));
        Histogram wait = journal.appendWaitMicros();
        Path segment = workDir.resolve("journal").resolve(JournalFormat.segmentName(day.racingDay()));
        JournalReader.Segment segmentRead = JournalReader.read(segment);
        long bodyBytes = segmentRead.entries().stream().mapToLong(JournalEntry::bodySize).sum();
        System.out.printf("live day: %d ms, %d responses journaled (%d dropped), %d distinct bodies%n", liveMs,
                segmentRead.entries().size(), journal.dropped(), segmentRead.distinctBodies());
        System.out.printf("journal: %.1f MB on disk for %.1f MB of bodies (%.1f MB distinct)%n", mb(Files.size(segment)),
                mb(bodyBytes), mb(distinctBytes(segmentRead)));
        System.out.printf("append wait on the calling thread (us): p50 %d, p99 %d, p99.9 %d, max %d, n %d%n",
                wait.getValueAtPercentile(50), wait.getValueAtPercentile(99), wait.getValueAtPercentile(99.9),
                wait.getMaxValue(), wait.getTotalCount());
        Histogram read = journal.bodyReadMicros();
        System.out.printf("body read into bytes in the step (us, moved from the parser): p50 %d, p99 %d, max %d%n",
                read.getValueAtPercentile(50), read.getValueAtPercentile(99), read.getMaxValue());
        codecs(segmentRead);

        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("raceday.db-path", workDir.resolve("replay.db").toString());
        overrides.put("camel.main.routes-reload-enabled", "false");
        Replayer.Summary summary = new ReplayCommand(day.racingDay(), workDir.resolve("journal"), Replayer.Speed.MAX,
                overrides).replay();
        long documents = summary.documents().values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("replay --speed max: %d responses, %d documents in %d ms: %.1f responses/s, %.1f "
                + "documents/s; problems %s%n", summary.responses(), documents, summary.durationMs(),
                summary.responses() * 1000.0 / summary.durationMs(), documents * 1000.0 / summary.durationMs(),
                summary.problems());
        System.out.println("documents per collection: " + summary.documents());
        System.out.println("load average (1, 5, 15 min) at the end: " + Files.readString(Path.of("/proc/loadavg")).trim());
    }

    private static long distinctBytes(JournalReader.Segment read) {
        Set<String> seen = new HashSet<>();
        return read.entries().stream().filter(e -> seen.add(e.bodySha256())).mapToLong(JournalEntry::bodySize).sum();
    }

    /** Each distinct body compressed on its own, as the journal does, with other codecs. */
    private static void codecs(JournalReader.Segment read) throws IOException, InterruptedException {
        Set<String> seen = new HashSet<>();
        long fast = 0;
        long best = 0;
        long zstd = 0;
        long zstdNanos = 0;
        long deflateNanos = 0;
        boolean zstdCli = Files.isExecutable(Path.of("/usr/bin/zstd"));
        int sample = 0;
        for (JournalEntry entry : read.entries()) {
            if (!seen.add(entry.bodySha256())) {
                continue;
            }
            byte[] body = entry.body().get();
            long t0 = System.nanoTime();
            fast += deflate(body, Deflater.BEST_SPEED);
            deflateNanos += System.nanoTime() - t0;
            best += deflate(body, Deflater.BEST_COMPRESSION);
            // the zstd CLI on every 10th body (a process per body): the ratio, scaled to all bodies
            if (zstdCli && sample++ % 10 == 0) {
                Path file = Files.createTempFile("body", ".json");
                Files.write(file, body);
                Process process = new ProcessBuilder("/usr/bin/zstd", "-3", "-q", "-c", file.toString())
                        .redirectErrorStream(false).start();
                long t1 = System.nanoTime();
                zstd += process.getInputStream().readAllBytes().length * 10L;
                process.waitFor();
                zstdNanos += System.nanoTime() - t1;
                Files.delete(file);
            }
        }
        System.out.printf("codecs for the distinct bodies: deflate level 1 %.1f MB (%d ms), level 9 %.1f MB, zstd -3 "
                + "%s%n", mb(fast), deflateNanos / 1_000_000, mb(best), zstdCli ? String.format("~%.1f MB (CLI, 1 in 10 "
                + "bodies, scaled)", mb(zstd)) : "not measured (no zstd)");
    }

    private static long deflate(byte[] body, int level) throws IOException {
        Deflater deflater = new Deflater(level, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream stream = new DeflaterOutputStream(out, deflater)) {
            stream.write(body);
        } finally {
            deflater.end();
        }
        return out.size();
    }

    private static double mb(long bytes) {
        return bytes / 1_000_000.0;
    }
}
