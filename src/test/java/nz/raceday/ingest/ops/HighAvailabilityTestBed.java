package nz.raceday.ingest.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import nz.raceday.ingest.simulator.SimulatedDay;
import nz.raceday.ingest.simulator.SimulatedRace;
import nz.raceday.ingest.simulator.SimulatorSettings;
import nz.raceday.ingest.simulator.TabSimulatorServer;
import nz.raceday.ingest.testsupport.JarRunner;
import nz.raceday.ingest.testsupport.RecordingTabProxy;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;

/**
 * What the high-availability ITs run on: two {@code java -jar} services, each with its own working directory,
 * management port and TAB partner id, both with high availability on and one SQLite store (the first one's
 * database), in front of a simulated TAB (the day made from the IT's settings, now, on the system clock) behind a
 * {@link RecordingTabProxy} that attributes every TAB request to a service by its partner id. Leadership goes by the
 * cluster service the IT picks: {@link #useSharedFileLock} or {@link #useZooKeeper} (curator-test's embedded
 * server). The IT calls {@link #tearDown} after each test: it kills what still runs and keeps both services' logs.
 */
final class HighAvailabilityTestBed {

    /** The races' polling grid (race-poller.cadence=60m:15s): every race on one 15 s grid anchored at its start. */
    static final Duration CADENCE = Duration.ofSeconds(15);

    private final SimulatedDay day;
    private final TabSimulatorServer simulator;
    private final RecordingTabProxy tab;
    private final JarRunner first = new JarRunner();
    private final JarRunner second = new JarRunner();
    private final String firstPartner;
    private final String secondPartner;
    private final List<Process> processes = new ArrayList<>();
    private TestingServer zooKeeper;

    /** One running service: its name (its partner id), runner and process. */
    record Instance(String name, JarRunner jar, JarRunner.Started started) {

        /** Everything the service has logged so far. */
        String output() throws IOException {
            return started.outputSoFar();
        }

        Process process() {
            return started.process();
        }

        /** SIGKILL: no shutdown hook, no lock released by Camel, no ZooKeeper session closed. */
        void kill() throws InterruptedException {
            process().destroyForcibly();
            assertThat(process().waitFor(10, TimeUnit.SECONDS)).isTrue();
        }

        /** SIGTERM, as an operator stops the service: it shuts down within 60 s. */
        void stop() throws InterruptedException {
            process().destroy();
            assertThat(process().waitFor(60, TimeUnit.SECONDS)).as("%s stopped within 60 s", name).isTrue();
        }

        /** Sends a signal by name ({@code STOP}, {@code CONT}). */
        void signal(String signal) throws IOException, InterruptedException {
            HighAvailabilityTestBed.signal(process(), signal);
        }
    }

    HighAvailabilityTestBed(SimulatorSettings settings, String firstPartner, String secondPartner) {
        this.day = SimulatedDay.create(settings, Instant.now());
        this.simulator = TabSimulatorServer.start(day, settings, Clock.systemUTC(), 0);
        this.tab = new RecordingTabProxy(simulator.baseUrl());
        this.firstPartner = firstPartner;
        this.secondPartner = secondPartner;
        for (JarRunner jar : List.of(first, second)) {
            jar.env("TAB_BASE_URL", tab.baseUrl())
                    .env("RACEDAY_DB_PATH", sharedDatabase().toString())
                    .env("HA_ENABLED", "true")
                    .env("TAB_PARTNER_ID", jar == first ? firstPartner : secondPartner)
                    .jvmOption("-Xmx256m")
                    .jvmOption("-Drace-poller.cadence=60m:15s");
        }
    }

    SimulatedDay day() {
        return day;
    }

    RecordingTabProxy tab() {
        return tab;
    }

    /** The one store of both services: the first runner's database. */
    Path sharedDatabase() {
        return first.database();
    }

    /** Configures both services the same way (the schedules an IT wants, say). */
    void configureBoth(Consumer<JarRunner> configuration) {
        configuration.accept(first);
        configuration.accept(second);
    }

    /** Leadership by the default file-lock cluster service, on a directory both services share. */
    void useSharedFileLock() {
        Path lockDirectory = first.workDir().resolve("shared-ha");
        configureBoth(jar -> jar.env("HA_FILE_LOCK_DIRECTORY", lockDirectory.toString())
                .jvmOption("-Dha.file-lock.acquire-interval=1000ms"));
    }

