package nz.raceday.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nz.raceday.ingest.journal.JournalEntry;
import nz.raceday.ingest.journal.JournalFormat;
import nz.raceday.ingest.journal.JournalReader;
import nz.raceday.ingest.journal.JournalTools;
import nz.raceday.ingest.journal.Replayer;
import nz.raceday.ingest.journal.ResponseJournal;
import nz.raceday.ingest.store.DocumentQuery;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import nz.raceday.ingest.store.sqlite.SqliteRaceStore;
import nz.raceday.ingest.testsupport.RacedayRouteTestSupport;
import nz.raceday.ingest.testsupport.TabFixtures;
import org.junit.jupiter.api.Test;

/**
 * The journal of the recorded 2025-07-17 import: the TAB identification (canaries) never reaches it; stats and
 * export read it; a segment with a torn last entry and a corrupt one in the middle replays everything else and
 * reports both.
 */
class JournalDamageRouteTest extends RacedayRouteTestSupport {

    @Override
    protected Map<String, String> testProperties() {
        Map<String, String> properties = super.testProperties();
        properties.put("tab.meetings.page-size", "30");
        properties.put("camel.component.http.response-timeout", "30000");
        properties.put("camel.component.http.so-timeout", "30000");
        return properties;
    }

    private Path journalDir() {
        return workDir.resolve("journal");
    }

    private Path importAndJournal() {
        importDay(TabFixtures.DAY);
        ResponseJournal journal = context.getRegistry().lookupByNameAndType("responseJournal", ResponseJournal.class);
        assertThat(journal.flush(Duration.ofSeconds(30))).isTrue();
        return journalDir().resolve(JournalFormat.segmentName(TabFixtures.DAY));
    }

    @Test
    void shouldNeverJournalTheTabIdentificationAndShouldReadBackForStatsAndExport() throws IOException {
        Path segment = importAndJournal();
        JournalReader.Segment read = JournalReader.read(segment);
        // 3 meetings pages and 96 events
        assertThat(read.entries()).hasSize(99);
        assertThat(read.problems()).isEmpty();

        List<String> texts = new ArrayList<>();
        texts.add(new String(Files.readAllBytes(segment), StandardCharsets.ISO_8859_1));
        read.entries().forEach(e -> texts.add(new String(e.body().get(), StandardCharsets.UTF_8)));
        for (String canary : List.of(FROM_EMAIL, PARTNER_NAME, PARTNER_ID, "raceday-ingest/")) {
            assertThat(texts).as("canary " + canary).noneMatch(t -> t.contains(canary));
        }

        String stats = JournalTools.stats(journalDir(), null);
        assertThat(stats).contains("\"days\":1", "\"responses\":99", "\"bytesOnDisk\":" + Files.size(segment));

        JournalEntry event = read.entries().stream().filter(e -> e.path().startsWith("events/")).findFirst()
                .orElseThrow();
        String raceId = event.path().substring("events/".length());
        Path exported = workDir.resolve("export");
        List<Path> files = JournalTools.exportRace(journalDir(), raceId, exported);
        assertThat(files).hasSize(1);
        assertThat(files.get(0).getFileName().toString()).startsWith("event-" + raceId.substring(0, 8) + "-001-200-");
        assertThat(Files.readAllBytes(files.get(0))).isEqualTo(event.body().get());
        assertThat(exported.resolve("index.json")).content().contains(raceId, "\"status\":200");
    }

    @Test
    void shouldReplayAroundATornLastEntryAndACorruptOneInTheMiddleAndReportBoth() throws Exception {
        Path segment = importAndJournal();
        List<long[]> responses = responseFrames(segment);
        long[] middle = responses.get(responses.size() / 2);
        byte[] bytes = Files.readAllBytes(segment);
        // a flipped byte inside the middle response's metadata
        bytes[(int) (middle[0] + middle[1] - 3)] ^= 0x5a;
        // the last frame loses its last 10 bytes (a crash mid-write)
        Files.write(segment, java.util.Arrays.copyOf(bytes, bytes.length - 10));

        JournalReader.Segment read = JournalReader.read(segment);
        assertThat(read.entries()).hasSize(97);
        assertThat(read.problems()).hasSize(2);
        assertThat(read.problems().get(0)).contains("corrupt entry (CRC mismatch)");
        assertThat(read.problems().get(1)).contains("torn entry");

        Path database = workDir.resolve("replay.db");
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("raceday.db-path", database.toString());
        overrides.put("camel.main.routes-reload-enabled", "false");
        // the replay runs with the live run's settings: its requests are the journaled ones
        overrides.put("tab.meetings.page-size", "30");
        Replayer.Summary summary = new ReplayCommand(TabFixtures.DAY, journalDir(), Replayer.Speed.MAX, overrides)
                .replay();
        assertThat(summary.responses()).isEqualTo(97);
        assertThat(summary.problems()).anyMatch(p -> p.contains("corrupt entry")).anyMatch(p -> p.contains("torn entry"));
        try (SqliteRaceStore replayed = SqliteRaceStore.open(database, clock)) {
            // the two events missing from the journal leave their races without event detail; the rest is there
            assertThat(replayed.list(RaceDaySchema.RACES, DocumentQuery.all())).hasSize(96);
            assertThat(replayed.list(RaceDaySchema.MEETINGS, DocumentQuery.all())).hasSize(12);
            assertThat(replayed.list(RaceDaySchema.ENTRANTS, DocumentQuery.all())).isNotEmpty();
        }
    }

    /** Offsets and total lengths of the response frames of a segment, in order. */
    private static List<long[]> responseFrames(Path segment) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(segment));
        List<long[]> frames = new ArrayList<>();
        while (buffer.remaining() >= 12) {
            int start = buffer.position();
            buffer.getInt();
            int length = buffer.getInt();
            buffer.getInt();
            if (buffer.get(buffer.position()) == 'R') {
                frames.add(new long[] {start, 12 + length});
            }
            buffer.position(buffer.position() + length);
        }
        return frames;
    }
}
