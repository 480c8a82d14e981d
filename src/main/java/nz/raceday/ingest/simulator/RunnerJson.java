package nz.raceday.ingest.simulator;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Renders one {@code data.runners[]} object with every field of the real payload, in the real order. The fields the
 * pipeline reads come from the ground truth ({@link RaceState.Runner}, {@link SimulatedRunner}); the form guide
 * (breeding, statistics, {@code last_starts}) is generated from the seed at render time rather than kept, so a day
 * of thousands of runners costs no memory for it, and it never changes during the day.
 */
final class RunnerJson {

    /** Keys the API leaves out of the top-level {@code favourite} and {@code mover} copies of a runner. */
    static final List<String> NOT_IN_FAVOURITE = List.of("meta", "picks", "flucs", "scr_time", "competitor_id",
            "ride_guide_exists", "ride_guide_thumbnail", "ride_guide_file", "flucs_with_timestamp");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long K_FORM = SimRandom.label("form");
    private static final long K_LAST_STARTS = SimRandom.label("last-starts");
    private static final DateTimeFormatter FORM_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final List<String> STAT_BLOCKS_1 = List.of("first_up", "second_up", "third_up", "fourth_up",
            "track", "distance", "track_distance", "good", "soft", "heavy", "turf", "synthetic", "overall");
    private static final List<String> STAT_BLOCKS_2 = List.of("left_handed", "right_handed", "hurdle", "steeple",
            "fresh_30", "fresh_90", "weight_for_age");
    private static final List<String> TRACKS = List.of("WGUI", "AWAP", "TRNT", "OTAK", "HAST", "TRAP", "ELLR",
            "RICC", "ADDN", "ALEX", "CAMB", "MATA");

    private RunnerJson() {
    }

