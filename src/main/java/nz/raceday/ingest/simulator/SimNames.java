package nz.raceday.ingest.simulator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Word lists for plausible, invented names: venues per country and code, horses, greyhounds and people. Names are
 * only for reading the output; nothing depends on them being real (venue names are real places, everything else is
 * made up from parts).
 */
final class SimNames {

    /** A venue with the state TAB labels it with, its four-letter mnemonic and its club. */
    record Venue(String name, String state, String mnemonic, String club) {
    }

    static final List<Venue> NZ_GALLOPS = List.of(
            new Venue("Awapuni Synthetic", "NZ", "AWAP", "FLDG (Feilding JC)"),
            new Venue("Trentham", "NZ", "TRNT", "WELL (Wellington RC)"),
            new Venue("Ellerslie", "NZ", "ELLR", "ARC (Auckland RC)"),
            new Venue("Riccarton Park", "NZ", "RICC", "CANT (Canterbury JC)"),
            new Venue("Te Rapa", "NZ", "TRAP", "WAIK (Waikato RC)"),
            new Venue("Hastings", "NZ", "HAST", "HBAY (Hawke's Bay RI)"),
            new Venue("Otaki", "NZ", "OTAK", "OTMH (Otaki Maori RC)"),
            new Venue("Wanganui", "NZ", "WANG", "WANG (Wanganui JC)"),
            new Venue("Tauranga", "NZ", "TAUR", "TAUR (Tauranga RC)"),
            new Venue("Pukekohe Park", "NZ", "PUKE", "CNTY (Counties RC)"),
            new Venue("Matamata", "NZ", "MATA", "MATA (Matamata RC)"),
            new Venue("Rotorua", "NZ", "ROTO", "ROTO (Rotorua RC)"),
            new Venue("Wingatui", "NZ", "WING", "OTAG (Otago RC)"),
            new Venue("Ashburton", "NZ", "ASHB", "ASHB (Ashburton RC)"),
            new Venue("Cambridge Synthetic", "NZ", "CAMB", "CAMB (Cambridge JC)"));

    static final List<Venue> NZ_HARNESS = List.of(
            new Venue("Addington", "NZ", "ADDN", "NZMC (NZ Metropolitan TC)"),
            new Venue("Alexandra Park", "NZ", "ALEX", "ATC (Auckland TC)"),
            new Venue("Cambridge Raceway", "NZ", "CAMH", "CHRC (Cambridge HRC)"),
            new Venue("Forbury Park", "NZ", "FORB", "FPTC (Forbury Park TC)"),
            new Venue("Winton", "NZ", "WINT", "WHRC (Winton HRC)"),
            new Venue("Rangiora", "NZ", "RANG", "RHRC (Rangiora HRC)"),
            new Venue("Oamaru", "NZ", "OAMA", "NOTC (North Otago TC)"),
            new Venue("Gore", "NZ", "GORE", "GHRC (Gore HRC)"),
            new Venue("Motukarara", "NZ", "MOTU", "BPTC (Banks Peninsula TC)"),
            new Venue("Timaru", "NZ", "TIMA", "THRC (Timaru HRC)"));

