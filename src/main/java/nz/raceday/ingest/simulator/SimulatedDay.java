package nz.raceday.ingest.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A deterministic model of one racing day, built relative to a start instant: the same settings (seed included)
 * and the same start give the same day, and the same payloads at the same instant; another seed gives other ids,
 * names, odds and results. Ids are name-based UUIDs of (seed, kind, indices).
 *
 * <p>Layout. {@code meetings} AUS/NZ meetings the import keeps, alternately thoroughbred and harness (NZ T, AUS H,
 * AUS T, NZ H, ...), and {@code otherMeetings} meetings it must filter out (UK thoroughbred, AUS greyhound, ...),
 * listed interleaved. Every meeting is labelled with the NZ racing day of the start ({@code Pacific/Auckland}; the
 * meeting {@code date} is that day at 00:00Z, as TAB encodes it). Advertised starts are {@code firstStart} after the
 * start and then {@code spacing} apart, interleaved across the kept meetings (meeting 1 race 1, meeting 2 race 1,
 * meeting 1 race 2, ...); the filtered-out meetings run on the same clock in parallel.
 *
 * <p>Specials, each on its own kept race, counted in start order from 0 (race 0 always stays plain):
 * <ul>
 *   <li>{@link Special#MOVED_START}: the first race (after race 0) more than 10 minutes after the start; at 10
 *       minutes before its advertised start, that start moves 3 minutes later (events and meetings list);</li>
 *   <li>{@link Special#LATE_SCRATCHING}: the first free race from race 1 on; one runner (seeded) is scratched at the
 *       tick boundary 2 minutes before the advertised start;</li>
 *   <li>{@link Special#DELAYED_START}: the next free race; it stays Open until 2 minutes after its advertised start,
 *       then jumps (the advertised start stays);</li>
 *   <li>{@link Special#ABANDONED}: the next free race; Abandoned from 1 minute before its advertised start.</li>
 * </ul>
 * With the defaults (2 meetings × 4 races, first start 3 min, spacing 90 s) that is: race 0 at +3:00 plain,
 * race 1 (+4:30) late scratching at +2:30, race 2 (+6:00) delayed, jumping at +8:00, race 3 (+7:30) abandoned at
 * +6:30, race 5 (+10:30) moved at +0:30 to +13:30; the day ends at +15:15, when the last races turn Final. A day
 * with too few kept races leaves the specials that do not fit out ({@link #raceWith(Special)} is then empty).
 */
public final class SimulatedDay {

    private final DayContext ctx;
    private final List<SimulatedMeeting> meetings;
    private final Map<String, SimulatedRace> racesById;
    private final List<SimulatedRace> racesInStartOrder;
    private final Map<Special, SimulatedRace> specials;
    private final Instant end;

    private SimulatedDay(DayContext ctx, List<SimulatedMeeting> meetings, Map<Special, SimulatedRace> specials) {
        this.ctx = ctx;
        this.meetings = List.copyOf(meetings);
        this.specials = specials;
        Map<String, SimulatedRace> byId = new LinkedHashMap<>();
        for (SimulatedMeeting meeting : meetings) {
            meeting.races().forEach(r -> byId.put(r.id(), r));
        }
        this.racesById = byId;
        this.racesInStartOrder = byId.values().stream()
                .sorted(Comparator.comparing(SimulatedRace::originalAdvertisedStart)
                        .thenComparing(r -> r.meeting().index()))
                .toList();
        this.end = racesInStartOrder.stream().map(SimulatedRace::endTime).max(Comparator.naturalOrder())
                .orElse(ctx.start());
    }

    /**
     * Builds the day.
     *
     * @param start the simulation start (truncated to whole seconds: the API's times are whole seconds)
     */
    public static SimulatedDay create(SimulatorSettings settings, Instant start) {
        Instant origin = start.truncatedTo(ChronoUnit.SECONDS);
        DayContext ctx = new DayContext(settings, origin, LocalDate.ofInstant(origin, DayContext.NZ));
        long seed = settings.seed();
        int kept = settings.meetings();
        int others = settings.otherMeetings();
        int races = settings.racesPerMeeting();

        // which kinds of meeting, in list order: kept and filtered-out ones interleaved
        List<String> kinds = new ArrayList<>();
        List<Integer> ordinals = new ArrayList<>();
        for (int i = 0; i < Math.max(kept, others); i++) {
            if (i < kept) {
                kinds.add(keptKind(i));
                ordinals.add(i);
            }
            if (i < others) {
                kinds.add(i % 2 == 0 ? "UKT" : "AUSG");
                ordinals.add(i);
            }
        }
        Map<String, List<SimNames.Venue>> venues = venues(seed, kinds);
        Map<String, Integer> venueUse = new HashMap<>();

        Map<Integer, Special> keptSpecials = assignSpecials(settings);
        Map<Special, SimulatedRace> specialRaces = new EnumMap<>(Special.class);
        List<SimulatedMeeting> meetings = new ArrayList<>();
        SplittableRandom tote = SimRandom.random(seed, SimRandom.label("meetings"));
        for (int index = 0; index < kinds.size(); index++) {
            String kind = kinds.get(index);
            int ordinal = ordinals.get(index);
            boolean isKept = kind.startsWith("NZ") || kind.equals("AUST") || kind.equals("AUSH");
            String country = kind.substring(0, kind.length() - 1);
            String category = kind.substring(kind.length() - 1);
            SimNames.Venue venue = venues.get(kind).get(venueUse.merge(kind, 1, Integer::sum) - 1);
            Integer toteNumber = kind.equals("UKT") ? null : 1 + tote.nextInt(60);
            List<String> channels = !isKept ? List.of() : country.equals("NZ") ? List.of("Trackside1")
                    : List.of("SkyRacing1");
            SimulatedMeeting meeting = new SimulatedMeeting(index, SimRandom.uuid(seed, "meeting", index), venue,
                    country, category, trackCondition(tote, country, category, venue), ctx.racingDay(), isKept,
                    toteNumber, channels, isKept ? multiRacePools(tote, races, ordinal) : List.of());
            int meetingsOnClock = isKept ? kept : others;
            for (int r = 0; r < races; r++) {
                long slot = (long) r * meetingsOnClock + ordinal;
                Instant advertised = origin.plus(settings.firstStart()).plus(settings.spacing().multipliedBy(slot));
                Special special = isKept ? keptSpecials.get((int) slot) : null;
                SimulatedRace race = new SimulatedRace(ctx, meeting, r, advertised, special);
                meeting.addRace(race);
                if (special != null) {
                    specialRaces.put(special, race);
                }
            }
            meetings.add(meeting);
        }
        return new SimulatedDay(ctx, meetings, specialRaces);
    }

    /** Kept meetings alternate T and H, and NZ, AUS, AUS, NZ: four meetings cover every combination. */
    private static String keptKind(int i) {
        String country = i % 4 == 0 || i % 4 == 3 ? "NZ" : "AUS";
        return country + (i % 2 == 0 ? "T" : "H");
    }

    private static Map<String, List<SimNames.Venue>> venues(long seed, List<String> kinds) {
        Map<String, List<SimNames.Venue>> lists = Map.of("NZT", SimNames.NZ_GALLOPS, "NZH", SimNames.NZ_HARNESS,
                "AUST", SimNames.AUS_GALLOPS, "AUSH", SimNames.AUS_HARNESS, "UKT", SimNames.UK_GALLOPS,
                "AUSG", SimNames.AUS_GREYHOUNDS);
        Map<String, List<SimNames.Venue>> chosen = new HashMap<>();
        for (String kind : List.of("NZT", "NZH", "AUST", "AUSH", "UKT", "AUSG")) {
            int count = (int) kinds.stream().filter(kind::equals).count();
            SplittableRandom random = SimRandom.random(seed, SimRandom.label("venues"), SimRandom.label(kind));
            chosen.put(kind, SimNames.venues(random, lists.get(kind), count));
        }
        return chosen;
    }

    private static String trackCondition(SplittableRandom random, String country, String category,
            SimNames.Venue venue) {
        if (venue.name().contains("Synthetic") || venue.name().contains("Fibre Sand")) {
            return "Synthetic";
        }
        return switch (category) {
            case "H" -> SimRandom.pick(random, List.of("Fast", "Good", "Easy"));
            case "G" -> "Good";
            default -> country.equals("UK") ? "Good"
                    : SimRandom.pick(random, List.of("Good3", "Good4", "Soft5", "Soft6", "Heavy8"));
        };
    }

    /**
     * Multi-race pools of a kept meeting: with 6 or more races an Early Quadrella on races 1-4 and a Quadrella on the
     * last four; with 4 or 5 races one of them (alternating by meeting, so a default day has both kinds).
     */
    private static List<SimulatedMeeting.MultiRacePool> multiRacePools(SplittableRandom random, int races,
            int ordinal) {
        List<SimulatedMeeting.MultiRacePool> pools = new ArrayList<>();
        List<Integer> early = List.of(1, 2, 3, 4);
        List<Integer> late = races < 4 ? List.of() : List.of(races - 3, races - 2, races - 1, races);
        boolean both = races >= 6;
        if (races >= 4 && (both || ordinal % 2 == 0)) {
            pools.add(new SimulatedMeeting.MultiRacePool("EarlyQuadrella", early,
                    Math.round((6_000 + random.nextDouble() * 9_000) * 100), 0));
        }
        if (races >= 4 && (both || ordinal % 2 == 1)) {
            long jackpot = random.nextInt(3) == 0 ? Math.round(random.nextDouble() * 7_000 * 100) : 0;
            pools.add(new SimulatedMeeting.MultiRacePool("Quadrella", late,
                    Math.round((8_000 + random.nextDouble() * 14_000) * 100), jackpot));
        }
        return pools;
    }

    /** Specials by the slot (start order) of a kept race; see the class comment. */
    private static Map<Integer, Special> assignSpecials(SimulatorSettings settings) {
        int slots = settings.meetings() * settings.racesPerMeeting();
        Map<Integer, Special> bySlot = new HashMap<>();
        for (int slot = 1; slot < slots; slot++) {
            Duration untilStart = settings.firstStart().plus(settings.spacing().multipliedBy(slot));
            if (untilStart.compareTo(Duration.ofMinutes(10)) > 0) {
                // more than 10 minutes away, so the move happens while the simulation runs
                bySlot.put(slot, Special.MOVED_START);
                break;
            }
        }
        for (Special special : List.of(Special.LATE_SCRATCHING, Special.DELAYED_START, Special.ABANDONED)) {
            for (int slot = 1; slot < slots; slot++) {
                if (!bySlot.containsKey(slot)) {
                    bySlot.put(slot, special);
                    break;
                }
            }
        }
        return bySlot;
    }

    // ---------------------------------------------------------------- queries

    public SimulatorSettings settings() {
        return ctx.settings();
    }

    /** The simulation start (whole seconds). */
    public Instant start() {
        return ctx.start();
    }

    /** The NZ racing day every meeting is labelled with. */
    public LocalDate racingDay() {
        return ctx.racingDay();
    }

    /** When the last race is Final or Abandoned. */
    public Instant end() {
        return end;
    }

    /** Every meeting, in the order of the meetings list. */
    public List<SimulatedMeeting> meetings() {
        return meetings;
    }

    /** The meetings the daily import keeps (AUS/NZ, T/H). */
    public List<SimulatedMeeting> importedMeetings() {
        return meetings.stream().filter(SimulatedMeeting::imported).toList();
    }

    /** Every race of every meeting, by original advertised start. */
    public List<SimulatedRace> races() {
        return racesInStartOrder;
    }

    /** The races of the kept meetings, by original advertised start. */
    public List<SimulatedRace> importedRaces() {
        return racesInStartOrder.stream().filter(r -> r.meeting().imported()).toList();
    }

    /**
     * The race with this event id.
     *
     * @throws IllegalArgumentException for an id that is not a race of this day
     */
    public SimulatedRace race(String id) {
        return findRace(id).orElseThrow(() -> new IllegalArgumentException("no simulated race " + id));
    }

    /** The race with this event id, if it is one of this day's. */
    public Optional<SimulatedRace> findRace(String id) {
        return Optional.ofNullable(id == null ? null : racesById.get(id));
    }

    /** The meeting with this id, if it is one of this day's. */
    public Optional<SimulatedMeeting> findMeeting(String id) {
        return meetings.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /** The race carrying a special, if the day has room for it. */
    public Optional<SimulatedRace> raceWith(Special special) {
        return Optional.ofNullable(specials.get(special));
    }

    /** Something that happens to a race at an instant, for telling a person what to watch. */
    public record TimelineEvent(Instant at, SimulatedRace race, String description) {
    }

    /**
     * What happens when, for every race: start moves, the late scratching, the abandonment, each jump, Interim and
     * Final, ordered by time.
     */
    public List<TimelineEvent> timeline() {
        List<TimelineEvent> events = new ArrayList<>();
        for (SimulatedRace race : racesInStartOrder) {
            if (race.movedAt() != null) {
                Instant movedTo = race.advertisedStartAt(race.movedAt());
                events.add(new TimelineEvent(race.movedAt(), race, "advertised start moves from "
                        + nzTime(race.originalAdvertisedStart()) + " to " + nzTime(movedTo) + " NZ time"));
            }
            race.lateScratchedRunner().ifPresent(runner -> events.add(new TimelineEvent(race.scratchTime(), race,
                    "runner " + runner.runnerNumber() + " " + runner.name() + " is late scratched")));
            if (race.abandonedAt() != null) {
                events.add(new TimelineEvent(race.abandonedAt(), race, "is abandoned"));
                continue;
            }
            boolean delayed = race.jumpTime().isAfter(race.advertisedStartAt(race.jumpTime()));
            events.add(new TimelineEvent(race.jumpTime(), race, delayed
                    ? "jumps (Closed), " + Duration.between(race.advertisedStartAt(race.jumpTime()), race.jumpTime())
                            .toMinutes() + " min after its advertised start"
                    : "jumps (Closed)"));
            events.add(new TimelineEvent(race.interimAt(), race, "is Interim: results and interim dividends"));
            events.add(new TimelineEvent(race.finalAt(), race, "is Final"));
        }
        events.sort(Comparator.comparing(TimelineEvent::at));
        return events;
    }

    private static String nzTime(Instant instant) {
        return LocalTime.ofInstant(instant, DayContext.NZ).toString();
    }

    @Override
    public String toString() {
        return "SimulatedDay[" + racingDay() + ", seed " + settings().seed() + ", " + meetings.size() + " meetings, "
                + racesById.size() + " races, " + start() + " .. " + end + "]";
    }
}
