package nz.raceday.ingest.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a segment. A frame that is torn (the file ends inside it: a crash mid-write) or corrupt (bad magic, a
 * length out of range, a CRC mismatch, unreadable metadata) is skipped with a warning and reported; reading goes on
 * at the next frame (found by its magic). Bodies stay on disk: an entry reads and decompresses its body on demand.
 */
public final class JournalReader {

    private static final Logger LOG = LoggerFactory.getLogger(JournalReader.class);

    private JournalReader() {
    }

    /**
     * A segment as read.
     *
     * @param entries        readable responses in recorded order
     * @param problems       torn or corrupt frames and responses whose body is missing, one line each
     * @param distinctBodies bodies stored
     * @param bytesOnDisk    the file's size
     * @param validEnd       the offset after the last intact frame (a writer appends from there)
     * @param bodyHashes     hashes of the bodies stored (hex)
     */
    public record Segment(Path file, List<JournalEntry> entries, List<String> problems, int distinctBodies,
            long bytesOnDisk, long validEnd, java.util.Set<String> bodyHashes) {
    }

    /** The racing day a segment file holds, or null when the name is not a segment's. */
    public static LocalDate dayOf(Path file) {
        String name = file.getFileName().toString();
        if (!name.endsWith(JournalFormat.SUFFIX)) {
            return null;
        }
        try {
            return LocalDate.parse(name.substring(0, name.length() - JournalFormat.SUFFIX.length()));
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** The segments under a journal directory, by racing day. */
    public static Map<LocalDate, Path> segments(Path directory) {
        Map<LocalDate, Path> segments = new java.util.TreeMap<>();
        if (!Files.isDirectory(directory)) {
            return segments;
        }
        try (var files = Files.list(directory)) {
            files.forEach(f -> {
                LocalDate day = dayOf(f);
                if (day != null && Files.isRegularFile(f)) {
                    segments.put(day, f);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return segments;
    }

    public static Segment read(Path file) {
        List<JournalEntry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, long[]> bodies = new HashMap<>();
        long validEnd = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long position = 0;
            ByteBuffer header = ByteBuffer.allocate(JournalFormat.HEADER);
            while (position < size) {
                if (size - position < JournalFormat.HEADER) {
                    problems.add(problem(file, position, "torn entry: the file ends inside its header"));
                    break;
                }
                header.clear();
                channel.read(header, position);
                header.flip();
                int magic = header.getInt();
                int length = header.getInt();
                int crc = header.getInt();
                if (magic != JournalFormat.MAGIC || length <= JournalFormat.SHA_LENGTH || length > JournalFormat.MAX_PAYLOAD) {
                    long next = nextMagic(channel, position + 1, size);
                    problems.add(problem(file, position, "corrupt entry (bad frame header), " + (next - position)
                            + " bytes skipped"));
                    position = next;
                    continue;
                }
                if (position + JournalFormat.HEADER + length > size) {
                    problems.add(problem(file, position, "torn entry: " + (position + JournalFormat.HEADER + length
                            - size) + " of its " + length + " bytes missing"));
                    break;
                }
                ByteBuffer payload = ByteBuffer.allocate(length);
                channel.read(payload, position + JournalFormat.HEADER);
                byte[] bytes = payload.array();
                if (!JournalFormat.crcMatches(bytes, crc)) {
                    problems.add(problem(file, position, "corrupt entry (CRC mismatch), skipped"));
                    position = position + JournalFormat.HEADER + length;
                    validEnd = position;
                    continue;
                }
                byte[] sha = java.util.Arrays.copyOfRange(bytes, 1, 1 + JournalFormat.SHA_LENGTH);
                String hash = JournalFormat.hex(sha);
                int contentOffset = 1 + JournalFormat.SHA_LENGTH;
                if (bytes[0] == JournalFormat.BODY) {
                    bodies.put(hash, new long[] {position + JournalFormat.HEADER + contentOffset, length - contentOffset});
                } else if (bytes[0] == JournalFormat.RESPONSE) {
                    long[] body = bodies.get(hash);
                    byte[] metadata = java.util.Arrays.copyOfRange(bytes, contentOffset, length);
                    try {
                        if (body == null) {
                            JournalEntry entry = JournalFormat.entry(metadata, hash, () -> new byte[0]);
                            problems.add(problem(file, position, "response " + entry.request() + " received at "
                                    + entry.receivedAt() + " references a body that is missing or corrupt, skipped"));
                        } else {
                            entries.add(JournalFormat.entry(metadata, hash, reader(file, body[0], (int) body[1])));
                        }
                    } catch (IllegalArgumentException e) {
                        problems.add(problem(file, position, "corrupt entry (" + e.getMessage() + "), skipped"));
                    }
                } else {
                    problems.add(problem(file, position, "corrupt entry (unknown kind), skipped"));
                }
                position = position + JournalFormat.HEADER + length;
                validEnd = position;
            }
            problems.forEach(p -> LOG.warn("Journal: {}", p));
            return new Segment(file, List.copyOf(entries), List.copyOf(problems), bodies.size(), size, validEnd,
                    java.util.Set.copyOf(bodies.keySet()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read journal segment " + file, e);
        }
    }

    private static String problem(Path file, long offset, String what) {
        return file.getFileName() + " at byte " + offset + ": " + what;
    }

    /** The offset of the next frame magic at or after {@code from}, or the end of the file. */
    private static long nextMagic(FileChannel channel, long from, long size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        long position = from;
        int window = 0;
        long read = 0;
        while (position + read < size) {
            buffer.clear();
            int n = channel.read(buffer, position + read);
            if (n <= 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                window = (window << 8) | (buffer.get(i) & 0xff);
                long at = position + read + i - 3;
                if (at >= from && window == JournalFormat.MAGIC) {
                    return at;
                }
            }
            read += n;
        }
        return size;
    }

    private static Supplier<byte[]> reader(Path file, long offset, int length) {
        return () -> {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                ByteBuffer buffer = ByteBuffer.allocate(length);
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, offset + buffer.position()) < 0) {
                        throw new IOException("segment ends inside a body");
                    }
                }
                return JournalFormat.gunzip(buffer.array());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read a body of " + file, e);
            }
        };
    }
}