    static final List<Venue> AUS_GALLOPS = List.of(
            new Venue("Randwick", "NSW", "RAND", "ATC (Australian TC)"),
            new Venue("Flemington", "VIC", "FLEM", "VRC (Victoria RC)"),
            new Venue("Eagle Farm", "QLD", "EAGF", "BRC (Brisbane RC)"),
            new Venue("Morphettville", "SA", "MORP", "SAJC (South Australian JC)"),
            new Venue("Caulfield", "VIC", "CAUL", "MRC (Melbourne RC)"),
            new Venue("Rosehill Gardens", "NSW", "ROSE", "ATC (Australian TC)"),
            new Venue("Doomben", "QLD", "DOOM", "BRC (Brisbane RC)"),
            new Venue("Kembla Grange", "NSW", "KEMB", "ILLA (Illawarra TC)"),
            new Venue("Grafton", "NSW", "GRAF", "CRJC (Clarence River JC)"),
            new Venue("Ipswich", "QLD", "IPSW", "ITC (Ipswich TC)"),
            new Venue("Cranbourne", "VIC", "CRAN", "CTC (Cranbourne TC)"),
            new Venue("Ascot", "WA", "ASCO", "PRC (Perth RC)"),
            new Venue("Gosford", "NSW", "GOSF", "GRC (Gosford RC)"),
            new Venue("Bunbury Fibre Sand", "WA", "BUNB", "BTC (Bunbury TC)"),
            new Venue("Hawkesbury", "NSW", "HAWK", "HRC (Hawkesbury RC)"));

    static final List<Venue> AUS_HARNESS = List.of(
            new Venue("Menangle", "NSW", "MENA", "HRNSW (Harness Racing NSW)"),
            new Venue("Melton", "VIC", "MELT", "HRV (Harness Racing Victoria)"),
            new Venue("Albion Park", "QLD", "ALBP", "APHRC (Albion Park HRC)"),
            new Venue("Globe Derby", "SA", "GLOB", "SAHRC (SA Harness Racing Club)"),
            new Venue("Gloucester Park", "WA", "GLOU", "WATA (WA Trotting Association)"),
            new Venue("Tamworth", "NSW", "TAMW", "THRC (Tamworth HRC)"),
            new Venue("Redcliffe", "QLD", "REDC", "RPTC (Redcliffe Paceway)"),
            new Venue("Kilmore", "VIC", "KILM", "KHRC (Kilmore HRC)"),
            new Venue("Penrith", "NSW", "PENR", "PPC (Penrith Paceway)"),
            new Venue("Bendigo", "VIC", "BEND", "BHRC (Bendigo HRC)"));

    static final List<Venue> UK_GALLOPS = List.of(
            new Venue("Yarmouth", "GBR", "YARM", "GYRC (Great Yarmouth RC)"),
            new Venue("Ffos Las", "GBR", "FFOS", "FLRC (Ffos Las RC)"),
            new Venue("Hamilton Park", "GBR", "HAMP", "HPRC (Hamilton Park RC)"),
            new Venue("Leicester", "GBR", "LEIC", "LRC (Leicester RC)"),
            new Venue("Chepstow", "GBR", "CHEP", "CRC (Chepstow RC)"),
            new Venue("Newmarket", "GBR", "NEWM", "JC (The Jockey Club)"),
            new Venue("York", "GBR", "YORK", "YRC (York RC)"),
            new Venue("Goodwood", "GBR", "GOOD", "GRC (Goodwood RC)"),
            new Venue("Doncaster", "GBR", "DONC", "DRC (Doncaster RC)"),
            new Venue("Haydock Park", "GBR", "HAYD", "HRC (Haydock RC)"));

    static final List<Venue> AUS_GREYHOUNDS = List.of(
            new Venue("Wentworth Park", "NSW", "WENP", "GRNSW (Greyhound Racing NSW)"),
            new Venue("Sandown Park", "VIC", "SANP", "GRV (Greyhound Racing Victoria)"),
            new Venue("Angle Park", "SA", "ANGP", "GRSA (Greyhound Racing SA)"),
            new Venue("Q1 Lakeside", "QLD", "QLAK", "GRQ (Greyhound Racing Queensland)"),
            new Venue("Warragul", "VIC", "WARR", "WGRC (Warragul GRC)"),
            new Venue("Dapto", "NSW", "DAPT", "DGRC (Dapto GRC)"),
            new Venue("Richmond Straight", "NSW", "RICS", "RGRC (Richmond GRC)"),
            new Venue("Hobart", "TAS", "HOBA", "TGRC (Tasmanian GRC)"),
            new Venue("Mandurah", "WA", "MAND", "WAGRA (WA Greyhound Racing Association)"),
            new Venue("Warrnambool", "VIC", "WBOL", "WGRC (Warrnambool GRC)"));

