package nz.raceday.ingest.ops.hawtio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.FailedLoginException;

import nz.raceday.ingest.shared.ConfigurationProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code hawtio} connects to, when it asks for a login, and the login against the management users file. */
class HawtioCommandTest {

    @TempDir
    Path dir;

    private final Map<String, String> settings = new HashMap<>(Map.of("camel.management.enabled", "true",
            "camel.management.jolokia-enabled", "true", "camel.management.host", "127.0.0.1",
            "camel.management.port", "9876"));

    private HawtioCommand command(String connect) {
        return new HawtioCommand(8090, connect, settings::get);
    }

    @Test
    void shouldConnectToTheConfiguredManagementServerUnlessTold() {
        assertThat(command(null).jolokia()).isEqualTo(URI.create("http://127.0.0.1:9876/observe/jolokia"));
        settings.put("camel.management.port", "9877");
        settings.put("camel.management.host", "0.0.0.0");
        assertThat(command(null).jolokia()).isEqualTo(URI.create("http://127.0.0.1:9877/observe/jolokia"));
        assertThat(command("http://localhost:9000/observe/jolokia").jolokia())
                .isEqualTo(URI.create("http://localhost:9000/observe/jolokia"));
        settings.put("camel.management.enabled", "false");
        assertThatThrownBy(() -> command(null).jolokia()).isInstanceOf(ConfigurationProblem.class)
                .hasMessageContaining("--connect");
    }

    @Test
    void shouldProxyToTheJolokiaPathHawtioBuilds() {
        assertThat(HawtioConsole.proxyPath(URI.create("http://127.0.0.1:9876/observe/jolokia/")))
                .isEqualTo("/http/127.0.0.1/9876/observe/jolokia");
        assertThat(HawtioConsole.proxyPath(URI.create("https://ingest.example/jolokia")))
                .isEqualTo("/https/ingest.example/443/jolokia");
    }

    @Test
    void shouldAskForALoginOnlyWhenTheManagementServerDoes() throws Exception {
        assertThat(command(null).users()).isNull();
        settings.put("camel.management.authentication-enabled", "true");
        assertThatThrownBy(() -> command(null).users()).isInstanceOf(ConfigurationProblem.class)
                .hasMessageContaining("camel.management.basic-properties-file");
        Path users = Files.writeString(dir.resolve("users.properties"), "user.ops = s3cret,admin\n");
        settings.put("camel.management.basic-properties-file", users.toString());
        assertThat(command(null).users()).isEqualTo(users.toAbsolutePath());
    }

    @Test
    void shouldLogInTheUsersOfTheManagementFileOnly() throws Exception {
        Path users = Files.writeString(dir.resolve("users.properties"),
                "user.ops = s3cret,admin\nrole.admin = *\n", StandardCharsets.UTF_8);
        Subject subject = new Subject();
        login(subject, users, "ops", "s3cret");
        assertThat(subject.getPrincipals()).contains(new UsersFileLoginModule.UserPrincipal("ops"),
                new UsersFileLoginModule.RolePrincipal(UsersFileLoginModule.ROLE),
                new UsersFileLoginModule.RolePrincipal("admin"));
        assertThatThrownBy(() -> login(new Subject(), users, "ops", "wrong"))
                .isInstanceOf(FailedLoginException.class);
        assertThatThrownBy(() -> login(new Subject(), users, "nobody", "s3cret"))
                .isInstanceOf(FailedLoginException.class);
        assertThatThrownBy(() -> login(new Subject(), dir.resolve("missing"), "ops", "s3cret"))
                .isInstanceOf(FailedLoginException.class);
    }

    private static void login(Subject subject, Path users, String user, String password) throws Exception {
        UsersFileLoginModule module = new UsersFileLoginModule();
        module.initialize(subject, callbacks -> {
            ((NameCallback) callbacks[0]).setName(user);
            ((PasswordCallback) callbacks[1]).setPassword(password.toCharArray());
        }, Map.of(), Map.of(UsersFileLoginModule.FILE_OPTION, users.toString()));
        module.login();
        module.commit();
    }
}
