package nz.raceday.ingest;

import java.util.Map;
import java.util.function.Function;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.Main;
import org.apache.camel.spi.PropertiesComponent;

/** Builds the Camel Main application the same way for every command. */
final class RacedayMain {

    /**
     * {@code ./application.properties} first (the first location wins), then the copy inside the jar. Environment
     * variables and {@code -D} system properties override both (Camel's property resolution order).
     */
    static final String PROPERTY_LOCATIONS =
            "file:application.properties;optional=true,classpath:application.properties;optional=true";

    private RacedayMain() {
        // factory
    }

    /**
     * @param overrides properties a command forces (for example switching the schedules off for {@code import})
     */
    static Main create(Map<String, String> overrides) {
        Main main = new Main();
        main.setAppName(Version.PRODUCT);
        main.configure().addConfiguration(AppConfiguration.class);
        main.setDefaultPropertyPlaceholderLocation(PROPERTY_LOCATIONS);
        overrides.forEach(main::addOverrideProperty);
        // a wrong setting stops start-up with one line naming it, before Camel loads routes or opens ports
        main.addMainListener(new StartupChecks());
        return main;
    }

    /**
     * The settings as the application resolves them (the same files, environment variables and {@code -D}
     * properties), for a command that reads a few without starting Camel ({@code hawtio}).
     */
    static Function<String, String> settings() {
        PropertiesComponent properties = new DefaultCamelContext().getPropertiesComponent();
        properties.setLocation(PROPERTY_LOCATIONS);
        return key -> properties.resolveProperty(key).orElse(null);
    }
}
