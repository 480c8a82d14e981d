package nz.raceday.ingest.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import nz.raceday.ingest.testsupport.JarRunner;
import nz.raceday.ingest.testsupport.RacedayRouteTestSupport;
import org.junit.jupiter.api.Test;

/** Optional basic authentication on the management server, here on Jolokia only, leaving the probes open. */
class ManagementAuthenticationRouteTest extends RacedayRouteTestSupport {

    private final int port = JarRunner.freePort();
    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    protected Map<String, String> testProperties() {
        Map<String, String> properties = super.testProperties();
        Path users = workDir.resolve("management-users.properties");
        try {
            Files.writeString(users, "user.ops = s3cret-7c1d,admin\nrole.admin = *\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        properties.put("camel.management.enabled", "true");
        properties.put("camel.management.port", Integer.toString(port));
        properties.put("camel.management.authentication-enabled", "true");
        properties.put("camel.management.authentication-path", "/observe/jolokia/*");
        properties.put("camel.management.basic-properties-file", users.toString());
        return properties;
    }

    private int status(String path, String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void shouldAskForCredentialsOnJolokiaOnly() throws Exception {
        assertThat(status("/observe/jolokia/version", null, null)).isEqualTo(401);
        assertThat(status("/observe/jolokia/version", "ops", "wrong")).isEqualTo(401);
        assertThat(status("/observe/jolokia/version", "ops", "s3cret-7c1d")).isEqualTo(200);
        // the orchestrator's probes need no password
        assertThat(status("/observe/health/ready", null, null)).isEqualTo(200);
    }
}
