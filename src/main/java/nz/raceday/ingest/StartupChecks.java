package nz.raceday.ingest;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;

import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;

import nz.raceday.ingest.shared.ConfigurationProblem;

/**
 * Settings checked before Camel loads anything, so that a wrong one stops start-up with exit 2 and one line naming
 * it (a {@link ConfigurationProblem}) instead of a stack trace from deep inside Camel.
 */
final class StartupChecks extends MainListenerSupport {

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        // the properties component is set up by now (files, environment, overrides); nothing is loaded yet
        Function<String, String> properties = key -> main.getCamelContext().getPropertiesComponent()
                .resolveProperty(key).orElse(null);
        routesDirectory(properties.apply("camel.main.routes-include-pattern"), Path.of(""));
        tabBaseUrl(properties.apply("tab.base-url"));
        if (Boolean.parseBoolean(trim(properties.apply("camel.management.enabled")))) {
            String host = trim(properties.apply("camel.management.host"));
            portFree("MANAGEMENT_PORT", host == null ? "127.0.0.1" : host,
                    port("MANAGEMENT_PORT", properties.apply("camel.management.port")));
        }
    }

    /** The TAB API address must be an absolute http(s) URL: Camel would look for a component named after it. */
    static void tabBaseUrl(String value) {
        String url = trim(value);
        boolean valid;
        try {
            URI uri = url == null ? null : new URI(url);
            valid = uri != null && uri.getHost() != null && uri.getScheme() != null
                    && ("http".equals(uri.getScheme().toLowerCase(Locale.ROOT))
                            || "https".equals(uri.getScheme().toLowerCase(Locale.ROOT)));
        } catch (URISyntaxException e) {
            valid = false;
        }
        if (!valid) {
            throw new ConfigurationProblem("TAB_BASE_URL (tab.base-url) must be an http:// or https:// URL such as "
                    + "https://api.tab.co.nz, got '" + value + "'");
        }
    }

    /** Every {@code file:} route location must be a directory that exists (relative ones: in the working directory). */
    static void routesDirectory(String includePattern, Path workingDirectory) {
        if (includePattern == null) {
            return;
        }
        for (String location : includePattern.split(",")) {
            String pattern = location.trim();
            if (!pattern.startsWith("file:")) {
                continue;
            }
            String path = pattern.substring("file:".length());
            int wildcard = indexOfWildcard(path);
            String directory = wildcard < 0 ? path : path.substring(0, Math.max(0, path.lastIndexOf('/', wildcard)));
            Path dir = workingDirectory.resolve(directory.isEmpty() ? "." : directory);
            if (wildcard >= 0 ? !Files.isDirectory(dir) : !Files.exists(dir)) {
                throw new ConfigurationProblem("no " + directory + (wildcard >= 0 ? "/ directory" : "") + " in "
                        + workingDirectory.toAbsolutePath().normalize() + " (camel.main.routes-include-pattern="
                        + includePattern + "): start raceday-ingest from the directory that holds routes/ and "
                        + "application.properties");
            }
        }
    }

    /** Fails when something already listens on the port: a second instance must not pass for the first. */
    static void portFree(String setting, String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (BindException e) {
            throw new ConfigurationProblem(setting + "=" + port + ": " + host + ":" + port + " is already in use (another "
                    + "instance?); give each instance on this host its own " + setting);
        } catch (IOException e) {
            throw new ConfigurationProblem(setting + "=" + port + ": cannot listen on " + host + ":" + port + " ("
                    + e.getMessage() + ")");
        }
    }

    static int port(String setting, String value) {
        try {
            int port = Integer.parseInt(trim(value));
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // reported below
        }
        throw new ConfigurationProblem(setting + " must be a port number (0-65535), got '" + value + "'");
    }

    private static int indexOfWildcard(String path) {
        int star = path.indexOf('*');
        int question = path.indexOf('?');
        return star < 0 ? question : question < 0 ? star : Math.min(star, question);
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }
}
