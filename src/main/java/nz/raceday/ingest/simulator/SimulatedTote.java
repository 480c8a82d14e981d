package nz.raceday.ingest.simulator;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The tote side of a simulated event: dividends, winning investments, exotic tote trends (with their XML
 * approximates) and the big/live bets lists, as the TAB API shapes them. Split from {@link SimulatedPayloads},
 * which assembles the whole response.
 */
final class SimulatedTote {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long K_POOL_ORDER = SimRandom.label("pool-order");
    private static final long K_TRENDS = SimRandom.label("tote-trends");
    private static final long K_BETS = SimRandom.label("bets");
    private static final String CRLF = "\r\n";

    private SimulatedTote() {
        // static helpers
    }

    static ArrayNode dividends(RaceState state) {
        ArrayNode dividends = NODES.arrayNode();
        for (RaceState.Dividend dividend : state.dividends()) {
            ObjectNode d = dividends.addObject();
            d.put("id", dividend.id());
            d.put("tote", "NZ");
            d.put("product_name", dividend.productName());
            d.put("status", dividend.status());
            Payloads.number(d, "dividend", dividend.dividend());
            Payloads.dollars(d, "pool_size", dividend.poolSize().movePointRight(2).longValueExact());
            d.put("jackpot_size", 0);
            ArrayNode positions = d.putArray("positions");
            for (RaceState.Position position : dividend.positions()) {
                positions.addObject().put("runner_number", position.runnerNumber()).put("position",
                        position.position());
            }
            d.put("description", dividend.description());
        }
        return dividends;
    }

    static ArrayNode totePools(SimulatedRace race, RaceState state, Instant now, boolean trends, boolean willPays,
            String betTypeFilter) {
        DayContext ctx = race.context();
        List<ObjectNode> pools = new ArrayList<>();
        boolean open = state.status().equals("Open");
        boolean resulted = !state.results().isEmpty();
        for (String product : SimulatedRace.PRODUCTS) {
            long cents = state.poolTotal(product).movePointRight(2).longValueExact();
            ObjectNode pool = NODES.objectNode();
            pool.put("product_type", product);
            Payloads.dollars(pool, "total", cents);
            pool.put("status", open ? "OPEN" : "CLOSED");
            pool.put("guarantee", 0);
            pool.put("brought_forward", 0);
            pool.put("terminating", false);
            pool.put("jackpot", 0);
            pool.put("leg", 0);
            pool.put("is_commingled", true);
            pool.put("commingled_info", true);
            pool.put("is_concession", false);
            pool.put("is_final", state.status().equals("Final"));
            pool.put("win_investment", resulted ? winningInvestment(state, product, cents) : "0");
            pool.put("will_pay_live_units", 0);
            pool.put("will_pay_current_leg", 0);
            if (product.equals("Quinella")) {
                pool.set("qla_odds", quinellaApproximates(state));
            }
            if (product.equals("Win") || product.equals("Place") || product.equals("Quinella") || !trends) {
                // the recorded events carry no trends for Win, Place and Quinella
                pool.putNull("tote_trends");
            } else {
                pool.set("tote_trends", exoticTrends(race, state, product, cents));
            }
            pools.add(pool);
        }
        for (SimulatedMeeting.MultiRacePool multi : race.multiRacePools()) {
            pools.add(multiRacePool(race, multi, now, trends, willPays));
        }
        pools.removeIf(p -> p.path("product_type").asText().equalsIgnoreCase(betTypeFilter.trim()));
        // the API lists pools in no fixed product order; keep one seeded order per race
        SplittableRandom order = SimRandom.random(ctx.seed(), K_POOL_ORDER, race.meeting().index(), race.raceIndex());
        for (int i = pools.size() - 1; i > 0; i--) {
            int j = order.nextInt(i + 1);
            ObjectNode tmp = pools.get(i);
            pools.set(i, pools.get(j));
            pools.set(j, tmp);
        }
        ArrayNode array = NODES.arrayNode();
        pools.forEach(array::add);
        return array;
    }

    static String winningInvestment(RaceState state, String product, long cents) {
        String name = switch (product) {
            case "FirstFour" -> "Pool First4";
            default -> "Pool " + product;
        };
        double dividend = state.dividends().stream().filter(d -> d.productName().equals(name)).findFirst()
                .map(RaceState.Dividend::dividend).orElse(0.0);
        return dividend <= 0 ? "0" : Long.toString(Math.round(cents * 0.85 / dividend));
    }

