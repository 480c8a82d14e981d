package nz.raceday.ingest.ops.hawtio;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;

import nz.raceday.ingest.shared.ConfigurationProblem;

/**
 * {@code hawtio [--port 8090] [--connect URL]}: the Hawtio console on 127.0.0.1, connected to the management
 * server's Jolokia. Without {@code --connect} it connects to the management server this configuration describes
 * ({@code camel.management.host}, {@code MANAGEMENT_PORT}, {@code camel.management.jolokia-path}). Its login follows
 * the management server: off when {@code camel.management.authentication-enabled} is false (the default, loopback
 * only), else the users of {@code camel.management.basic-properties-file}; {@code -Dhawtio.authenticationEnabled}
 * overrides. Runs until stopped.
 */
public final class HawtioCommand {

    /** The JAAS realm of the console's login. */
    static final String REALM = "raceday-ingest";

    private final int port;
    private final String connect;
    private final Function<String, String> settings;

    /**
     * @param port     the console's port on loopback
     * @param connect  the Jolokia URL, or null for the configured management server's
     * @param settings this configuration's resolved settings (null when unset)
     */
    public HawtioCommand(int port, String connect, Function<String, String> settings) {
        this.port = port;
        this.connect = connect;
        this.settings = settings;
    }

    public int run(PrintStream out) throws Exception {
        URI jolokia = jolokia();
        Path users = users();
        configureHawtio(jolokia, users);
        HawtioConsole console = HawtioConsole.start(port, jolokia);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            console.close();
            stopped.countDown();
        }, "hawtio-stop"));
        out.println("Hawtio console at " + console.url() + " (loopback only), connected to " + jolokia + "; login: "
                + (users == null ? "off (the management server asks for none)"
                        : "the management users of " + users + " (the connection asks again for the same user)")
                + ". Ctrl-C stops it.");
        out.flush();
        stopped.await();
        return 0;
    }

    /** The Jolokia URL: {@code --connect}, else this configuration's management server. */
    URI jolokia() {
        if (connect != null) {
            return URI.create(connect);
        }
        if (!Boolean.parseBoolean(setting("camel.management.enabled", "false"))
                || !Boolean.parseBoolean(setting("camel.management.jolokia-enabled", "false"))) {
            throw new ConfigurationProblem("hawtio: camel.management.enabled or camel.management.jolokia-enabled "
                    + "is false in this configuration; pass --connect URL of a running instance's Jolokia");
        }
        String host = setting("camel.management.host", "127.0.0.1");
        if (host.equals("0.0.0.0") || host.equals("::")) {
            host = "127.0.0.1";
        }
        String path = setting("camel.management.jolokia-path", "/observe/jolokia");
        try {
            return URI.create("http://" + host + ":" + Integer.parseInt(setting("camel.management.port", "9876"))
                    + (path.startsWith("/") ? path : "/" + path));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationProblem("hawtio: MANAGEMENT_PORT (camel.management.port) must be a port number, "
                    + "got '" + setting("camel.management.port", "") + "'");
        }
    }

    /** The users file when the console asks for a login, else null. */
    Path users() {
        String explicit = System.getProperty("hawtio.authenticationEnabled");
        boolean enabled = explicit != null ? Boolean.parseBoolean(explicit)
                : Boolean.parseBoolean(setting("camel.management.authentication-enabled", "false"));
        if (!enabled) {
            return null;
        }
        String file = setting("camel.management.basic-properties-file", "");
        if (file.isBlank() || !Files.isReadable(Path.of(file))) {
            throw new ConfigurationProblem("hawtio: the login needs the management users file "
                    + "camel.management.basic-properties-file, " + (file.isBlank() ? "which is not set"
                            : "which cannot be read: " + file));
        }
        return Path.of(file).toAbsolutePath();
    }

    private String setting(String key, String fallback) {
        String value = settings.apply(key);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    /** Hawtio reads its settings from system properties, before its web application starts. */
    private static void configureHawtio(URI jolokia, Path users) {
        // the proxy reaches the app's host only (the filter narrows it to the one Jolokia); no local address probing
        System.setProperty("hawtio.proxyAllowlist", jolokia.getHost());
        System.setProperty("hawtio.localAddressProbing", "false");
        System.setProperty("hawtio.authenticationEnabled", Boolean.toString(users != null));
        if (users == null) {
            return;
        }
        System.setProperty("hawtio.realm", REALM);
        System.setProperty("hawtio.roles", UsersFileLoginModule.ROLE);
        System.setProperty("hawtio.rolePrincipalClasses", UsersFileLoginModule.RolePrincipal.class.getName());
        AppConfigurationEntry entry = new AppConfigurationEntry(UsersFileLoginModule.class.getName(),
                AppConfigurationEntry.LoginModuleControlFlag.REQUIRED,
                Map.of(UsersFileLoginModule.FILE_OPTION, users.toString()));
        Configuration.setConfiguration(new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return REALM.equals(name) ? new AppConfigurationEntry[] {entry} : null;
            }
        });
    }
}
