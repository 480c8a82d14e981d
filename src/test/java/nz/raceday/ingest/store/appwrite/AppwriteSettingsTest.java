package nz.raceday.ingest.store.appwrite;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import nz.raceday.ingest.shared.ConfigurationProblem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppwriteSettingsTest {

    private static final String KEY = "standard_0123456789abcdefSECRET";

    private final Map<String, String> properties = new HashMap<>(Map.of(
            "appwrite.endpoint", "https://appwrite.example.com/v1",
            "appwrite.project-id", "raceday",
            "appwrite.api-key", KEY));

    private AppwriteSettings settings() {
        return AppwriteSettings.from(properties::get);
    }

    @Test
    void shouldDefaultTheDatabaseAndTuning() {
        AppwriteSettings settings = settings();

        assertThat(settings.databaseId()).isEqualTo("raceday-db");
        assertThat(settings.readRole()).isEqualTo("any");
        assertThat(settings.callTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.concurrency()).isEqualTo(8);
        assertThat(settings.outboxPath()).isEqualTo("./data/appwrite-outbox.db");
    }

    @Test
    void shouldNameEveryMissingSettingInOneMessage() {
        properties.clear();

        assertThatThrownBy(this::settings)
                .isInstanceOf(ConfigurationProblem.class)
                .hasMessageContaining("RACEDAY_STORE=appwrite")
                .hasMessageContaining("APPWRITE_ENDPOINT is not set")
                .hasMessageContaining("APPWRITE_PROJECT_ID is not set")
                .hasMessageContaining("APPWRITE_API_KEY is not set");
    }

    @Test
    void shouldRejectAnEndpointWithoutV1OrWithATrailingSlash() {
        properties.put("appwrite.endpoint", "https://appwrite.example.com");
        assertThatThrownBy(this::settings).hasMessageContaining("APPWRITE_ENDPOINT must be an http(s) URL ending in /v1");

        properties.put("appwrite.endpoint", "https://appwrite.example.com/v1/");
        assertThatThrownBy(this::settings).hasMessageContaining("APPWRITE_ENDPOINT");

        properties.put("appwrite.endpoint", "ftp://appwrite.example.com/v1");
        assertThatThrownBy(this::settings).hasMessageContaining("APPWRITE_ENDPOINT");
    }

    @Test
    void shouldRejectIdsAppwriteWouldRefuse() {
        properties.put("appwrite.project-id", "_private");
        properties.put("appwrite.database-id", "a".repeat(37));

        assertThatThrownBy(this::settings)
                .hasMessageContaining("APPWRITE_PROJECT_ID is not a valid Appwrite id")
                .hasMessageContaining("APPWRITE_DATABASE_ID is not a valid Appwrite id");
    }

    @Test
    void shouldRejectATimeoutThatIsNoDurationNamingTheKey() {
        properties.put("appwrite.call-timeout", "ten seconds");

        assertThatThrownBy(this::settings)
                .hasMessageContaining("appwrite.call-timeout = ten seconds is not a duration");
    }

    @Test
    void shouldReadTimesWithTheirUnits() {
        properties.put("appwrite.call-timeout", "3s");
        properties.put("appwrite.retry-backoff", "100ms");
        properties.put("appwrite.provision-timeout", "1m30s");
        properties.put("appwrite.close-drain-timeout", "PT5S");

        AppwriteSettings settings = settings();
        assertThat(settings.callTimeout()).isEqualTo(java.time.Duration.ofSeconds(3));
        assertThat(settings.retryBackoff()).isEqualTo(java.time.Duration.ofMillis(100));
        assertThat(settings.provisionTimeout()).isEqualTo(java.time.Duration.ofSeconds(90));
        assertThat(settings.closeDrainTimeout()).isEqualTo(java.time.Duration.ofSeconds(5));
    }

    @Test
    void shouldNeverShowTheKeyInMessagesOrToString() {
        properties.put("appwrite.endpoint", "not a url");
        properties.put("appwrite.api-key", KEY + " with space");

        assertThatThrownBy(this::settings)
                .hasMessageContaining("APPWRITE_API_KEY contains whitespace")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("SECRET"));

        properties.put("appwrite.endpoint", "https://appwrite.example.com/v1");
        properties.put("appwrite.api-key", KEY);
        assertThat(settings().toString()).contains("apiKey=set").doesNotContain("SECRET");
    }

    @Test
    void shouldAcceptTeamAndUserRolesForReading() {
        properties.put("appwrite.read-role", "team:analysts");
        assertThat(settings().readRole()).isEqualTo("team:analysts");

        properties.put("appwrite.read-role", "read(\"any\")");
        assertThatThrownBy(this::settings).hasMessageContaining("appwrite.read-role");
    }
}