    static ObjectNode multiRacePool(SimulatedRace race, SimulatedMeeting.MultiRacePool multi, Instant now,
            boolean trends, boolean willPays) {
        SimulatedMeeting meeting = race.meeting();
        long cents = race.multiRacePoolCents(multi, now);
        SimulatedRace firstLeg = meeting.race(multi.legs().get(0));
        int currentLeg = 0;
        List<String> winners = new ArrayList<>();
        List<RaceState> legStates = new ArrayList<>();
        for (int leg : multi.legs()) {
            RaceState legState = meeting.race(leg).stateAt(now);
            legStates.add(legState);
            if (legState.results().isEmpty() && currentLeg == 0) {
                currentLeg = legStates.size();
            }
            winners.add(legState.results().isEmpty() ? null : legState.results().get(0).runnerNumber() + ":"
                    + legState.results().get(0).name());
        }
        ObjectNode pool = NODES.objectNode();
        pool.put("product_type", multi.productType());
        Payloads.dollars(pool, "total", cents);
        pool.put("status", firstLeg.statusAt(now).equals("Open") ? "OPEN" : "CLOSED");
        pool.put("guarantee", 0);
        pool.put("brought_forward", 0);
        pool.put("terminating", false);
        Payloads.dollars(pool, "jackpot", multi.jackpotCents());
        pool.put("leg", 0);
        pool.put("is_commingled", false);
        pool.put("commingled_info", false);
        pool.put("is_concession", false);
        pool.put("win_investment", currentLeg == 0 ? Long.toString(1 + cents / 50_000) : "0");
        boolean started = !firstLeg.statusAt(now).equals("Open");
        Payloads.number(pool, "will_pay_live_units", started ? Math.round(cents / 1_400.0) / 100.0 : 0);
        pool.put("will_pay_current_leg", started ? (currentLeg == 0 ? multi.legs().size() : currentLeg) : 0);
        ArrayNode legs = pool.putArray(multi.productType().equals("EarlyQuadrella") ? "early_quaddie" : "quaddie");
        multi.legs().forEach(legs::add);
        if (willPays) {
            ArrayNode pays = pool.putArray("will_pays");
            if (started && currentLeg > 1) {
                // what a winning ticket would pay on each runner of the current leg
                RaceState leg = legStates.get(currentLeg - 1);
                for (RaceState.Runner runner : leg.runners()) {
                    if (runner.scratched()) {
                        continue;
                    }
                    double share = Math.max(0.01, runner.holdPercent() / 100.0);
                    ObjectNode pay = pays.addObject();
                    Payloads.number(pay, "odds", Math.round(cents * 0.85 / 100.0 / (1 + 40 * share) * 10) / 10.0);
                    pay.put("sel", runner.runnerNumber());
                }
            }
        }
        if (trends) {
            ObjectNode trendsNode = pool.putObject("tote_trends");
            long xmlCents = Math.round(cents * trendFactor(race, multi.productType()));
            Payloads.dollars(trendsNode, "pool_total", xmlCents);
            SimulatedRace lastLeg = meeting.race(multi.legs().get(multi.legs().size() - 1));
            String finalLeg = LocalDateTime.ofInstant(lastLeg.advertisedStartAt(now), DayContext.NZ)
                    .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
            trendsNode.put("final_leg_start_time", finalLeg);
            trendsNode.put("tote_trends_data", quaddieXml(race, multi, xmlCents, finalLeg, winners));
        } else {
            pool.putNull("tote_trends");
        }
        return pool;
    }

    /** The XML's own pool total differs a little from {@code tote_pools[].total}, as in the recordings. */
    static double trendFactor(SimulatedRace race, String product) {
        return 0.99 + 0.07 * SimRandom.unit(race.context().seed(), K_TRENDS, SimRandom.label(race.id()),
                SimRandom.label(product));
    }

