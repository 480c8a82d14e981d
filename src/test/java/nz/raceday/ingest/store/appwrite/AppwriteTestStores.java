package nz.raceday.ingest.store.appwrite;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import nz.raceday.ingest.store.buffer.BufferingRaceStore;
import nz.raceday.ingest.testsupport.appwrite.AppwriteTestServer;

/**
 * Opens {@link AppwriteRaceStore}s, behind the buffering layer as in production, against an
 * {@link AppwriteTestServer}, with test-sized timeouts and backoff.
 */
public final class AppwriteTestStores {

    private AppwriteTestStores() {
    }

    /** The properties of a store on the server, its outbox in {@code outbox}; {@code extra} overrides. */
    public static Map<String, String> properties(AppwriteTestServer server, Path outbox, String... extra) {
        Map<String, String> properties = new HashMap<>();
        properties.put("appwrite.endpoint", server.endpoint());
        properties.put("appwrite.project-id", server.projectId());
        properties.put("appwrite.api-key", server.apiKey());
        properties.put("appwrite.outbox-path", outbox.toString());
        properties.put("appwrite.call-timeout", "3000ms");
        properties.put("appwrite.retry-backoff", "5ms");
        properties.put("appwrite.close-drain-timeout", "3000ms");
        properties.put("appwrite.provision-timeout", "20000ms");
        for (int i = 0; i + 1 < extra.length; i += 2) {
            properties.put(extra[i], extra[i + 1]);
        }
        return properties;
    }

    public static AppwriteSettings settings(AppwriteTestServer server, Path outbox, String... extra) {
        return AppwriteSettings.from(properties(server, outbox, extra)::get);
    }

    /** A store whose retries do not wait (provisioning still polls attribute states every 250 ms when it must). */
    public static BufferingRaceStore open(AppwriteTestServer server, Path outbox, Clock clock, String... extra) {
        return AppwriteRaceStore.buffered(settings(server, outbox, extra), clock, duration -> {
            if (duration.toMillis() >= 100) {
                Thread.sleep(duration.toMillis());
            }
        });
    }

    /** The Appwrite adapter behind a store {@link #open} returned. */
    public static AppwriteRaceStore adapter(BufferingRaceStore store) {
        return (AppwriteRaceStore) store.backend();
    }
}