    static ObjectNode render(SimulatedRace race, SimulatedRunner card, RaceState.Runner state,
            List<SimulatedRace.PricePoint> flucs) {
        DayContext ctx = race.context();
        SimulatedMeeting meeting = race.meeting();
        String category = meeting.category();
        SplittableRandom form = SimRandom.random(ctx.seed(), K_FORM, meeting.index(), race.raceIndex(), card.index());
        int age = category.equals("G") ? 2 + form.nextInt(3) : 3 + form.nextInt(6);
        int starts = form.nextInt(40);
        int wins = starts == 0 ? 0 : form.nextInt(Math.max(1, starts / 4 + 1));

        ObjectNode r = NODES.objectNode();
        r.put("entrant_id", card.entrantId());
        r.put("market_name", "Final Field");
        r.put("primary_market", true);
        r.put("name", card.name());
        r.put("is_scratched", state.scratched());
        r.put("is_late_scratched", state.lateScratched());
        r.put("is_emergency", false);
        r.put("first_start_indicator", starts == 0);
        r.put("emergency_position", "");
        if (card.runnerChange() == null) {
            r.putNull("runner_change");
        } else {
            ObjectNode change = r.putObject("runner_change");
            card.runnerChange().forEach(change::put);
        }
        r.put("foaling_date", ctx.racingDay().minusYears(age).minusDays(form.nextInt(300)).toString());
        r.put("gear", category.equals("G") ? "" : SimRandom.pick(form, SimNames.GEAR));
        ObjectNode odds = r.putObject("odds");
        // a scratched runner has no prices: the feed sends 0, which consumers read as "no price"
        Payloads.number(odds, "fixed_win", state.fixedWin() == null ? 0 : state.fixedWin());
        Payloads.number(odds, "fixed_place", state.fixedPlace() == null ? 0 : state.fixedPlace());
        Payloads.number(odds, "pool_win", state.poolWin() == null ? 0 : state.poolWin());
        Payloads.number(odds, "pool_place", state.poolPlace() == null ? 0 : state.poolPlace());
        r.put("scratch_time", state.scratchTime() == null ? 0 : state.scratchTime().getEpochSecond());
        if (card.numericBarrier()) {
            r.put("barrier", Integer.parseInt(card.barrier()));
        } else {
            r.put("barrier", card.barrier());
        }
        r.put("runner_number", card.runnerNumber());
        r.put("prize_money", Long.toString(wins * 4_000L + starts * 350L + form.nextInt(2_000)));
        r.put("age", age);
        r.put("sex", category.equals("G") ? SimRandom.pick(form, List.of("D", "B"))
                : SimRandom.pick(form, List.of("g", "g", "m", "h", "f", "c")));
        r.put("colour", category.equals("G") ? SimRandom.pick(form, List.of("BK", "BD", "F", "W"))
                : SimRandom.pick(form, List.of("b", "br", "ch", "gr", "bl")));
        r.put("silk_colours", card.silkColours());
        r.put("silk_url_64x64", card.silkUrl64());
        r.put("silk_url_128x128", card.silkUrl128());
        r.put("alt_silk_url_64x64", card.silkUrl64().replace("/silks/", "/alt-silks/"));
        r.put("alt_silk_url_128x128", card.silkUrl128().replace("/silks/", "/alt-silks/"));
        r.putNull("form_comment");
        r.put("class_level", "");
        r.put("jockey", card.jockey());
        boolean apprentice = category.equals("T") && form.nextInt(5) == 0;
        r.put("apprentice_indicator", apprentice ? "A" : "");
        r.put("allowance_weight", apprentice ? Integer.toString(1 + form.nextInt(3)) : "");
        r.put("owners", SimNames.owners(form));
        r.put("country", meeting.country().equals("AUS") ? "AUS" : "NZ");
        r.put("trainer_name", card.trainerName());
        r.put("last_twenty_starts", lastStartsSummary(form, Math.min(starts, 20)));
        String sire = SimNames.horseName(form);
        String dam = SimNames.horseName(form);
        r.put("sire", sire);
        r.put("dam", dam);
        r.put("breeding", age + "  " + sire + "-" + dam);
        ObjectNode weight = r.putObject("weight");
        String kilos = switch (category) {
            case "H" -> "0";
            case "G" -> String.format(Locale.ROOT, "%.1f", 26 + form.nextDouble() * 10);
            default -> Integer.toString(54 + form.nextInt(8));
        };
        weight.put("allocated", kilos);
        weight.put("total", kilos);
        r.put("rating", "");
        r.put("handicap_rating", category.equals("T") ? Integer.toString(40 + form.nextInt(40)) : "");
        r.put("favourite", state.favourite());
        r.put("mover", state.mover());
        ObjectNode speedmap = r.putObject("speedmap");
        speedmap.put("settling_lengths", form.nextInt(12));
        speedmap.put("entrant_id", card.entrantId());
        speedmap.put("label", SimRandom.pick(form, List.of("Leader", "Front Runner", "On Pace", "Midfield",
                "Backmarker")));
        r.putNull("form_indicators");
        r.putObject("past_performances").set("jockey", stats(form, 5 + form.nextInt(20), false));
        ObjectNode jockeyPast = r.putObject("jockey_past_performances");
        jockeyPast.set("last_50_starts", stats(form, 50, false));
        jockeyPast.set("trainer", stats(form, 5 + form.nextInt(20), false));
        for (String block : STAT_BLOCKS_1) {
            r.set(block, stats(form, block.equals("overall") ? starts : form.nextInt(Math.max(1, starts / 2 + 1)),
                    true));
        }
        r.set("last_starts", lastStarts(race, card));
        for (String block : STAT_BLOCKS_2) {
            r.set(block, stats(form, form.nextInt(Math.max(1, starts / 3 + 1)), true));
        }
        int winPercent = starts == 0 ? 0 : 100 * wins / starts;
        r.put("win_p", winPercent + "%");
        r.put("place_p", Math.min(100, winPercent + form.nextInt(20)) + "%");
        r.put("spr", form.nextInt(3_000));
        ObjectNode last12 = r.putObject("last_12_months");
        int recent = Math.min(starts, form.nextInt(12));
        last12.put("number_of_starts", recent);
        last12.put("number_of_wins", Math.min(recent, wins));
        last12.put("number_of_seconds", recent > 2 ? form.nextInt(2) : 0);
        last12.put("number_of_thirds", recent > 3 ? form.nextInt(2) : 0);
        r.put("last_12_w", (recent == 0 ? 0 : 100 * Math.min(recent, wins) / recent) + "%");
        r.put("last_12_p", (recent == 0 ? 0 : Math.min(100, 100 * (Math.min(recent, wins) + 1) / recent)) + "%");
        r.putObject("last_12_months_prize_money").put(meeting.country().equals("AUS") ? "AUD" : "NZD",
                recent * 1_500 + form.nextInt(5_000));
        r.put("trainer_location", card.trainerLocation());
        r.put("horse_id", 100_000 + form.nextInt(400_000));
        r.set("slow", stats(form, form.nextInt(Math.max(1, starts / 3 + 1)), true));
        r.set("firm", stats(form, form.nextInt(Math.max(1, starts / 3 + 1)), true));
        r.put("dam_dam", SimNames.horseName(form));
        r.put("dam_sire", SimNames.horseName(form));
        ArrayNode history = r.putArray("runner_win_history");
        for (int w = 0; w < Math.min(wins, 4); w++) {
            history.addObject().put("details", (1 + form.nextInt(5)) + "th up " + String.format(Locale.ROOT,
                    "%02d/%02d", 1 + form.nextInt(12), 20 + form.nextInt(5)) + " " + SimRandom.pick(form, TRACKS)
                    + " MDN (" + (1 + form.nextInt(12)) + ") 0:" + (40 + form.nextInt(20)));
        }
        ArrayNode picks = r.putArray("picks");
        for (int p = 0; p < 2; p++) {
            ObjectNode pick = picks.addObject();
            pick.put("name", SimNames.person(form));
            pick.put("rank", 1 + form.nextInt(6));
            pick.put("selector_type", "trackside");
            pick.put("comment", "");
        }
        r.putNull("meta");
        ArrayNode flucList = r.putArray("flucs");
        flucs.forEach(p -> flucList.add(Payloads.numberNode(p.price())));
        if (state.scratchTime() == null) {
            r.putNull("scr_time");
        } else {
            r.put("scr_time", state.scratchTime().toString());
        }
        r.put("competitor_id", "");
        r.put("ride_guide_exists", false);
        r.put("ride_guide_thumbnail", "");
        r.put("ride_guide_file", "");
        r.set("flucs_with_timestamp", flucsWithTimestamp(flucs));
        return r;
    }

