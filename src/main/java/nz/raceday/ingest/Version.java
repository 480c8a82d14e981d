package nz.raceday.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The product version, as Maven stamped it into the build. */
public final class Version {

    public static final String PRODUCT = "raceday-ingest";

    private static final String VERSION = load();

    private Version() {
        // constants
    }

    public static String version() {
        return VERSION;
    }

    /** {@code raceday-ingest/0.1.0 (...)}: the User-Agent TAB sees. */
    public static String userAgent() {
        return PRODUCT + "/" + VERSION + " (NZ TAB racing data import; Apache Camel)";
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("/raceday-ingest-version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "dev");
            return version.startsWith("${") ? "dev" : version;
        } catch (IOException e) {
            return "dev";
        }
    }
}