    private static final List<String> HORSE_FIRST = List.of("Silver", "Golden", "Midnight", "Royal", "Lucky",
            "Stormy", "Rapid", "Quiet", "Bold", "Scarlet", "Velvet", "Crimson", "Highland", "Copper", "Misty",
            "Iron", "Little", "Grand", "Wild", "Secret", "Brave", "Dancing", "Hidden", "Rising", "Southern",
            "Northern", "Lofty", "Blazing", "Gentle", "Shadow", "Autumn", "Summer", "Ocean", "Desert", "Mister",
            "Lady", "Captain", "Sir", "Miss", "Sweet");

    private static final List<String> HORSE_SECOND = List.of("Comet", "Legend", "Harbour", "Echo", "Dancer",
            "Spirit", "Ruler", "Whisper", "Charm", "Arrow", "Falcon", "Tide", "Banner", "Journey", "Rebel", "Sonnet",
            "Tempest", "Voyager", "Empire", "Crusader", "Meadow", "Rocket", "Ember", "Horizon", "Promise", "Glory",
            "Mirage", "Patrol", "Quest", "Rhythm", "Saga", "Thunder", "Venture", "Wonder", "Zephyr", "Maverick",
            "Outlaw", "Pilgrim", "Ranger", "Sapphire");

    private static final List<String> DOG_FIRST = List.of("Zipping", "Fernando", "Aston", "Blue", "Sweet", "Hot",
            "Space", "Shima", "Jaxon", "Bella", "Cosmic", "Tiger", "Dyna", "Big", "Miss", "Wow");

    private static final List<String> DOG_SECOND = List.of("Bale", "Rocket", "Flash", "Jet", "Dash", "Bolt", "Blitz",
            "Spark", "Zoom", "Whirl", "Fury", "Nitro", "Streak", "Turbo", "Storm", "Flyer");

    private static final List<String> GIVEN = List.of("Kate", "Liam", "Sam", "Leah", "Marc", "Craig", "Ryan",
            "Jasmine", "Michael", "Danielle", "Opie", "Joe", "Vinnie", "Masa", "Lisa", "Warren", "Rosie", "Troy",
            "Hannah", "Wiremu", "Ngaio", "Tom", "Jake", "Ana");

    private static final List<String> FAMILY = List.of("Hercock", "Kauri", "Weatherley", "Hemi", "Lerner", "Grylls",
            "Elliot", "Myers", "Walker", "Bosson", "Colgan", "Allpress", "Taylor", "Parata", "Williams", "Herewini",
            "Brown", "Wilson", "Ngata", "Roberts", "Clark", "Harrison", "Tamihana", "Green");

    private static final List<String> TRAINER_TOWNS = List.of("Awapuni", "Foxton", "Cambridge", "Matamata",
            "Te Awamutu", "Otaki", "Riccarton", "Hastings", "Wanganui", "Ruakaka", "Byerley Park", "Rangiora",
            "Warwick Farm", "Flemington", "Eagle Farm", "Morphettville");

    private static final List<String> SPONSORS = List.of("PRYDA", "SEAHORSE SUPPLEMENTS", "SPRAY SPECIALIST LTD",
            "HYGAIN", "CENTRAL ITM", "TOMO'S ALUMINIUM", "REGENT CAR COURT", "GARY DYER PAINTERS", "NRM",
            "MITRE 10", "EQUINE NUTRITION", "TAB TRACKSIDE", "FARMLANDS", "PGG WRIGHTSON");