    /** The top-level {@code favourite}/{@code mover} object: the runner without the keys the API leaves out. */
    static ObjectNode summary(ObjectNode runner) {
        ObjectNode copy = runner.deepCopy();
        copy.remove(NOT_IN_FAVOURITE);
        return copy;
    }

    private static ObjectNode flucsWithTimestamp(List<SimulatedRace.PricePoint> flucs) {
        ObjectNode node = NODES.objectNode();
        ArrayNode lastSix = node.putArray("last_six");
        List<SimulatedRace.PricePoint> tail = flucs.subList(Math.max(0, flucs.size() - 6), flucs.size());
        tail.forEach(p -> lastSix.add(point(p)));
        SimulatedRace.PricePoint open = flucs.get(0);
        SimulatedRace.PricePoint high = open;
        SimulatedRace.PricePoint low = open;
        for (SimulatedRace.PricePoint p : flucs) {
            high = p.price() > high.price() ? p : high;
            low = p.price() < low.price() ? p : low;
        }
        node.set("open", point(open));
        node.set("high", point(high));
        node.set("low", point(low));
        node.set("nine_am", point(open));
        return node;
    }

    private static ObjectNode point(SimulatedRace.PricePoint p) {
        ObjectNode node = NODES.objectNode();
        node.put("timestamp", Payloads.rfc3339(p.at()));
        Payloads.number(node, "fluc", p.price());
        return node;
    }

    private static ObjectNode stats(SplittableRandom form, int starts, boolean withWinningDistance) {
        ObjectNode node = NODES.objectNode();
        int wins = starts == 0 ? 0 : form.nextInt(starts / 4 + 1);
        int seconds = starts - wins == 0 ? 0 : form.nextInt((starts - wins) / 4 + 1);
        int thirds = starts - wins - seconds == 0 ? 0 : form.nextInt((starts - wins - seconds) / 4 + 1);
        node.put("number_of_starts", starts);
        node.put("number_of_wins", wins);
        node.put("number_of_placings", 0);
        node.put("number_of_seconds", seconds);
        node.put("number_of_thirds", thirds);
        if (withWinningDistance) {
            node.put("winning_distance", 0);
        }
        return node;
    }