    static ObjectNode exoticTrends(SimulatedRace race, RaceState state, String product, long cents) {
        int positions = product.equals("Trifecta") ? 3 : 4;
        String type = product.equals("Trifecta") ? "TFA" : "FT4";
        long xmlCents = Math.round(cents * trendFactor(race, product));
        ObjectNode trends = NODES.objectNode();
        Payloads.dollars(trends, "pool_total", xmlCents);
        StringBuilder xml = xmlHead(race, "");
        xml.append("        <bet_type type=\"").append(type).append("\">").append(CRLF);
        xml.append("          <pool_total>").append(SimulatedPayloads.money(xmlCents)).append("</pool_total>").append(CRLF);
        xml.append("          <runners race_number=\"").append(race.raceNumber()).append("\">").append(CRLF);
        double[][] shares = new double[positions][state.runners().size()];
        for (int k = 0; k < positions; k++) {
            double sum = 0;
            for (int i = 0; i < state.runners().size(); i++) {
                RaceState.Runner runner = state.runners().get(i);
                // money for later places is spread more evenly than for first
                shares[k][i] = runner.scratched() ? 0 : Math.pow(Math.max(runner.holdPercent(), 0.5) / 100.0,
                        1.0 - 0.15 * k);
                sum += shares[k][i];
            }
            for (int i = 0; i < state.runners().size(); i++) {
                shares[k][i] = sum == 0 ? 0 : shares[k][i] / sum;
            }
        }
        for (int i = 0; i < state.runners().size(); i++) {
            RaceState.Runner runner = state.runners().get(i);
            xml.append("            <runner runner_number=\"").append(runner.runnerNumber()).append("\">").append(CRLF);
            xml.append("              <runner_scratched>").append(runner.scratched() ? "True" : "False")
                    .append("</runner_scratched>").append(CRLF);
            xml.append("              <runner_name>").append(SimulatedPayloads.escape(runner.name())).append("</runner_name>")
                    .append(CRLF);
            for (int k = 0; k < positions; k++) {
                xml.append("              <runner_investment").append(k + 1).append('>')
                        .append(SimulatedPayloads.money(Math.round(xmlCents * shares[k][i]))).append("</runner_investment")
                        .append(k + 1).append('>').append(CRLF);
            }
            xml.append("            </runner>").append(CRLF);
        }
        xml.append("          </runners>").append(CRLF);
        xml.append("        </bet_type>").append(CRLF);
        xmlTail(xml);
        trends.put("tote_trends_data", xml.toString());
        return trends;
    }

    static String quaddieXml(SimulatedRace race, SimulatedMeeting.MultiRacePool multi, long xmlCents,
            String finalLeg, List<String> winners) {
        StringBuilder xml = xmlHead(race, " meeting_name=\"\"");
        xml.append("        <bet_type type=\"QAD\">").append(CRLF);
        xml.append("          <pool_total>").append(SimulatedPayloads.money(xmlCents)).append("</pool_total>").append(CRLF);
        xml.append("          <final_leg_start>").append(finalLeg).append("</final_leg_start>").append(CRLF);
        for (int leg = 0; leg < multi.legs().size(); leg++) {
            int raceNumber = multi.legs().get(leg);
            xml.append("          <leg leg_number=\"").append(leg + 1).append("\">").append(CRLF);
            xml.append("            <runners race_number=\"").append(raceNumber).append("\" source_race-number=\"")
                    .append(raceNumber).append("\">").append(CRLF);
            String winner = winners.get(leg);
            if (winner != null) {
                int colon = winner.indexOf(':');
                xml.append("              <winner winner_number=\"").append(winner, 0, colon).append("\">")
                        .append(CRLF);
                xml.append("                <winner_name>").append(SimulatedPayloads.escape(winner.substring(colon + 1)))
                        .append("</winner_name>").append(CRLF);
                xml.append("              </winner>").append(CRLF);
            }
            xml.append("            </runners>").append(CRLF);
            xml.append("          </leg>").append(CRLF);
        }
        xml.append("        </bet_type>").append(CRLF);
        xmlTail(xml);
        return xml.toString();
    }

