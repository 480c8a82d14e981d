package nz.raceday.ingest.journal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The segment file format. A segment ({@code <journal.path>/<NZ racing day>.journal}) is a sequence of frames:
 * {@code magic "RDJ1" (4 bytes) | payload length (int) | CRC32 of the payload (int) | payload}. A payload is
 * either a body ({@code 'B' | SHA-256 (32 bytes) | gzip of the body}) or a response ({@code 'R' | SHA-256 of its
 * body (32 bytes) | metadata as JSON}). A body frame is written before the first response that references it and
 * never again in the segment. A torn frame (crash mid-write) or a corrupt one (CRC mismatch) is detected on read.
 */
public final class JournalFormat {

    static final int MAGIC = 0x52444A31;
    static final int HEADER = 12;
    static final byte BODY = 'B';
    static final byte RESPONSE = 'R';
    static final int SHA_LENGTH = 32;
    /** A frame longer than this is taken for a corrupt length field. */
    static final int MAX_PAYLOAD = 256 * 1024 * 1024;
    public static final String SUFFIX = ".journal";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private JournalFormat() {
    }

    public static String segmentName(LocalDate racingDay) {
        return racingDay + SUFFIX;
    }

    static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    static byte[] gzip(byte[] body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(64, body.length / 6));
        try (GZIPOutputStream zipped = new GZIPOutputStream(bytes, 8192)) {
            zipped.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] gunzip(byte[] zipped) {
        try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(zipped))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("journal body does not decompress", e);
        }
    }

    /** One frame: header and payload, ready to be written in one call. */
    static ByteBuffer frame(byte kind, byte[] sha, byte[] content) {
        int length = 1 + SHA_LENGTH + content.length;
        ByteBuffer buffer = ByteBuffer.allocate(HEADER + length);
        buffer.putInt(MAGIC).putInt(length).putInt(0);
        buffer.put(kind).put(sha).put(content);
        CRC32 crc = new CRC32();
        crc.update(buffer.array(), HEADER, length);
        buffer.putInt(8, (int) crc.getValue());
        buffer.flip();
        return buffer;
    }

    static boolean crcMatches(byte[] payload, int expected) {
        CRC32 crc = new CRC32();
        crc.update(payload);
        return (int) crc.getValue() == expected;
    }

    static byte[] metadata(JournalEntry entry) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("path", entry.path());
        meta.put("query", entry.query());
        meta.put("status", entry.status());
        if (entry.retryAfter() != null) {
            meta.put("retryAfter", entry.retryAfter());
        }
        meta.put("receivedAt", entry.receivedAt().toString());
        if (entry.failure() != null) {
            meta.put("failure", entry.failure());
        }
        meta.put("size", entry.bodySize());
        JournalEntry.Served served = entry.served();
        meta.put("served", served.kind());
        putIfSet(meta, "runId", served.runId());
        putIfSet(meta, "racingDay", served.racingDay());
        if (!served.steps().isEmpty()) {
            meta.put("steps", served.steps());
        }
        putIfSet(meta, "trigger", served.trigger());
        putIfSet(meta, "raceId", served.raceId());
        putIfSet(meta, "plannedAt", served.plannedAt() == null ? null : served.plannedAt().toString());
        try {
            return JSON.writeValueAsBytes(meta);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static JournalEntry entry(byte[] metadata, String sha, java.util.function.Supplier<byte[]> body) {
        try {
            Map<String, Object> meta = JSON.readValue(metadata, new TypeReference<Map<String, Object>>() { });
            String plannedAt = (String) meta.get("plannedAt");
            JournalEntry.Served served = new JournalEntry.Served((String) meta.getOrDefault("served", "other"),
                    (String) meta.get("runId"), (String) meta.get("racingDay"), (List<String>) meta.get("steps"),
                    (String) meta.get("trigger"), (String) meta.get("raceId"),
                    plannedAt == null ? null : Instant.parse(plannedAt));
            return new JournalEntry((String) meta.get("path"), (String) meta.getOrDefault("query", ""),
                    ((Number) meta.get("status")).intValue(), (String) meta.get("retryAfter"),
                    Instant.parse((String) meta.get("receivedAt")), served, sha,
                    ((Number) meta.getOrDefault("size", 0)).intValue(), body, (String) meta.get("failure"));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("unreadable response metadata: " + e.getMessage(), e);
        }
    }

    private static void putIfSet(Map<String, Object> meta, String key, Object value) {
        if (value != null) {
            meta.put(key, value);
        }
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