    private static String lastStartsSummary(SplittableRandom form, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            int finish = form.nextInt(12);
            // 0 is tenth or worse, X a spell, as in TAB's form strings
            text.append(finish == 11 ? "X" : Integer.toString(finish % 10));
        }
        return text.toString();
    }

    /** {@code formDepth} past runs, each with the real entry's keys (all strings), newest first. */
    private static ArrayNode lastStarts(SimulatedRace race, SimulatedRunner card) {
        DayContext ctx = race.context();
        SplittableRandom random = SimRandom.random(ctx.seed(), K_LAST_STARTS, race.meeting().index(),
                race.raceIndex(), card.index());
        ArrayNode list = NODES.arrayNode();
        LocalDate date = ctx.racingDay();
        for (int i = 0; i < ctx.settings().formDepth(); i++) {
            int daysSince = 7 + random.nextInt(50);
            date = date.minusDays(daysSince);
            int runners = 6 + random.nextInt(10);
            int finish = 1 + random.nextInt(runners);
            int distance = race.meeting().category().equals("G") ? 300 + 20 * random.nextInt(15)
                    : 1000 + 20 * random.nextInt(70);
            double seconds = distance / (15.5 + random.nextDouble());
            String track = SimRandom.pick(random, TRACKS);
            ObjectNode start = list.addObject();
            start.put("barrier", Integer.toString(1 + random.nextInt(runners)));
            start.put("days_since", Integer.toString(daysSince));
            start.put("distance", Integer.toString(distance));
            start.put("finish", Integer.toString(finish));
            start.put("jockey", SimNames.person(random));
            start.put("limit_weight", String.format(Locale.ROOT, "%.2f",
                    54 + random.nextInt(8) + 0.5 * random.nextInt(2)));
            start.put("margin", String.format(Locale.ROOT, "%.2f", finish == 1 ? 0 : random.nextDouble() * 10));
            start.put("number_of_runners", Integer.toString(runners));
            start.put("class", SimRandom.pick(random, List.of("Rating 65 Benchmark*", "Maiden", "Rating 72",
                    "Open Handicap", "C1", "Rating 58")));
            start.put("number", Integer.toString(1 + random.nextInt(runners)));
            start.put("prize_money", Integer.toString(10_000 + 2_500 * random.nextInt(20)));
            start.put("second", SimNames.horseName(random));
            start.put("third", SimNames.horseName(random));
            start.put("winner", finish == 1 ? card.name() : SimNames.horseName(random));
            start.put("starting_price", String.format(Locale.ROOT, "%.2f", 1.5 + random.nextDouble() * 40));
            start.put("time_ran", String.format(Locale.ROOT, "%d:%05.2f", (int) seconds / 60, seconds % 60));
            start.put("margin_1st_2nd", SimRandom.pick(random, List.of("Short Head", "Head", "1 Length",
                    "1.75 Lengths", "4 Lengths")));
            start.put("margin_2nd_3rd", SimRandom.pick(random, List.of("Nose", "Neck", "1 Length", "2 Lengths")));
            start.put("margin_3rd_4th", "");
            start.put("minimum_handicap", "54.00");
            start.put("gear", SimRandom.pick(random, SimNames.GEAR));
            start.put("track", track);
            start.put("track_four_char", track);
            start.put("track_condition", SimRandom.pick(random, List.of("Good 4", "Soft 5", "Heavy 8", "Synthetic")));
            start.put("weight_carried", String.format(Locale.ROOT, "%.1f", 54 + random.nextInt(8) + 0.5));
            start.put("date", date.format(FORM_DATE));
            start.put("last_600", String.format(Locale.ROOT, "0.%02d.%02d", 33 + random.nextInt(6),
                    random.nextInt(100)));
            start.put("bon", String.format(Locale.ROOT, "%d.%05.2f", (int) seconds / 60, seconds % 60));
            start.put("track_surface", SimRandom.pick(random, List.of("Grass", "Synthetic")));
            start.put("track_direction", SimRandom.pick(random, List.of("Left Handed", "Right Handed")));
            start.put("run_rating", Integer.toString(40 + random.nextInt(40)));
            start.put("win_favouritism", Integer.toString(1 + random.nextInt(runners)));
            start.put("place_favouritism", Integer.toString(1 + random.nextInt(runners)));
            if (random.nextInt(3) == 0) {
                start.put("stipes", SimRandom.pick(random, List.of("Contacted near the 1100 metres.",
                        "Held up approaching the 200 metres.", "Slow to begin.", "Raced wide without cover.")));
            }
        }
        return list;
    }
}