    static StringBuilder xmlHead(SimulatedRace race, String meetingNameAttribute) {
        SimulatedMeeting meeting = race.meeting();
        String type = switch (meeting.category()) {
            case "H" -> "T";
            case "G" -> "G";
            default -> "R";
        };
        StringBuilder xml = new StringBuilder();
        xml.append("<meetings>").append(CRLF);
        xml.append("  <date>").append(meeting.racingDay()).append("</date>").append(CRLF);
        xml.append("  <meeting meeting_number=\"").append(meeting.toteMeetingNumber() == null ? 0
                : meeting.toteMeetingNumber()).append('"').append(meetingNameAttribute).append(" meeting_type=\"")
                .append(type).append("\">").append(CRLF);
        xml.append("    <meet_ID meet_mnem=\"").append(meeting.mnemonic()).append("\" NetSet_Name=\"")
                .append(SimulatedPayloads.escape(meeting.name())).append("\" Club=\"").append(SimulatedPayloads.escape(meeting.club())).append("\"/>")
                .append(CRLF);
        xml.append("    <race race_number=\"").append(race.raceNumber()).append("\">").append(CRLF);
        xml.append("      <bet_types>").append(CRLF);
        return xml;
    }

    static void xmlTail(StringBuilder xml) {
        xml.append("      </bet_types>").append(CRLF);
        xml.append("    </race>").append(CRLF);
        xml.append("  </meeting>").append(CRLF);
        xml.append("</meetings>").append(CRLF);
    }

    /** Quinella approximates: per runner, the pipe-separated approximate dividend with each other runner. */
    static ArrayNode quinellaApproximates(RaceState state) {
        List<RaceState.Runner> runners = state.runners();
        double[] share = new double[runners.size()];
        for (int i = 0; i < runners.size(); i++) {
            RaceState.Runner r = runners.get(i);
            share[i] = r.scratched() || r.poolWin() == null ? 0 : 0.85 / r.poolWin();
        }
        List<Integer> byShare = new ArrayList<>();
        for (int i = 0; i < runners.size(); i++) {
            byShare.add(i);
        }
        byShare.sort((a, b) -> Double.compare(share[b], share[a]));
        ArrayNode list = NODES.arrayNode();
        for (int i = 0; i < runners.size(); i++) {
            List<String> cells = new ArrayList<>();
            for (int j = 0; j < runners.size(); j++) {
                if (i == j) {
                    cells.add("-");
                } else if (share[i] == 0 || share[j] == 0) {
                    cells.add("scr");
                } else {
                    double chance = share[i] * share[j] / Math.max(1e-9, 1 - share[i])
                            + share[j] * share[i] / Math.max(1e-9, 1 - share[j]);
                    cells.add(String.format(Locale.ROOT, "%.2f", Math.min(9999.99, Math.max(1.0, 0.85 / chance))));
                }
            }
            ObjectNode entry = list.addObject();
            entry.put("favouritism", byShare.indexOf(i) + 1);
            entry.put("sel", runners.get(i).runnerNumber());
            entry.put("oddsString", String.join("|", cells));
        }
        return list;
    }

    /** A couple of notable bets while betting is open (only when asked for with with_big_bets/with_live_bets). */
    static ArrayNode bets(SimulatedRace race, RaceState state, Instant now, String title) {
        ArrayNode bets = NODES.arrayNode();
        if (!state.status().equals("Open")) {
            return bets;
        }
        SplittableRandom random = SimRandom.random(race.context().seed(), K_BETS, SimRandom.label(race.id()),
                SimRandom.label(title), race.marketTick(now));
        int count = random.nextInt(3);
        List<RaceState.Runner> active = state.runners().stream().filter(r -> !r.scratched()).toList();
        for (int b = 0; b < count && !active.isEmpty(); b++) {
            RaceState.Runner runner = SimRandom.pick(random, active);
            int stake = 100 * (1 + random.nextInt(20));
            ObjectNode bet = bets.addObject();
            bet.put("title", title);
            bet.putArray("description").add("$" + stake + " Win on " + runner.name());
            bet.put("stake", stake);
            ObjectNode leg = bet.putArray("legs").addObject();
            ObjectNode legRace = leg.putObject("race");
            legRace.put("meeting_name", race.meeting().name());
            legRace.put("race_name", race.name());
            legRace.put("race_number", race.raceNumber());
            legRace.put("entrant_id", runner.entrantId());
            legRace.put("entrant_name", runner.name());
            legRace.put("entrant_number", runner.runnerNumber());
            legRace.put("barrier_number", runner.barrier());
            legRace.put("product_type_name", "Win");
            leg.putArray("selections");
            bet.put("place_time", Payloads.rfc3339(race.context().floorToTick(now)));
            Payloads.number(bet, "place_odds", runner.fixedWin() == null ? 0 : runner.fixedWin());
        }
        return bets;
    }
}
