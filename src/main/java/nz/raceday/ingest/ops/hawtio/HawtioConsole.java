package nz.raceday.ingest.ops.hawtio;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import jakarta.servlet.DispatcherType;

import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import nz.raceday.ingest.shared.ConfigurationProblem;

/**
 * Hawtio's war (bundled in the jar by the build, {@code hawtio/hawtio.war}) on an embedded Jetty bound to 127.0.0.1,
 * unpacked into a temporary directory with three changes (added files under {@code static/}, the paths Hawtio
 * serves without a login): a script that presets the connection to the app's Jolokia
 * and selects it, the Source tab's editor (Monaco, from {@code hawtio/monaco-editor.jar}) served from the console
 * instead of a CDN, and a filter that lets the proxy reach that one Jolokia only.
 */
final class HawtioConsole implements AutoCloseable {

    static final String CONTEXT_PATH = "/hawtio";
    /** The connection the console opens with (its id and name in the browser's storage). */
    static final String CONNECTION_ID = "raceday-ingest";
    private static final String WAR = "/hawtio/hawtio.war";
    private static final String MONACO = "/hawtio/monaco-editor.jar";
    /** Where the Hawtio build loads Monaco from; the version in the URL is the one Hawtio was built against. */
    private static final Pattern MONACO_CDN =
            Pattern.compile("https://cdn\\.jsdelivr\\.net/npm/monaco-editor@[0-9.]+/min/vs");
    private static final Pattern MONACO_FILES =
            Pattern.compile("META-INF/resources/webjars/monaco-editor/[^/]+/min/(vs/.*)");

    private final Server server;
    private final Path directory;

    private HawtioConsole(Server server, Path directory) {
        this.server = server;
        this.directory = directory;
    }

    /**
     * @param port    the port on 127.0.0.1 (0: any free port)
     * @param jolokia the Jolokia the console connects to
     */
    static HawtioConsole start(int port, URI jolokia) throws Exception {
        Path directory = Files.createTempDirectory("raceday-hawtio-");
        Server server = new Server();
        try {
            Path webapp = unpack(directory);
            ServerConnector connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            connector.setPort(port);
            server.addConnector(connector);
            WebAppContext context = new WebAppContext();
            context.setContextPath(CONTEXT_PATH);
            context.setWar(webapp.toString());
            context.setExtractWAR(false);
            context.setTempDirectory(Files.createDirectories(directory.resolve("work")).toFile());
            context.setThrowUnavailableOnStartupException(true);
            context.addFilter(new FilterHolder(new ProxyTargetFilter(proxyPath(jolokia))), "/proxy/*",
                    EnumSet.of(DispatcherType.REQUEST));
            server.setHandler(context);
            presetConnection(webapp, jolokia);
            server.start();
        } catch (IOException e) {
            stop(server, directory);
            if (e instanceof BindException || e.getCause() instanceof BindException) {
                throw new ConfigurationProblem("hawtio --port " + port + ": 127.0.0.1:" + port
                        + " is in use (choose another --port, or 0 for any free port)");
            }
            throw e;
        } catch (Exception e) {
            stop(server, directory);
            throw e;
        }
        return new HawtioConsole(server, directory);
    }

