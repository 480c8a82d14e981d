package nz.raceday.ingest.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Runs {@code java -jar target/raceday-ingest.jar} as an operator does: from a working directory holding a copy of
 * {@code routes/} and {@code application.properties}, with configuration from environment variables.
 */
public final class JarRunner implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path workDir;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<String> jvmOptions = new ArrayList<>();

    /** What one run printed and returned. */
    public record Run(int exitCode, List<String> stdout, String output, List<String> stderr) {

        /** The last stdout line, parsed as JSON. */
        public JsonNode summary() throws IOException {
            return JSON.readTree(stdout.get(stdout.size() - 1));
        }
    }

    public JarRunner() {
        this.workDir = copyOfRepositoryConfiguration();
        environment.put("RACEDAY_DB_PATH", database().toString());
        // never the operator's default port: tests run beside each other and beside a running instance
        environment.put("MANAGEMENT_PORT", Integer.toString(freePort()));
    }

    /** The management server's port of the runs. */
    public int managementPort() {
        return Integer.parseInt(environment.get("MANAGEMENT_PORT"));
    }

    /** A TCP port free on loopback right now. */
    public static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path workDir() {
        return workDir;
    }

    /** The SQLite database the runs use (inside the working directory). */
    public Path database() {
        return workDir.resolve("data/raceday.db");
    }

    public JarRunner env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    public JarRunner jvmOption(String option) {
        jvmOptions.add(option);
        return this;
    }

    /** A jar started in the background (the service), with its combined output in a file. */
    public record Started(Process process, Path output) {

        public String outputSoFar() throws IOException {
            return Files.readString(output, StandardCharsets.UTF_8);
        }
    }

    /** Starts the jar without waiting for it; the caller stops the process. */
    public Started start(String... args) throws IOException {
        return startAs("service", args);
    }

    /** Like {@link #start}, with its output in {@code <name>-output.txt}: for two jars started from one runner. */
    public Started startAs(String name, String... args) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command(args)).directory(workDir.toFile());
        builder.environment().putAll(environment);
        Path output = workDir.resolve(name + "-output.txt");
        builder.redirectErrorStream(true).redirectOutput(output.toFile());
        return new Started(builder.start(), output);
    }

    private List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        return command;
    }

    public Run run(String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command(args)).directory(workDir.toFile());
        builder.environment().putAll(environment);
        Path stdout = workDir.resolve("stdout.txt");
        Path stderr = workDir.resolve("stderr.txt");
        builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        Process process = builder.start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("java -jar did not finish in 180 s");
        }
        List<String> out = Files.readAllLines(stdout, StandardCharsets.UTF_8);
        List<String> err = Files.readAllLines(stderr, StandardCharsets.UTF_8);
        String all = String.join("\n", out) + "\n" + Files.readString(stderr, StandardCharsets.UTF_8);
        return new Run(process.exitValue(), out, all, err);
    }

    /** Edits a file of the working copy, failing if the text to replace is not there. */
    public void replaceIn(String relativePath, String from, String to) throws IOException {
        Path file = workDir.resolve(relativePath);
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }

    private static Path jar() {
        Path jar = Path.of(System.getProperty("raceday.jar", "target/raceday-ingest.jar")).toAbsolutePath();
        assertThat(jar).as("run mvn package first").exists();
        return jar;
    }

    private static Path copyOfRepositoryConfiguration() {
        try {
            Path dir = Files.createTempDirectory("raceday-jar");
            Files.copy(Path.of("application.properties"), dir.resolve("application.properties"));
            Files.createDirectories(dir.resolve("routes"));
            try (Stream<Path> routes = Files.list(Path.of("routes"))) {
                for (Path route : routes.toList()) {
                    Files.copy(route, dir.resolve("routes").resolve(route.getFileName()),
                            StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> files = Files.walk(workDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