    static final List<String> COLOURS = List.of("Cerise & gold hoops, cerise sleeves & quartered cap",
            "White, emerald green shamrock (b&f) & white cap", "Navy blue, red sash, striped cap",
            "Black & white halves, black cap", "Royal blue, yellow stars, yellow cap", "Red, white hooped sleeves",
            "Lime green, purple diamonds", "Orange & black checks", "Sky blue, white chevrons, sky blue cap",
            "Maroon, gold sleeves, maroon cap");

    static final List<String> GEAR = List.of("[Approved Plates, Blinkers, Lugging Bit]",
            "[Approved Plates, Lugging Bit, Nose Band, Tongue Tie]",
            "Blinkers OFF [Approved Plates, Ear Covers Pre-Race]", "[Approved Plates, Lugging Bit, Nose Band]",
            "Nose Band OFF [Approved Plates, Blinkers]", "[Approved Plates]",
            "[Approved Plates, Pacifiers, Tongue Tie]", "Tongue Tie ON [Approved Plates, Lugging Bit]");

    private SimNames() {
    }

    /** {@code count} different venues from the list, in a seeded order; cycles with a numeral when it runs out. */
    static List<Venue> venues(SplittableRandom random, List<Venue> from, int count) {
        List<Venue> order = new ArrayList<>(from);
        shuffle(random, order);
        List<Venue> venues = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Venue v = order.get(i % order.size());
            int round = i / order.size();
            venues.add(round == 0 ? v : new Venue(v.name() + " " + (round + 1), v.state(), v.mnemonic(), v.club()));
        }
        return venues;
    }

    /** {@code count} different horse (or greyhound) names for one race. */
    static List<String> runnerNames(SplittableRandom random, int count, boolean greyhounds) {
        List<String> first = greyhounds ? DOG_FIRST : HORSE_FIRST;
        List<String> second = greyhounds ? DOG_SECOND : HORSE_SECOND;
        Set<String> names = new HashSet<>();
        List<String> ordered = new ArrayList<>();
        while (ordered.size() < count) {
            String name = SimRandom.pick(random, first) + " " + SimRandom.pick(random, second);
            if (names.add(name)) {
                ordered.add(name);
            }
        }
        return ordered;
    }

    static String horseName(SplittableRandom random) {
        return SimRandom.pick(random, HORSE_FIRST) + " " + SimRandom.pick(random, HORSE_SECOND);
    }

    static String person(SplittableRandom random) {
        return SimRandom.pick(random, GIVEN) + " " + SimRandom.pick(random, FAMILY);
    }

    static String owners(SplittableRandom random) {
        String family = SimRandom.pick(random, FAMILY);
        return switch (random.nextInt(3)) {
            case 0 -> SimRandom.pick(random, GIVEN).charAt(0) + " " + family;
            case 1 -> SimRandom.pick(random, GIVEN).charAt(0) + " & " + SimRandom.pick(random, GIVEN).charAt(0) + " "
                    + family;
            default -> family + " Racing Syndicate";
        };
    }

    static String trainerTown(SplittableRandom random) {
        return SimRandom.pick(random, TRAINER_TOWNS);
    }

    /** A race name in TAB's style: sponsor, race kind and distance in capitals. */
    static String raceName(SplittableRandom random, String category, int distance) {
        if (category.equals("G")) {
            return SimRandom.pick(random, List.of("Maiden", "Grade 5", "Mixed 4/5", "Free For All", "Novice")) + " "
                    + distance + "m";
        }
        String kind = switch (category) {
            case "H" -> SimRandom.pick(random, List.of("MOBILE PACE", "HANDICAP TROT", "MOBILE TROT", "STAND PACE"));
            default -> SimRandom.pick(random, List.of("HANDICAP", "MAIDEN", "RATING 65", "BENCHMARK 72", "STAKES"));
        };
        return SimRandom.pick(random, SPONSORS) + " " + kind + " " + distance;
    }

    private static <T> void shuffle(SplittableRandom random, List<T> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T tmp = list.get(i);
            list.set(i, list.get(j));
            list.set(j, tmp);
        }
    }
}
