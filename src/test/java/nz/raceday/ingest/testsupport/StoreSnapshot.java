package nz.raceday.ingest.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import nz.raceday.ingest.store.Document;
import nz.raceday.ingest.store.DocumentQuery;
import nz.raceday.ingest.store.RaceStore;
import nz.raceday.ingest.store.schema.CollectionSchema;
import nz.raceday.ingest.store.schema.RaceDaySchema;

/**
 * Everything a store holds, every collection, as canonical JSON text (documents by id, keys sorted), for golden-file
 * comparisons. {@code excluded} names attributes left out because they carry the wall clock rather than the test's.
 */
public final class StoreSnapshot {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private StoreSnapshot() {
    }

    public static String of(RaceStore store, Set<String> excluded) {
        Map<String, Object> collections = new TreeMap<>();
        for (CollectionSchema collection : RaceDaySchema.collections()) {
            List<Map<String, Object>> documents = store.list(collection.id(), DocumentQuery.all()).stream()
                    .sorted(Comparator.comparing(Document::id)).map(d -> {
                        Map<String, Object> map = new TreeMap<>(d.attributes());
                        map.put("$id", d.id());
                        map.put("$createdAt", d.createdAt());
                        map.put("$updatedAt", d.updatedAt());
                        map.keySet().removeAll(excluded);
                        return map;
                    }).toList();
            collections.put(collection.id(), documents);
        }
        try {
            return JSON.writeValueAsString(collections) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The golden text under {@code src/test/resources} (read from the source tree, so a file just regenerated is
     * the one compared), or null when it does not exist yet.
     */
    public static String readGolden(String resource) {
        Path file = Path.of("src/test/resources" + resource);
        if (!Files.exists(file)) {
            return null;
        }
        try (InputStream unzipped = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(unzipped.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the golden text, gzipped, to {@code src/test/resources} + resource (run from the project directory). */
    public static void writeGolden(String resource, String text) {
        Path file = Path.of("src/test/resources" + resource);
        try {
            Files.createDirectories(file.getParent());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (OutputStream zipped = new GZIPOutputStream(bytes)) {
                zipped.write(text.getBytes(StandardCharsets.UTF_8));
            }
            Files.write(file, bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
