package nz.raceday.ingest.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nz.raceday.ingest.mapping.JsonText;

/** {@code journal stats} and {@code journal export}: what the journal holds, and one race's responses as fixtures. */
public final class JournalTools {

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private JournalTools() {
    }

    /** Days, responses, distinct bodies, body bytes and bytes on disk, per day and in total, as JSON. */
    public static String stats(Path directory, LocalDate onlyDay) {
        List<Map<String, Object>> days = new ArrayList<>();
        long responses = 0;
        long bodies = 0;
        long onDisk = 0;
        long bodyBytes = 0;
        long problems = 0;
        for (Map.Entry<LocalDate, Path> segment : JournalReader.segments(directory).entrySet()) {
            if (onlyDay != null && !onlyDay.equals(segment.getKey())) {
                continue;
            }
            JournalReader.Segment read = JournalReader.read(segment.getValue());
            long raw = read.entries().stream().mapToLong(JournalEntry::bodySize).sum();
            Map<String, Object> day = new LinkedHashMap<>();
            day.put("day", segment.getKey().toString());
            day.put("responses", read.entries().size());
            day.put("distinctBodies", read.distinctBodies());
            day.put("bodyBytes", raw);
            day.put("bytesOnDisk", read.bytesOnDisk());
            day.put("problems", read.problems());
            days.add(day);
            responses += read.entries().size();
            bodies += read.distinctBodies();
            onDisk += read.bytesOnDisk();
            bodyBytes += raw;
            problems += read.problems().size();
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("journal", directory.toAbsolutePath().toString());
        json.put("days", days.size());
        json.put("responses", responses);
        json.put("distinctBodies", bodies);
        json.put("bodyBytes", bodyBytes);
        json.put("bytesOnDisk", onDisk);
        json.put("problems", problems);
        json.put("perDay", days);
        return JsonText.write(json);
    }

    /**
     * Writes every journaled response of a race (its event requests, polls and imports alike) to {@code target} as
     * the body exactly as received, named {@code event-<first 8 of the id>-<NNN>-<status>-<received-at>.json} like
     * the recorded fixtures of {@code src/test/resources/nztab}, plus {@code index.json} listing request, status and
     * received-at of each file.
     *
     * @return the files written (without the index)
     */
    public static List<Path> exportRace(Path directory, String raceId, Path target) {
        List<Map<String, Object>> index = new ArrayList<>();
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(target);
            for (Path segment : JournalReader.segments(directory).values()) {
                for (JournalEntry entry : JournalReader.read(segment).entries()) {
                    boolean ofRace = entry.path().equals("events/" + raceId)
                            || raceId.equals(entry.served().raceId());
                    if (!ofRace) {
                        continue;
                    }
                    String name = String.format("event-%s-%03d-%d-%s.json", raceId.substring(0, Math.min(8,
                            raceId.length())), written.size() + 1, entry.status(), FILE_TIME.format(entry.receivedAt()));
                    Path file = target.resolve(name);
                    Files.write(file, entry.body().get());
                    written.add(file);
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("file", name);
                    line.put("request", "/affiliates/v1/racing/" + entry.request());
                    line.put("status", entry.status());
                    line.put("receivedAt", entry.receivedAt().toString());
                    line.put("served", entry.served().kind());
                    line.put("sha256", entry.bodySha256());
                    index.add(line);
                }
            }
            Files.writeString(target.resolve("index.json"), JsonText.write(index) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot export to " + target, e);
        }
        return written;
    }
}
