package nz.raceday.ingest.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import nz.raceday.ingest.shared.RacingDay;
import nz.raceday.ingest.tab.TabCall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer and reader of the journal: segments per NZ racing day, bodies once, retention by racing day. */
class ResponseJournalTest {

    @TempDir
    Path directory;

    private final Instant at = Instant.parse("2025-07-16T23:30:00Z");
    private final Clock clock = Clock.fixed(at, ZoneOffset.UTC);

    @Test
    void shouldStoreIdenticalBodiesOnceAndReadEveryEntryBackAsRecorded() {
        byte[] same = "{\"data\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] other = "not json".getBytes(StandardCharsets.UTF_8);
        try (ResponseJournal journal = new ResponseJournal(true, directory, 30, Duration.ZERO, clock)) {
            journal.append(new TabCall("events/a", "x=1"), 200, null, at, JournalEntry.Served.poll("a", at), same, null);
            journal.append(new TabCall("events/a", "x=1"), 503, "2", at.plusSeconds(1), JournalEntry.Served.poll("a", at),
                    other, null);
            journal.append(new TabCall("events/b", ""), 200, null, at.plusSeconds(2), JournalEntry.Served.importRun("r1",
                    "2025-07-17", List.of("meetings"), "test"), same, null);
            journal.append(new TabCall("events/b", ""), 0, null, at.plusSeconds(3), JournalEntry.Served.OTHER,
                    new byte[0], "SocketTimeoutException: Read timed out");
            assertThat(journal.flush(Duration.ofSeconds(10))).isTrue();
        }
        JournalReader.Segment segment = JournalReader.read(directory.resolve("2025-07-17.journal"));
        assertThat(segment.problems()).isEmpty();
        assertThat(segment.distinctBodies()).isEqualTo(3);
        assertThat(segment.entries()).extracting(JournalEntry::request).containsExactly("events/a?x=1", "events/a?x=1",
                "events/b", "events/b");
        assertThat(segment.entries().get(0).body().get()).isEqualTo(same);
        assertThat(segment.entries().get(1).body().get()).isEqualTo(other);
        assertThat(segment.entries().get(1).retryAfter()).isEqualTo("2");
        assertThat(segment.entries().get(2).body().get()).isEqualTo(same);
        assertThat(segment.entries().get(2).served().steps()).containsExactly("meetings");
        assertThat(segment.entries().get(3).noResponse()).isTrue();
        assertThat(segment.entries().get(3).failure()).contains("Read timed out");
        assertThat(segment.entries().get(0).served().plannedAt()).isEqualTo(at);
    }

    @Test
    void shouldPutEachResponseInTheSegmentOfItsNzRacingDayAndAppendAfterARestart() {
        // 11:59 and 12:01 UTC in July: either side of midnight NZST
        Instant beforeMidnight = Instant.parse("2025-07-17T11:59:00Z");
        Instant afterMidnight = Instant.parse("2025-07-17T12:01:00Z");
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        for (Instant received : List.of(beforeMidnight, afterMidnight)) {
            try (ResponseJournal journal = new ResponseJournal(true, directory, 30, Duration.ofSeconds(1), clock)) {
                journal.append(new TabCall("meetings", ""), 200, null, received, JournalEntry.Served.OTHER, body, null);
                journal.append(new TabCall("meetings", ""), 200, null, received, JournalEntry.Served.OTHER, body, null);
                journal.flush(Duration.ofSeconds(10));
            }
        }
        try (ResponseJournal journal = new ResponseJournal(true, directory, 30, Duration.ofSeconds(1), clock)) {
            journal.append(new TabCall("meetings", ""), 200, null, afterMidnight, JournalEntry.Served.OTHER, body, null);
            journal.flush(Duration.ofSeconds(10));
        }
        assertThat(JournalReader.segments(directory)).containsOnlyKeys(RacingDay.of(beforeMidnight),
                RacingDay.of(afterMidnight));
        JournalReader.Segment second = JournalReader.read(directory.resolve(
                JournalFormat.segmentName(LocalDate.parse("2025-07-18"))));
        assertThat(second.entries()).hasSize(3);
        assertThat(second.distinctBodies()).as("the body stays stored once after a restart").isEqualTo(1);
    }

    @Test
    void shouldDeleteOnlyTheSegmentsOlderThanTheRetention() throws IOException {
        LocalDate today = RacingDay.today(clock);
        for (int age : List.of(45, 31, 30, 1, 0)) {
            Files.writeString(directory.resolve(JournalFormat.segmentName(today.minusDays(age))), "x");
        }
        Files.writeString(directory.resolve("notes.txt"), "kept");
        Files.writeString(directory.resolve("2020-01-01.journal.bak"), "kept");
        try (ResponseJournal journal = new ResponseJournal(true, directory, 30, Duration.ofSeconds(1), clock)) {
            assertThat(journal.deleteExpired()).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder(
                    JournalFormat.segmentName(today.minusDays(45)), JournalFormat.segmentName(today.minusDays(31)));
        }
        assertThat(JournalReader.segments(directory)).containsOnlyKeys(today.minusDays(30), today.minusDays(1), today);
        assertThat(directory.resolve("notes.txt")).exists();
        assertThat(directory.resolve("2020-01-01.journal.bak")).exists();
    }

    @Test
    void shouldWriteNothingWhenDisabled() {
        try (ResponseJournal journal = new ResponseJournal(false, directory.resolve("off"), 30, Duration.ZERO, clock)) {
            journal.append(new TabCall("meetings", ""), 200, null, at, JournalEntry.Served.OTHER, new byte[1], null);
        }
        assertThat(directory.resolve("off")).doesNotExist();
    }
}
