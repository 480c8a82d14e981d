package nz.raceday.ingest.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.CookieManager;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nz.raceday.ingest.testsupport.JarRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code hawtio}: the bundled Hawtio console beside a running {@code simulate}, both from the packaged jar on
 * ephemeral ports. Drives the console's own proxy with the requests its Camel plugin makes, checks the preset
 * connection, the local editor, the loopback binding, the proxy's one target and the login that follows the
 * management server's.
 */
class HawtioIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTEXT =
            "org.apache.camel:context=raceday-ingest,type=context,name=\"raceday-ingest\"";
    private static final String USER = "ops";
    private static final String PASSWORD = "s3cret-hawtio-41";

    private final JarRunner jar = new JarRunner();
    private final int consolePort = JarRunner.freePort();
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    private JarRunner.Started simulate;
    private JarRunner.Started hawtio;

    @AfterEach
    void cleanUp() throws Exception {
        for (JarRunner.Started started : new JarRunner.Started[] {hawtio, simulate}) {
            if (started != null) {
                started.process().destroy();
                started.process().waitFor(60, TimeUnit.SECONDS);
            }
        }
        jar.close();
    }

    private String proxy() {
        return "/hawtio/proxy/http/127.0.0.1/" + jar.managementPort() + "/observe/jolokia";
    }

    private void startBoth() throws Exception {
        simulate = jar.startAs("simulate", "simulate");
        await().atMost(Duration.ofSeconds(90)).until(() -> simulate.outputSoFar().contains("Daily import done"));
        hawtio = jar.startAs("hawtio", "hawtio", "--port", Integer.toString(consolePort));
        await().atMost(Duration.ofSeconds(90)).until(() -> hawtio.outputSoFar().contains("Hawtio console at "));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(console(path)).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(console(path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI console(String path) {
        return URI.create("http://127.0.0.1:" + consolePort + path);
    }

    /** One Jolokia request through the console's proxy, as Hawtio's Camel plugin sends it. */
    private JsonNode jolokia(String request, String... headers) throws Exception {
        HttpResponse<String> response = post(proxy(), request, headers);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void shouldServeHawtioConnectedToTheAppsJolokia() throws Exception {
        startBoth();
        assertThat(hawtio.outputSoFar()).contains("Hawtio console at http://127.0.0.1:" + consolePort
                + "/hawtio/ (loopback only), connected to http://127.0.0.1:" + jar.managementPort()
                + "/observe/jolokia; login: off");

        HttpResponse<String> index = get("/hawtio/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("<title>Hawtio</title>",
                "<script src=\"/hawtio/static/raceday-connection.js\"></script><script defer");
        // the preset connection, selected unless the tab already chose one
        String preset = get("/hawtio/static/raceday-connection.js").body();
        assertThat(preset).contains("\"host\":\"127.0.0.1\",\"port\":" + jar.managementPort()
                + ",\"path\":\"/observe/jolokia\"", "sessionStorage.setItem('connect.currentConnection'");
        // the Source tab's editor from the console, not from a CDN
        HttpResponse<String> loader = get("/hawtio/static/monaco/vs/loader.js");
        assertThat(loader.statusCode()).isEqualTo(200);
        assertThat(loader.body()).doesNotContain("<html");

        // the Camel plugin's requests, through the console's proxy to the app's Jolokia
        JsonNode contexts = jolokia("{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=context,*\"}");
        assertThat(contexts.path("value").toString()).contains("context=raceday-ingest,type=context");
        JsonNode list = jolokia("{\"type\":\"list\",\"path\":\"org.apache.camel\",\"config\":{\"maxDepth\":1}}");
        assertThat(list.path("status").asInt()).isEqualTo(200);
        String routes = jolokia("{\"type\":\"exec\",\"mbean\":" + JSON.writeValueAsString(CONTEXT)
                + ",\"operation\":\"dumpRoutesAsXml()\"}").path("value").asText();
        assertThat(routes).contains("id=\"tab-request\"", "id=\"race-poll\"", "id=\"import-day\"", "<doCatch");
        String route = "org.apache.camel:context=raceday-ingest,type=routes,name=\"tab-request\"";
        JsonNode stats = jolokia("{\"type\":\"read\",\"mbean\":" + JSON.writeValueAsString(route)
                + ",\"attribute\":\"ExchangesTotal\"}");
        assertThat(stats.path("status").asInt()).isEqualTo(200);
        assertThat(stats.path("value").asLong()).isPositive();
        JsonNode update = jolokia("{\"type\":\"exec\",\"mbean\":" + JSON.writeValueAsString(route)
                + ",\"operation\":\"isUpdateRouteEnabled()\"}");
        assertThat(update.path("status").asInt()).isEqualTo(200);
        // a sensitive read stays refused by the app's access policy, through the console too
        JsonNode arguments = jolokia("{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\","
                + "\"attribute\":\"InputArguments\"}");
        assertThat(arguments.path("status").asInt()).isEqualTo(403);

        // the proxy reaches that one Jolokia only, not another port of the host
        HttpResponse<String> elsewhere = post("/hawtio/proxy/http/127.0.0.1/" + consolePort + "/hawtio/jolokia",
                "{\"type\":\"version\"}");
        assertThat(elsewhere.statusCode()).isEqualTo(403);

        // loopback only: the console's port is closed on the host's other addresses
        for (InetAddress address : otherAddresses()) {
            try (Socket socket = new Socket()) {
                org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> socket.connect(new InetSocketAddress(address, consolePort), 2000))
                        .as("console reachable on " + address).isInstanceOf(IOException.class);
            }
        }
        assertThat(hawtio.outputSoFar()).doesNotContain("ERROR");
    }

    @Test
    void shouldAskForTheManagementUsersWhenTheManagementServerDoes() throws Exception {
        Path users = jar.workDir().resolve("management-users.properties");
        Files.writeString(users, "user." + USER + " = " + PASSWORD + ",admin\nrole.admin = *\n",
                StandardCharsets.UTF_8);
        jar.jvmOption("-Dcamel.management.authentication-enabled=true")
                .jvmOption("-Dcamel.management.authentication-path=/observe/jolokia/*")
                .jvmOption("-Dcamel.management.basic-properties-file=" + users);
        startBoth();
        assertThat(hawtio.outputSoFar()).contains("login: the management users of " + users);
        String version = "{\"type\":\"version\"}";

        // no console login: the proxy refuses
        assertThat(post(proxy(), version).statusCode()).isIn(401, 403);
        assertThat(post("/hawtio/auth/login", login(PASSWORD + "-wrong")).statusCode()).isIn(401, 403);
        assertThat(post(proxy(), version).statusCode()).isIn(401, 403);

        HttpResponse<String> login = post("/hawtio/auth/login", login(PASSWORD));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        // logged in to the console, the app still asks for its own credentials (Hawtio's connection login)...
        assertThat(post(proxy(), version).statusCode()).isEqualTo(401);
        // ...which Hawtio sends as X-Jolokia-Authorization once the console login holds the Authorization header
        JsonNode contexts = jolokia("{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=context,*\"}",
                "X-Jolokia-Authorization", "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD)
                        .getBytes(StandardCharsets.UTF_8)));
        assertThat(contexts.path("value").toString()).contains("context=raceday-ingest,type=context");
    }

    @Test
    void shouldExitWithOneLineWhenItsPortIsTakenOrTheUsageIsBad() throws Exception {
        try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            JarRunner.Run taken = jar.run("hawtio", "--port", Integer.toString(other.getLocalPort()));
            assertThat(taken.exitCode()).as(taken.output()).isEqualTo(2);
            assertThat(taken.stderr()).containsExactly("raceday-ingest: hawtio --port " + other.getLocalPort()
                    + ": 127.0.0.1:" + other.getLocalPort() + " is in use (choose another --port, or 0 for any "
                    + "free port)");
            assertThat(taken.output()).doesNotContain("\tat ");
        }
        JarRunner.Run bad = jar.run("hawtio", "--port", "eighty");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.stderr().get(0)).isEqualTo("raceday-ingest: --port must be a TCP port 0-65535, got 'eighty'");
    }

    private static String login(String password) {
        return "{\"username\":\"" + USER + "\",\"password\":\"" + password + "\"}";
    }

    /** The host's non-loopback IPv4 addresses (none on a machine without a network: nothing to check then). */
    private static List<InetAddress> otherAddresses() throws IOException {
        return NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).toList();
    }
}
