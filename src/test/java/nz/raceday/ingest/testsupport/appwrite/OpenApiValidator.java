package nz.raceday.ingest.testsupport.appwrite;

import java.util.List;
import java.util.Map;

// TEMPORARY STUB: replaced by the real validator when branches merge
/**
 * Placeholder with the API of the real validator (written on another branch): it accepts everything, so the
 * {@link AppwriteTestServer} compiles and runs here. Every call the server makes is counted so tests can prove the
 * server consults the validator for each request and response.
 */
public final class OpenApiValidator {

    private static final OpenApiValidator INSTANCE = new OpenApiValidator();

    private OpenApiValidator() {
    }

    /** Loads src/test/resources/appwrite/open-api3-1.6.x-server.json from the test classpath (cached; thread-safe). */
    public static OpenApiValidator appwrite16() {
        return INSTANCE;
    }

    /** Problems with a request, empty when the spec allows it. */
    public List<String> validateRequest(String method, String path, Map<String, List<String>> query,
            Map<String, List<String>> headers, String body) {
        return List.of();
    }

    /** Problems with a response the server is about to send, empty when the spec allows it. */
    public List<String> validateResponse(String method, String path, int status, String contentType, String body) {
        return List.of();
    }
}
