package nz.raceday.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import nz.raceday.ingest.shared.ConfigurationProblem;

@Timeout(value = 1, unit = TimeUnit.MINUTES)
class DurationSettingsTest {

    private final DefaultCamelContext context = new DefaultCamelContext();
    private final List<String> warnings = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        context.close();
    }

    private DurationSettings settings(String... keyValues) {
        Properties initial = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            initial.setProperty(keyValues[i], keyValues[i + 1]);
        }
        context.getPropertiesComponent().setInitialProperties(initial);
        DurationSettings settings = new DurationSettings(context.getPropertiesComponent(), warnings::add);
        settings.install();
        return settings;
    }

    @Test
    void durationsNameTheirUnit() {
        DurationSettings settings = settings("a", "250ms", "b", "15s", "c", "10m", "d", "1h", "e", "PT2S", "f", "1m30s");
        assertThat(settings.duration("a")).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.duration("b")).isEqualTo(Duration.ofSeconds(15));
        assertThat(settings.duration("c")).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.duration("d")).isEqualTo(Duration.ofHours(1));
        assertThat(settings.duration("e")).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.duration("f")).isEqualTo(Duration.ofSeconds(90));
        assertThat(warnings).isEmpty();
    }

    @Test
    void routesReadDurationsInTheUnitAnEipTakes() {
        settings("tab.retry.initial-delay", "1s", "tab.circuit-breaker.wait-duration-in-open-state", "2m");
        assertThat(context.resolvePropertyPlaceholders("{{millis:tab.retry.initial-delay}}")).isEqualTo("1000");
        assertThat(context.resolvePropertyPlaceholders("{{seconds:tab.circuit-breaker.wait-duration-in-open-state}}"))
                .isEqualTo("120");
    }

    @Test
    void theOldMillisecondKeyStillWorksForOneReleaseAndIsWarnedAbout() {
        DurationSettings settings = settings("tab.retry.initial-delay", "1s", "tab.retry.initial-delay-ms", "2500");
        assertThat(settings.duration("tab.retry.initial-delay")).isEqualTo(Duration.ofMillis(2500));
        assertThat(context.resolvePropertyPlaceholders("{{millis:tab.retry.initial-delay}}")).isEqualTo("2500");
        assertThat(warnings).containsExactly("tab.retry.initial-delay-ms is deprecated and will be removed in the next "
                + "release: write tab.retry.initial-delay = 2500ms instead");
    }

    @Test
    void theCircuitBreakersBareSecondsAreStillSeconds() {
        DurationSettings settings = settings("tab.circuit-breaker.wait-duration-in-open-state", "30");
        assertThat(settings.duration("tab.circuit-breaker.wait-duration-in-open-state")).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.duration("tab.circuit-breaker.wait-duration-in-open-state")).isEqualTo(Duration.ofSeconds(30));
        assertThat(warnings).containsExactly("tab.circuit-breaker.wait-duration-in-open-state = 30 is read as seconds as "
                + "before; write 30s (every time setting names its unit)");
    }

    @Test
    void aRetiredKeyIsWarnedAbout() {
        settings("race-poller.dispatch-interval-ms", "100");
        assertThat(warnings).singleElement().asString().startsWith("race-poller.dispatch-interval-ms is no longer read");
    }

    @Test
    void aValueThatIsNotADurationNamesTheKey() {
        // checked when installed, before any route reads it through a placeholder
        assertThatThrownBy(() -> settings("appwrite.call-timeout", "ten seconds")).isInstanceOf(ConfigurationProblem.class)
                .hasMessage("appwrite.call-timeout = ten seconds is not a duration (write e.g. 250ms, 15s, 10m, 1h)");
    }

    @Test
    void aMissingSettingNamesTheKey() {
        DurationSettings settings = settings();
        assertThatThrownBy(() -> settings.duration("missing.key")).isInstanceOf(ConfigurationProblem.class)
                .hasMessage("missing.key is not set");
    }

    @Test
    void theShippedPropertiesUseOnlyTheConvention() throws Exception {
        Properties shipped = new Properties();
        try (var in = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of("application.properties"))) {
            shipped.load(in);
        }
        assertThat(shipped.stringPropertyNames()).noneMatch(key -> key.endsWith("-ms"));
        context.getPropertiesComponent().setInitialProperties(shipped);
        DurationSettings settings = new DurationSettings(context.getPropertiesComponent(), warnings::add);
        settings.install();
        assertThat(warnings).isEmpty();
        assertThat(settings.duration("tab.retry.initial-delay")).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.duration("tab.circuit-breaker.wait-duration-in-open-state")).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.duration("race-poller.max-wait")).isEqualTo(Duration.ofSeconds(10));
        assertThat(DurationSettings.durationKeys()).allSatisfy(key ->
                assertThat(shipped.getProperty(key)).as(key).isNotNull());
    }
}
