package nz.raceday.ingest.simulator;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A meeting of the simulated day: one venue's races on the racing day. {@link #imported()} tells whether the daily
 * import keeps it (AUS/NZ thoroughbred or harness) or must filter it out (UK, greyhounds).
 */
public final class SimulatedMeeting {

    /** A pool spanning several races of the meeting ({@code EarlyQuadrella} or {@code Quadrella}). */
    record MultiRacePool(String productType, List<Integer> legs, long finalCents, long jackpotCents) {
    }

    private final int index;
    private final String id;
    private final SimNames.Venue venue;
    private final String country;
    private final String category;
    private final String trackCondition;
    private final LocalDate racingDay;
    private final boolean imported;
    private final Integer toteMeetingNumber;
    private final List<String> videoChannels;
    private final List<MultiRacePool> multiRacePools;
    private final List<SimulatedRace> races = new ArrayList<>();

    SimulatedMeeting(int index, String id, SimNames.Venue venue, String country, String category,
            String trackCondition, LocalDate racingDay, boolean imported, Integer toteMeetingNumber,
            List<String> videoChannels, List<MultiRacePool> multiRacePools) {
        this.index = index;
        this.id = id;
        this.venue = venue;
        this.country = country;
        this.category = category;
        this.trackCondition = trackCondition;
        this.racingDay = racingDay;
        this.imported = imported;
        this.toteMeetingNumber = toteMeetingNumber;
        this.videoChannels = List.copyOf(videoChannels);
        this.multiRacePools = List.copyOf(multiRacePools);
    }

    void addRace(SimulatedRace race) {
        races.add(race);
    }

    /** 0-based position in the day's meeting list. */
    public int index() {
        return index;
    }

    /** The API's {@code meeting} id. */
    public String id() {
        return id;
    }

    public String name() {
        return venue.name();
    }

    /** {@code NZ}, {@code AUS} or {@code UK}. */
    public String country() {
        return country;
    }

    /** {@code NZ}, {@code NSW}, {@code VIC}, ..., {@code GBR}. */
    public String state() {
        return venue.state();
    }

    /** {@code T}, {@code H} or {@code G}. */
    public String category() {
        return category;
    }

    public String categoryName() {
        return switch (category) {
            case "T" -> "Thoroughbred Horse Racing";
            case "H" -> "Harness Horse Racing";
            default -> "Greyhound Racing";
        };
    }

    public String trackCondition() {
        return trackCondition;
    }

    /** The NZ racing day the meeting belongs to (its {@code date} is this day at 00:00Z). */
    public LocalDate racingDay() {
        return racingDay;
    }

    /** Whether the daily import keeps this meeting: country AUS/NZ and category T/H. */
    public boolean imported() {
        return imported;
    }

    /** The tote meeting number, or null for meetings the API lists without tote fields. */
    public Integer toteMeetingNumber() {
        return toteMeetingNumber;
    }

    public List<String> videoChannels() {
        return videoChannels;
    }

    /** Races in race-number order. */
    public List<SimulatedRace> races() {
        return Collections.unmodifiableList(races);
    }

    /** The race with this race number (1-based). */
    public SimulatedRace race(int raceNumber) {
        return races.get(raceNumber - 1);
    }

    /** Race numbers of the Quadrella, empty if the meeting has none. */
    public List<Integer> quaddie() {
        return legsOf("Quadrella");
    }

    /** Race numbers of the Early Quadrella, empty if the meeting has none. */
    public List<Integer> earlyQuaddie() {
        return legsOf("EarlyQuadrella");
    }

    String mnemonic() {
        return venue.mnemonic();
    }

    String club() {
        return venue.club();
    }

    List<MultiRacePool> multiRacePools() {
        return multiRacePools;
    }

    private List<Integer> legsOf(String productType) {
        return multiRacePools.stream().filter(p -> p.productType().equals(productType)).findFirst()
                .map(MultiRacePool::legs).orElse(List.of());
    }

    @Override
    public String toString() {
        return name() + " (" + country + " " + category + ", " + id + ")";
    }
}