    /** The console's address, for example {@code http://127.0.0.1:8090/hawtio/}. */
    URI url() {
        return URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort()
                + CONTEXT_PATH + "/");
    }

    /** Hawtio's proxy path for a Jolokia URL: {@code /<scheme>/<host>/<port>/<path>}. */
    static String proxyPath(URI jolokia) {
        return "/" + jolokia.getScheme() + "/" + jolokia.getHost() + "/" + port(jolokia) + path(jolokia);
    }

    private static int port(URI jolokia) {
        return jolokia.getPort() != -1 ? jolokia.getPort() : "https".equals(jolokia.getScheme()) ? 443 : 80;
    }

    /** The Jolokia path without a trailing slash ({@code /observe/jolokia}). */
    private static String path(URI jolokia) {
        String path = jolokia.getRawPath() == null ? "" : jolokia.getRawPath();
        return path.replaceAll("/+$", "");
    }

    private static Path unpack(Path directory) throws IOException {
        Path webapp = directory.resolve("webapp");
        try (InputStream war = resource(WAR); ZipInputStream zip = new ZipInputStream(war)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (!entry.isDirectory()) {
                    copy(zip, webapp, entry.getName());
                }
            }
        }
        try (InputStream jar = resource(MONACO); ZipInputStream zip = new ZipInputStream(jar)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                var file = MONACO_FILES.matcher(entry.getName());
                if (!entry.isDirectory() && file.matches()) {
                    copy(zip, webapp.resolve("static/monaco"), file.group(1));
                }
            }
        }
        // the editor from this console, not from the CDN (unreachable offline, and a third party seeing every visit)
        try (Stream<Path> scripts = Files.list(webapp.resolve("static/js"))) {
            for (Path script : scripts.filter(p -> p.toString().endsWith(".js")).toList()) {
                String text = Files.readString(script, StandardCharsets.UTF_8);
                if (MONACO_CDN.matcher(text).find()) {
                    String local = MONACO_CDN.matcher(text).replaceAll(CONTEXT_PATH + "/static/monaco/vs");
                    Files.writeString(script, local, StandardCharsets.UTF_8);
                }
            }
        }
        return webapp;
    }

    private static void copy(InputStream from, Path root, String name) throws IOException {
        Path target = root.resolve(name).normalize();
        if (!target.startsWith(root)) {
            throw new IOException("entry outside the archive: " + name);
        }
        Files.createDirectories(target.getParent());
        Files.copy(from, target, StandardCopyOption.REPLACE_EXISTING);
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = HawtioConsole.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " is not in the jar (build it with mvn package)");
        }
        return in;
    }

    /**
     * Hawtio 4.2 keeps its connections in the browser ({@code connect.connections} in localStorage, the selected one
     * in sessionStorage {@code connect.currentConnection}); a script loaded before the console's own presets both.
     */
    private static void presetConnection(Path webapp, URI jolokia) throws IOException {
        String connection = "{\"id\":\"" + CONNECTION_ID + "\",\"name\":\"" + CONNECTION_ID + "\",\"scheme\":\""
                + jolokia.getScheme() + "\",\"host\":\"" + jsonEscape(jolokia.getHost()) + "\",\"port\":"
                + port(jolokia) + ",\"path\":\"" + jsonEscape(path(jolokia)) + "\"}";
        String script = """
                // raceday-ingest: the console opens connected to the app's Jolokia
                (function () {
                  var id = '%s';
                  var connections = {};
                  try { connections = JSON.parse(localStorage.getItem('connect.connections') || '{}') || {}; }
                  catch (e) { connections = {}; }
                  connections[id] = %s;
                  localStorage.setItem('connect.connections', JSON.stringify(connections));
                  if (!sessionStorage.getItem('connect.currentConnection')) {
                    sessionStorage.setItem('connect.currentConnection', JSON.stringify(id));
                  }
                })();
                """.formatted(CONNECTION_ID, connection);
        Files.writeString(webapp.resolve("static/raceday-connection.js"), script, StandardCharsets.UTF_8);
        Path index = webapp.resolve("index.html");
        String html = Files.readString(index, StandardCharsets.UTF_8);
        String tag = "<script src=\"" + CONTEXT_PATH + "/static/raceday-connection.js\"></script>";
        if (!html.contains("<script")) {
            throw new IOException("Hawtio's index.html has no script tag to load the connection before");
        }
        Files.writeString(index, html.replaceFirst("<script", java.util.regex.Matcher.quoteReplacement(tag)
                + "<script"), StandardCharsets.UTF_8);
    }

    private static String jsonEscape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Override
    public void close() {
        stop(server, directory);
    }

    private static void stop(Server server, Path directory) {
        try {
            server.stop();
        } catch (Exception e) {
            // stopping anyway: the directory goes next
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