    /** Leadership by ZooKeeper: starts curator-test's embedded server and points both services at it. */
    void useZooKeeper() throws Exception {
        // tick 500 ms: the server accepts session timeouts of 1 to 10 s and expires sessions within half a second
        zooKeeper = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, 500, -1), true);
        String nodes = zooKeeper.getConnectString();
        configureBoth(jar -> jar.env("HA_CLUSTER_SERVICE", "zookeeper")
                .env("HA_ZOOKEEPER_NODES", nodes)
                // the dead leader's ephemeral node goes when its session expires: the takeover time
                .jvmOption("-Dha.zookeeper.session-timeout=4000ms")
                // below the session timeout, as Curator wants
                .jvmOption("-Dha.zookeeper.connect-timeout=3000ms"));
    }

    /** Imports the simulated day into the shared store with the first jar, then forgets the import's TAB requests. */
    JarRunner.Run importTheDay() throws Exception {
        JarRunner.Run imported = first.run("import", "--date", day.racingDay().toString());
        assertThat(imported.exitCode()).as(imported.output()).isZero();
        tab.clear();
        return imported;
    }

    /** Starts the first service (in the background; {@link #tearDown} kills it if it still runs). */
    Instance startFirst() throws IOException {
        return start(first, firstPartner);
    }

    /** Starts the second service (in the background; {@link #tearDown} kills it if it still runs). */
    Instance startSecond() throws IOException {
        return start(second, secondPartner);
    }

    private Instance start(JarRunner jar, String name) throws IOException {
        JarRunner.Started started = jar.start();
        processes.add(started.process());
        return new Instance(name, jar, started);
    }

    /** The instance's TAB requests whose resource starts with the prefix ({@code events/} for polls), in order. */
    List<RecordingTabProxy.Request> requests(Instance instance, String resourcePrefix) {
        return tab.requests().stream().filter(r -> instance.name().equals(r.partnerId())
                && r.resource().startsWith(resourcePrefix)).toList();
    }

    /**
     * Between two bursts: the instance's last poll reached TAB 0.3 to 3 s ago (the next burst is 12 s or more
     * away) and every poll it sent is stored (its "Polled" line comes after the store's commit).
     */
    boolean quiet(Instance instance) throws IOException {
        List<RecordingTabProxy.Request> polls = requests(instance, "events/");
        if (polls.isEmpty()) {
            return false;
        }
        Duration since = Duration.between(polls.get(polls.size() - 1).at(), Instant.now());
        if (since.compareTo(Duration.ofMillis(300)) < 0 || since.compareTo(Duration.ofSeconds(3)) > 0) {
            return false;
        }
        String output = instance.output();
        for (SimulatedRace race : day.importedRaces()) {
            if (polledLines(output, race.id()) != requests(instance, "events/" + race.id()).size()) {
                return false;
            }
        }
        return true;
    }

    /** How many polls of the race a service's output logs as made (and stored). */
    static long polledLines(String output, String raceId) {
        return output.lines().filter(l -> l.contains("RacePolling - Polled ") && l.contains("(" + raceId + ")"))
                .count();
    }

    /**
     * Checks the race's polls by both services and returns them in arrival order: all made before the race's start,
     * while it was Open, and all but the first on consecutive points of its 15 s grid (the slot of a poll is the
     * latest grid point at or before the moment TAB received it), so no slot was polled twice or skipped. Left out:
     * the first poll, made at once when the first leader started, off the grid by design.
     */
    List<RecordingTabProxy.Request> assertPollsOnConsecutiveGridPoints(SimulatedRace race) {
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
        return polls;
    }

    /** The latest point of the race's 15 s grid at or before {@code at}. */
    static Instant slotOf(Instant start, Instant at) {
        long before = Duration.between(at, start).toMillis();
        long steps = (before + CADENCE.toMillis() - 1) / CADENCE.toMillis();
        return start.minus(CADENCE.multipliedBy(steps));
    }

    /**
     * Kills the services that still run (resumed first, should one be stopped), keeps both services' logs in
     * {@code target/ha-it-logs/<logPrefix>-<partner id>.txt} for a look after a failure (they outlive the working
     * directories), and closes the TAB, ZooKeeper and the working directories.
     */
    void tearDown(String logPrefix) throws Exception {
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
                Files.copy(output, logs.resolve(logPrefix + "-" + (jar == first ? firstPartner : secondPartner)
                        + ".txt"), StandardCopyOption.REPLACE_EXISTING);
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

    private static void signal(Process process, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).as("kill -%s", signal).isZero();
    }
}
