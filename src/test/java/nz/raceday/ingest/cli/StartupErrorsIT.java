package nz.raceday.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import nz.raceday.ingest.testsupport.JarRunner;
import nz.raceday.ingest.testsupport.JarRunner.Run;
import nz.raceday.ingest.testsupport.TabTestServer;
import nz.raceday.ingest.testsupport.TabFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A wrong setting or a start-up that cannot succeed ends with exit 2 and one line on stderr that names what to fix,
 * never a stack trace, and before any request or write (README "Configuration").
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class StartupErrorsIT {

    /** Exit 2, exactly one stderr line naming the setting, no stack trace anywhere, no JSON summary. */
    private static void assertRejected(Run run, String setting) {
        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(run.stderr()).as(run.output()).hasSize(1);
        assertThat(run.stderr().get(0)).startsWith("raceday-ingest: ").contains(setting);
        assertThat(run.output()).doesNotContain("\tat ", "Caused by");
        assertThat(run.stdout()).noneMatch(line -> line.startsWith("{"));
    }

    @Test
    void shouldNameTabBaseUrlWhenItIsNoUrl() throws Exception {
        try (JarRunner jar = new JarRunner().env("TAB_BASE_URL", "notaurl")) {
            Run run = jar.run("import", "--date", "2025-07-17");

            assertRejected(run, "TAB_BASE_URL");
            assertThat(run.stderr().get(0)).contains("'notaurl'");
            assertThat(jar.database()).doesNotExist();
        }
    }

    @Test
    void shouldNameATimeSettingThatIsNoDuration() throws Exception {
        try (JarRunner jar = new JarRunner().jvmOption("-Dtab.retry.initial-delay=soon")) {
            Run run = jar.run("import", "--date", "2025-07-17");

            assertRejected(run, "tab.retry.initial-delay = soon is not a duration");
            assertThat(jar.database()).doesNotExist();
        }
    }

    @Test
    void shouldNameTheDatabasePathWhenItCannotBeWritten() throws Exception {
        try (JarRunner jar = new JarRunner().env("RACEDAY_DB_PATH", "/proc/x.db")) {
            assertRejected(jar.run("import", "--date", "2025-07-17"), "RACEDAY_DB_PATH");
        }
    }

    @Test
    void shouldSayWhereToStartFromWhenThereIsNoRoutesDirectory() throws Exception {
        try (JarRunner jar = new JarRunner()) {
            deleteRecursively(jar.workDir().resolve("routes"));

            Run run = jar.run("import", "--date", "2025-07-17");

            assertRejected(run, "routes/");
            assertThat(run.stderr().get(0)).contains("application.properties");
        }
    }

    @Test
    void shouldStopTheServiceWhenItsManagementPortIsTaken() throws Exception {
        try (JarRunner jar = new JarRunner(); ServerSocket other = takePort(jar.managementPort())) {
            assertRejected(jar.run(), "MANAGEMENT_PORT=" + jar.managementPort());
        }
    }

    @Test
    void shouldStopSimulateWhenItsPortIsTaken() throws Exception {
        try (JarRunner jar = new JarRunner(); ServerSocket other = takePort(0)) {
            Run run = jar.run("simulate", "--api-only", "--port", Integer.toString(other.getLocalPort()));

            assertRejected(run, "--port " + other.getLocalPort());
        }
    }

    @Test
    void shouldRejectAPollOfSomethingThatIsNoEventIdBeforeAnyRequest() throws Exception {
        try (TabTestServer tab = new TabTestServer(new TabFixtures());
                JarRunner jar = new JarRunner().env("TAB_BASE_URL", tab.baseUrl())) {
            Run run = jar.run("poll", "--race", "not-a-uuid");

            assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
            assertThat(run.stderr().get(0)).isEqualTo("raceday-ingest: --race needs a TAB event id, a UUID such as "
                    + "0f57e087-00d9-4c61-9549-835abe2ae2ed, got 'not-a-uuid'");
            assertThat(run.output()).doesNotContain("\tat ");
            assertThat(tab.requests()).isEmpty();
            assertThat(jar.database()).doesNotExist();
        }
    }

    private static ServerSocket takePort(int port) throws IOException {
        return new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
