package nz.raceday.ingest.simulator;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * One simulated race: its card (what never changes) and its timeline, and {@link #stateAt(Instant)}, the ground
 * truth at any instant, computed directly from the seed (no state is kept, so any instant can be asked in any order
 * and from any thread).
 *
 * <p>Timeline: {@code Open} until the jump, {@code Closed} for {@code closedFor}, {@code Interim} for
 * {@code interimFor}, then {@code Final}. The jump is the advertised start, except for the {@link Special} races:
 * a delayed race jumps 2 minutes after it, a moved race at its moved start, and the abandoned race turns
 * {@code Abandoned} 1 minute before its advertised start and never jumps.
 *
 * <p>Market model, in 15-second ticks counted from the day's start (TAB refreshes every 15 s): each runner's
 * strength moves by a seeded, mean-reverting random walk; the win probabilities are the normalised strengths;
 * {@code fixed_win} is {@code 1 / (p × 1.15)} on TAB's price ladder (an overround of about 1.15) and
 * {@code fixed_place} is derived from it. The money share of each runner is its probability with its own seeded
 * noise; it gives the money-tracker percentages and the tote prices ({@code pool_win = 0.85 / share}). Pools grow
 * towards the jump ({@code final × e^(-minutes to jump / 18)}). Everything freezes at the jump (at the abandonment
 * for the abandoned race), so odds change only on tick boundaries and never after the jump, and pools never shrink.
 * A late scratching is aligned to a tick boundary, so the runner's flag and its odds change together.
 */
public final class SimulatedRace {

    /** The single-race pools, in the order {@code tote_pools} lists them. */
    static final List<String> PRODUCTS = List.of("Win", "Place", "Quinella", "Trifecta", "FirstFour");

    private static final int WALK_WINDOW = 40;
    private static final double WALK_DECAY = 0.9;
    /** Scales the windowed walk to unit variance: the sum of decay^2k is 1 / (1 - decay^2). */
    private static final double WALK_NORM = Math.sqrt(1 - WALK_DECAY * WALK_DECAY);
    private static final double ODDS_VOLATILITY = 0.12;
    private static final double MONEY_VOLATILITY = 0.15;
    private static final double OVERROUND = 1.15;
    private static final double TOTE_RETURN = 0.85;
    private static final double POOL_GROWTH_MINUTES = 18.0;

    private static final long K_CARD = SimRandom.label("card");
    private static final long K_ODDS = SimRandom.label("odds");
    private static final long K_MONEY = SimRandom.label("money");
    private static final long K_HOLD_TOTAL = SimRandom.label("hold-total");
    private static final long K_BET_TOTAL = SimRandom.label("bet-total");
    private static final long K_SPLIT = SimRandom.label("money-rows");
    private static final long K_GHOST = SimRandom.label("ghost-rows");
    private static final long K_ROW_ORDER = SimRandom.label("row-order");
    private static final long K_RESULT = SimRandom.label("result");
    private static final long K_MARGIN = SimRandom.label("margins");
    private static final long K_DIVIDEND_ORDER = SimRandom.label("dividend-order");

    private static final String[][] MARGINS = {
        {"NSE", "0.05"}, {"SHD", "0.1"}, {"1/2 HD", "0.15"}, {"HD", "0.2"}, {"NK", "0.3"}, {"LG NK", "0.4"},
        {"1/2L", "0.5"}, {"3/4L", "0.75"}, {"1L", "1"}, {"1-1/4L", "1.25"}, {"1-1/2L", "1.5"}, {"1-3/4L", "1.75"},
        {"2L", "2"}, {"2-1/4L", "2.25"}, {"2-1/2L", "2.5"}, {"3L", "3"}, {"4L", "4"}, {"5L", "5"},
    };

    private final DayContext ctx;
    private final SimulatedMeeting meeting;
    private final int raceIndex;
    private final String id;
    private final long salt;
    private final String name;
    private final int distance;
    private final String weather;
    private final String startType;
    private final long prizeMoneyTotal;
    private final List<SimulatedRunner> runners;
    private final double[] openWin;
    private final int[] moneyRowCounts;
    private final List<String> ghostEntrantIds;
    private final long[] finalPoolCents;

    private final Special special;
    private final Instant originalStart;
    private final Instant movedAt;
    private final Instant movedStart;
    private final Instant jump;
    private final Instant abandonAt;
    private final int scratchedIndex;
    private final Instant scratchTime;
    private final Instant interimAt;
    private final Instant finalAt;

    SimulatedRace(DayContext ctx, SimulatedMeeting meeting, int raceIndex, Instant originalStart, Special special) {
        this.ctx = ctx;
        this.meeting = meeting;
        this.raceIndex = raceIndex;
        this.originalStart = originalStart;
        this.special = special;
        long seed = ctx.seed();
        this.id = SimRandom.uuid(seed, "race", meeting.index(), raceIndex);
        this.salt = SimRandom.label(id);
        SplittableRandom card = SimRandom.random(seed, K_CARD, meeting.index(), raceIndex);
        String category = meeting.category();

        this.distance = switch (category) {
            case "H" -> List.of(1609, 1950, 2200, 2600, 2700).get(card.nextInt(5));
            case "G" -> List.of(305, 380, 460, 515, 600).get(card.nextInt(5));
            default -> 1000 + 100 * card.nextInt(15);
        };
        this.name = SimNames.raceName(card, category, distance);
        this.weather = SimRandom.pick(card, List.of("FINE", "Overcast", "SHWRY", "OCAST", "Fine", "Cloudy", ""));
        this.startType = category.equals("H") ? (card.nextInt(3) == 0 ? "Standing" : "Mobile") : "";
        long basePrize = switch (meeting.country()) {
            case "AUS" -> 25_000 + 2_500L * card.nextInt(50);
            case "UK" -> 8_000 + 500L * card.nextInt(30);
            default -> 12_000 + 500L * card.nextInt(40);
        };
        this.prizeMoneyTotal = category.equals("G") ? basePrize / 4 : basePrize;
        this.runners = makeRunners(card, seed);
        this.openWin = openingPrices();
        int size = runners.size();
        this.moneyRowCounts = new int[size];
        for (int i = 0; i < size; i++) {
            moneyRowCounts[i] = 3 + card.nextInt(8);
        }
        int ghosts = 1 + card.nextInt(3);
        List<String> ghostIds = new ArrayList<>();
        for (int j = 0; j < ghosts; j++) {
            ghostIds.add(SimRandom.uuid(seed, "not-a-runner", meeting.index(), raceIndex, j));
        }
        this.ghostEntrantIds = List.copyOf(ghostIds);
        this.finalPoolCents = finalPools(card);

        Instant moved = null;
        Instant movedTo = null;
        Instant jumpAt = originalStart;
        Instant abandoned = null;
        int scratched = -1;
        Instant scratchAt = null;
        if (special == Special.MOVED_START) {
            moved = originalStart.minus(Duration.ofMinutes(10));
            movedTo = originalStart.plus(Duration.ofMinutes(3));
            jumpAt = movedTo;
        } else if (special == Special.DELAYED_START) {
            jumpAt = originalStart.plus(Duration.ofMinutes(2));
        } else if (special == Special.ABANDONED) {
            abandoned = originalStart.minus(Duration.ofMinutes(1));
        } else if (special == Special.LATE_SCRATCHING) {
            scratched = card.nextInt(size);
            // on a tick boundary, so the runner's flag and the field's odds change at the same instant
            scratchAt = ctx.floorToTick(originalStart.minus(Duration.ofMinutes(2)));
        }
        this.movedAt = moved;
        this.movedStart = movedTo;
        this.jump = jumpAt;
        this.abandonAt = abandoned;
        this.scratchedIndex = scratched;
        this.scratchTime = scratchAt;
        this.interimAt = jump.plus(ctx.settings().closedFor());
        this.finalAt = interimAt.plus(ctx.settings().interimFor());
    }

    private List<SimulatedRunner> makeRunners(SplittableRandom card, long seed) {
        int size = ctx.settings().runnersPerRace();
        String category = meeting.category();
        List<String> names = SimNames.runnerNames(card, size, category.equals("G"));
        List<String> barriers = new ArrayList<>();
        if (category.equals("H")) {
            // harness barriers are text: front row, then second row
            int frontRow = startType.equals("Mobile") ? 8 : 6;
            for (int i = 0; i < size; i++) {
                barriers.add(i < frontRow ? "Fr" + (i + 1) : "Sr" + (i - frontRow + 1));
            }
        } else {
            for (int i = 0; i < size; i++) {
                barriers.add(Integer.toString(i + 1));
            }
        }
        if (!category.equals("G")) {
            // gallop barriers and harness rows are drawn; a greyhound's box is its number
            for (int i = size - 1; i > 0; i--) {
                int j = card.nextInt(i + 1);
                String tmp = barriers.get(i);
                barriers.set(i, barriers.get(j));
                barriers.set(j, tmp);
            }
        }
        DateTimeFormatter changeDate = DateTimeFormatter.ofPattern("dd/MM/yyyy");
        List<SimulatedRunner> list = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String entrantId = SimRandom.uuid(seed, "entrant", meeting.index(), raceIndex, i);
            String trainer = SimNames.person(card);
            Map<String, String> change = null;
            if (card.nextInt(8) != 0) {
                change = new TreeMap<>();
                change.put(ctx.racingDay().minusDays(30 + card.nextInt(900)).format(changeDate), "Gelding");
                if (card.nextBoolean()) {
                    change.put(ctx.racingDay().minusDays(5 + card.nextInt(300)).format(changeDate),
                            "Stable Change - " + trainer);
                }
            }
            String silkBase = "https://silks.tab-simulator.invalid/silks/" + meeting.id() + "/" + (i + 1);
            list.add(new SimulatedRunner(i, entrantId, i + 1, names.get(i), barriers.get(i), !category.equals("H"),
                    category.equals("G") ? "" : SimNames.person(card), trainer, SimNames.trainerTown(card),
                    category.equals("G") ? "" : SimRandom.pick(card, SimNames.COLOURS), silkBase + "_64x64.png",
                    silkBase + "_128x128.png", change, Math.exp(0.8 * gaussian(card))));
        }
        return List.copyOf(list);
    }

    private double[] openingPrices() {
        double sum = runners.stream().mapToDouble(SimulatedRunner::strength).sum();
        double[] prices = new double[runners.size()];
        for (int i = 0; i < prices.length; i++) {
            prices[i] = fixedLadder(1.0 / (runners.get(i).strength() / sum * OVERROUND));
        }
        return prices;
    }

    private long[] finalPools(SplittableRandom card) {
        double win = switch (meeting.country() + meeting.category()) {
            case "AUST" -> 20_000 + card.nextDouble() * 60_000;
            case "AUSH" -> 8_000 + card.nextDouble() * 17_000;
            case "NZT" -> 6_000 + card.nextDouble() * 10_000;
            case "NZH" -> 4_000 + card.nextDouble() * 8_000;
            case "UKT" -> 3_000 + card.nextDouble() * 6_000;
            default -> 2_000 + card.nextDouble() * 4_000;
        };
        double[] factors = {1.0, 0.43, 0.58, 0.87, 0.5};
        long[] cents = new long[PRODUCTS.size()];
        for (int p = 0; p < cents.length; p++) {
            cents[p] = Math.round(win * factors[p] * (0.85 + 0.3 * card.nextDouble()) * 100);
        }
        return cents;
    }

    // ---------------------------------------------------------------- card and timeline

    /** The API's event id ({@code races[].id}, {@code event_id}). */
    public String id() {
        return id;
    }

    public SimulatedMeeting meeting() {
        return meeting;
    }

    /** 1-based. */
    public int raceNumber() {
        return raceIndex + 1;
    }

    /** The race name ({@code description} in the event, {@code name} in the meetings list). */
    public String name() {
        return name;
    }

    /** Metres. */
    public int distance() {
        return distance;
    }

    public String weather() {
        return weather;
    }

    /** {@code Mobile} or {@code Standing} for harness races, {@code ""} otherwise. */
    public String startType() {
        return startType;
    }

    /** {@code prize_monies.total_value} in dollars. */
    public long prizeMoneyTotal() {
        return prizeMoneyTotal;
    }

    /** Runners in runner-number order. */
    public List<SimulatedRunner> runners() {
        return runners;
    }

    /** The special this race carries, if any. */
    public Optional<Special> special() {
        return Optional.ofNullable(special);
    }

    /** The advertised start before any move. */
    public Instant originalAdvertisedStart() {
        return originalStart;
    }

    /** The advertised start as the API shows it at an instant (the moved race's changes at {@link #movedAt()}). */
    public Instant advertisedStartAt(Instant at) {
        return movedAt != null && !at.isBefore(movedAt) ? movedStart : originalStart;
    }

    /** When the moved race's advertised start changes (10 minutes before the original start); null for others. */
    public Instant movedAt() {
        return movedAt;
    }

    /** When the race jumps and turns Closed; null for the abandoned race, which never jumps. */
    public Instant jumpTime() {
        return abandonAt == null ? jump : null;
    }

    /** When the race turns Interim; null for the abandoned race. */
    public Instant interimAt() {
        return abandonAt == null ? interimAt : null;
    }

    /** When the race turns Final; null for the abandoned race. */
    public Instant finalAt() {
        return abandonAt == null ? finalAt : null;
    }

    /** When the abandoned race turns Abandoned; null for others. */
    public Instant abandonedAt() {
        return abandonAt;
    }

    /** When the race reaches its terminal status (Final or Abandoned). */
    public Instant endTime() {
        return abandonAt != null ? abandonAt : finalAt;
    }

    /** The late-scratched runner of the {@link Special#LATE_SCRATCHING} race. */
    public Optional<SimulatedRunner> lateScratchedRunner() {
        return scratchedIndex < 0 ? Optional.empty() : Optional.of(runners.get(scratchedIndex));
    }

    /** When the late scratching happens (a tick boundary about 2 minutes before the start); null for other races. */
    public Instant scratchTime() {
        return scratchTime;
    }

    /** The status at an instant (cheaper than {@link #stateAt(Instant)}). */
    public String statusAt(Instant at) {
        if (abandonAt != null) {
            return at.isBefore(abandonAt) ? "Open" : "Abandoned";
        }
        if (at.isBefore(jump)) {
            return "Open";
        }
        if (at.isBefore(interimAt)) {
            return "Closed";
        }
        return at.isBefore(finalAt) ? "Interim" : "Final";
    }

    /** The jump once the race has jumped, else the advertised start (the API's {@code actual_start}). */
    public Instant actualStartAt(Instant at) {
        return abandonAt == null && !at.isBefore(jump) ? jump : advertisedStartAt(at);
    }

    /** The instant market data stops changing: the jump, or the abandonment. */
    Instant freezeAt() {
        return abandonAt != null ? abandonAt : jump;
    }

    DayContext context() {
        return ctx;
    }

    int raceIndex() {
        return raceIndex;
    }

    // ---------------------------------------------------------------- state

    /** The ground truth at an instant; the event payload for that instant is rendered from it. */
    public RaceState stateAt(Instant at) {
        String status = statusAt(at);
        Market market = market(marketTick(at));
        List<RaceState.Runner> states = new ArrayList<>();
        for (SimulatedRunner runner : runners) {
            int i = runner.index();
            boolean scratched = i == scratchedIndex && !at.isBefore(scratchTime);
            boolean priced = market.active[i];
            states.add(new RaceState.Runner(runner.entrantId(), runner.name(), runner.runnerNumber(), runner.barrier(),
                    scratched, scratched, scratched ? scratchTime : null,
                    priced ? market.fixedWin[i] : null, priced ? market.fixedPlace[i] : null,
                    priced ? market.poolWin[i] : null, priced ? market.poolPlace[i] : null,
                    market.hold[i], market.bet[i], i == market.favourite, i == market.mover));
        }
        Map<String, BigDecimal> pools = new LinkedHashMap<>();
        for (int p = 0; p < PRODUCTS.size(); p++) {
            pools.put(PRODUCTS.get(p), BigDecimal.valueOf(market.poolCents[p], 2));
        }
        for (SimulatedMeeting.MultiRacePool pool : multiRacePools()) {
            pools.put(pool.productType(), BigDecimal.valueOf(multiRacePoolCents(pool, at), 2));
        }
        List<RaceState.Result> results = List.of();
        List<RaceState.Dividend> dividends = List.of();
        if (status.equals("Interim") || status.equals("Final")) {
            // at and after Interim the market is the frozen one at the jump
            List<Integer> order = finishingOrder(market);
            results = results(order);
            dividends = dividends(market, order, status.equals("Final"));
        }
        return new RaceState(id, at, status, advertisedStartAt(at), actualStartAt(at), states, pools,
                moneyRows(market), results, dividends);
    }

    /** The multi-race pools this race is a leg of. */
    List<SimulatedMeeting.MultiRacePool> multiRacePools() {
        return meeting.multiRacePools().stream().filter(p -> p.legs().contains(raceNumber())).toList();
    }

    /**
     * A multi-race pool's total at an instant: it takes bets until its first leg jumps, so it grows and freezes with
     * the first leg.
     */
    long multiRacePoolCents(SimulatedMeeting.MultiRacePool pool, Instant at) {
        SimulatedRace firstLeg = meeting.race(pool.legs().get(0));
        Instant tick = ctx.tickStart(firstLeg.marketTick(at));
        return Math.round(pool.finalCents() * growth(tick, firstLeg.freezeAt()));
    }

    /** The tick whose market data the API shows at an instant: frozen at the jump (or abandonment). */
    long marketTick(Instant at) {
        return ctx.tick(at.isAfter(freezeAt()) ? freezeAt() : at);
    }

    /**
     * The fixed win price history the payload's {@code flucs} show at an instant, per runner: the opening price (when
     * the market opened, two days before) and the prices at the last five minute marks, consecutive repeats removed.
     */
    List<List<PricePoint>> flucs(Instant at) {
        long now = marketTick(at);
        Instant opened = ctx.start().minus(Duration.ofHours(44));
        List<List<PricePoint>> all = new ArrayList<>();
        for (int i = 0; i < runners.size(); i++) {
            all.add(new ArrayList<>(List.of(new PricePoint(opened, openWin[i]))));
        }
        for (long mark = Math.floorDiv(now, 4) * 4 - 16; mark <= now; mark += 4) {
            Market market = market(mark);
            for (int i = 0; i < runners.size(); i++) {
                List<PricePoint> points = all.get(i);
                if (market.active[i] && points.get(points.size() - 1).price() != market.fixedWin[i]) {
                    points.add(new PricePoint(ctx.tickStart(mark), market.fixedWin[i]));
                }
            }
        }
        return all;
    }

    /** A fixed win price at a time. */
    record PricePoint(Instant at, double price) {
    }

    /** Everything that moves with the market at one tick. */
    private static final class Market {
        boolean[] active;
        double[] fixedWin;
        double[] fixedPlace;
        double[] poolWin;
        double[] poolPlace;
        double[] chance;
        double[] money;
        int[] hold;
        int[] bet;
        long[] poolCents;
        long tick;
        int positionsPaid;
        int favourite = -1;
        int mover = -1;
    }

    private Market market(long tick) {
        int size = runners.size();
        long seed = ctx.seed();
        Instant tickStart = ctx.tickStart(tick);
        Market m = new Market();
        m.tick = tick;
        m.active = new boolean[size];
        m.chance = new double[size];
        m.money = new double[size];
        int field = 0;
        for (int i = 0; i < size; i++) {
            m.active[i] = !(i == scratchedIndex && !tickStart.isBefore(scratchTime));
            if (m.active[i]) {
                field++;
                m.chance[i] = runners.get(i).strength() * Math.exp(ODDS_VOLATILITY * walk(K_ODDS, i, tick));
                m.money[i] = m.chance[i] * Math.exp(MONEY_VOLATILITY * walk(K_MONEY, i, tick));
            }
        }
        normalise(m.chance);
        normalise(m.money);
        m.positionsPaid = positionsPaid(field);
        double[] placeShare = new double[size];
        for (int i = 0; i < size; i++) {
            // place money is spread more evenly than win money
            placeShare[i] = Math.pow(m.money[i], 0.7);
        }
        normalise(placeShare);
        m.fixedWin = new double[size];
        m.fixedPlace = new double[size];
        m.poolWin = new double[size];
        m.poolPlace = new double[size];
        double best = -1;
        double bestDrift = 0;
        for (int i = 0; i < size; i++) {
            if (!m.active[i]) {
                continue;
            }
            m.fixedWin[i] = fixedLadder(1.0 / (m.chance[i] * OVERROUND));
            double divisor = switch (m.positionsPaid) {
                case 3 -> 5.0;
                case 2 -> 4.0;
                default -> 1.0;
            };
            m.fixedPlace[i] = placeLadder(1.0 + (m.fixedWin[i] - 1.0) / divisor);
            m.poolWin[i] = tenths(Math.min(999.9, Math.max(1.0, TOTE_RETURN / m.money[i])));
            m.poolPlace[i] = tenths(Math.min(999.9, Math.max(1.0,
                    TOTE_RETURN / (m.positionsPaid * placeShare[i]))));
            if (m.chance[i] > best) {
                best = m.chance[i];
                m.favourite = i;
            }
            double drift = openWin[i] / m.fixedWin[i];
            if (m.mover < 0 || drift > bestDrift) {
                bestDrift = drift;
                m.mover = i;
            }
        }
        m.hold = largestRemainder(m.money, 100 + adjustment(SimRandom.unit(seed, K_HOLD_TOTAL, salt, tick)));
        double[] betShare = new double[size];
        for (int i = 0; i < size; i++) {
            // bets are counted per ticket, so longshots get relatively more bets than money
            betShare[i] = Math.pow(m.money[i], 0.75);
        }
        normalise(betShare);
        m.bet = largestRemainder(betShare, 100 + adjustment(SimRandom.unit(seed, K_BET_TOTAL, salt, tick)));
        m.poolCents = new long[PRODUCTS.size()];
        // money flows until the (planned) jump; the abandoned race's pools freeze with its market
        double growth = growth(tickStart, jump);
        for (int p = 0; p < m.poolCents.length; p++) {
            m.poolCents[p] = Math.round(finalPoolCents[p] * growth);
        }
        return m;
    }

    /** Percent totals are 99, 100 or 101, as whole-percent rounding gives in the real feed. */
    private static int adjustment(double u) {
        return u < 0.2 ? -1 : u > 0.8 ? 1 : 0;
    }

    /** Places paid for a field: 3 from 8 runners, 2 from 5, else 1 (NZ tote rules). */
    static int positionsPaid(int field) {
        return field >= 8 ? 3 : field >= 5 ? 2 : 1;
    }

    /** Share of the final pool at a tick: grows towards the jump, 1 at the jump. */
    private static double growth(Instant tickStart, Instant jumpAt) {
        double minutes = Math.max(0, Duration.between(tickStart, jumpAt).toSeconds()) / 60.0;
        return Math.exp(-minutes / POOL_GROWTH_MINUTES);
    }

    /** A seeded mean-reverting walk, unit variance: a decaying sum of the last 40 ticks' shocks. */
    private double walk(long kind, int runner, long tick) {
        double x = 0;
        double weight = 1;
        for (int k = 0; k < WALK_WINDOW; k++) {
            x += weight * SimRandom.gaussian(ctx.seed(), kind, salt, runner, tick - k);
            weight *= WALK_DECAY;
        }
        return x * WALK_NORM;
    }

    private List<RaceState.MoneyRow> moneyRows(Market market) {
        long seed = ctx.seed();
        List<RaceState.MoneyRow> rows = new ArrayList<>();
        for (SimulatedRunner runner : runners) {
            int i = runner.index();
            SplittableRandom split = SimRandom.random(seed, K_SPLIT, salt, i, market.tick);
            double[] weights = new double[moneyRowCounts[i]];
            for (int k = 0; k < weights.length; k++) {
                double u = split.nextDouble();
                weights[k] = u * u + 0.02;
            }
            normalise(weights);
            int[] holds = largestRemainder(weights, market.hold[i]);
            int[] bets = largestRemainder(weights, market.bet[i]);
            for (int k = 0; k < weights.length; k++) {
                rows.add(new RaceState.MoneyRow(runner.entrantId(), holds[k], bets[k]));
            }
        }
        for (int j = 0; j < ghostEntrantIds.size(); j++) {
            double u = SimRandom.unit(seed, K_GHOST, salt, j, market.tick);
            rows.add(new RaceState.MoneyRow(ghostEntrantIds.get(j), u < 0.7 ? 0 : 1 + (int) ((u - 0.7) * 10),
                    u < 0.85 ? 0 : 1));
        }
        // the real feed lists the rows in no particular order
        SplittableRandom order = SimRandom.random(seed, K_ROW_ORDER, salt, market.tick);
        for (int i = rows.size() - 1; i > 0; i--) {
            int j = order.nextInt(i + 1);
            RaceState.MoneyRow tmp = rows.get(i);
            rows.set(i, rows.get(j));
            rows.set(j, tmp);
        }
        return rows;
    }

    /** Plackett-Luce draw on the win chances at the jump: likelier runners tend to finish in front. */
    private List<Integer> finishingOrder(Market market) {
        SplittableRandom random = SimRandom.random(ctx.seed(), K_RESULT, salt);
        List<Integer> remaining = new ArrayList<>();
        for (int i = 0; i < runners.size(); i++) {
            if (market.active[i]) {
                remaining.add(i);
            }
        }
        List<Integer> order = new ArrayList<>();
        while (!remaining.isEmpty()) {
            double total = remaining.stream().mapToDouble(i -> market.chance[i]).sum();
            double u = random.nextDouble() * total;
            int chosen = remaining.get(remaining.size() - 1);
            for (int i : remaining) {
                u -= market.chance[i];
                if (u < 0) {
                    chosen = i;
                    break;
                }
            }
            order.add(chosen);
            remaining.remove(Integer.valueOf(chosen));
        }
        return order;
    }

    private List<RaceState.Result> results(List<Integer> order) {
        SplittableRandom random = SimRandom.random(ctx.seed(), K_MARGIN, salt);
        double speed = switch (meeting.category()) {
            case "H" -> 14.0 + random.nextDouble() * 0.8;
            case "G" -> 16.5 + random.nextDouble() * 0.8;
            default -> 15.6 + random.nextDouble() * 0.9;
        };
        double winningTime = hundredths(distance / speed);
        List<RaceState.Result> results = new ArrayList<>();
        double behind = 0;
        for (int position = 1; position <= order.size(); position++) {
            SimulatedRunner runner = runners.get(order.get(position - 1));
            String margin = null;
            if (position > 1) {
                // small margins are commoner than big ones
                String[] step = MARGINS[(int) (Math.pow(random.nextDouble(), 1.6) * MARGINS.length)];
                margin = step[0];
                behind += Double.parseDouble(step[1]);
            }
            results.add(new RaceState.Result(position, runner.entrantId(), runner.name(), runner.runnerNumber(),
                    runner.barrier(), tenths(behind), margin, position == 1 ? winningTime : null));
        }
        return results;
    }

    private List<RaceState.Dividend> dividends(Market market, List<Integer> order, boolean withFinal) {
        List<RaceState.Dividend> rows = new ArrayList<>();
        for (String status : withFinal ? List.of("Interim", "Final") : List.of("Interim")) {
            rows.addAll(dividendRows(market, order, status));
        }
        // the API lists Interim and Final rows mixed; consumers must filter by status
        SplittableRandom shuffle = SimRandom.random(ctx.seed(), K_DIVIDEND_ORDER, salt, withFinal ? 1 : 0);
        for (int i = rows.size() - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            RaceState.Dividend tmp = rows.get(i);
            rows.set(i, rows.get(j));
            rows.set(j, tmp);
        }
        return rows;
    }

    private List<RaceState.Dividend> dividendRows(Market market, List<Integer> order, String status) {
        long seed = ctx.seed();
        int statusIndex = status.equals("Final") ? 1 : 0;
        List<RaceState.Dividend> rows = new ArrayList<>();
        int winner = order.get(0);
        rows.add(dividend(seed, 0, statusIndex, 0, "Pool Win", status, market.poolWin[winner], market.poolCents[0],
                List.of(order.get(0)), false));
        for (int place = 0; place < Math.min(market.positionsPaid, order.size()); place++) {
            int runner = order.get(place);
            rows.add(dividend(seed, 1, statusIndex, place, "Pool Place", status, market.poolPlace[runner],
                    market.poolCents[1], List.of(runner), true));
        }
        String[] exotic = {"Pool Quinella", "Pool Trifecta", "Pool First4"};
        for (int e = 0; e < exotic.length; e++) {
            int legs = e + 2;
            if (order.size() < legs) {
                continue;
            }
            List<Integer> combination = order.subList(0, legs);
            double chance = e == 0
                    ? ordered(market.money, combination) + ordered(market.money, List.of(order.get(1), order.get(0)))
                    : ordered(market.money, combination);
            double dividend = tenths(Math.min(99_999.9, Math.max(1.0, TOTE_RETURN / Math.max(chance, 1e-9))));
            rows.add(dividend(seed, 2 + e, statusIndex, 0, exotic[e], status, dividend, market.poolCents[2 + e],
                    combination, false));
        }
        return rows;
    }

    /** The chance of runners finishing in exactly this order, by money shares (Harville). */
    private static double ordered(double[] shares, List<Integer> combination) {
        double chance = 1;
        double left = 1;
        for (int i : combination) {
            chance *= shares[i] / Math.max(left, 1e-9);
            left -= shares[i];
        }
        return chance;
    }

    private RaceState.Dividend dividend(long seed, int product, int status, int place, String productName,
            String statusName, double amount, long poolCents, List<Integer> combination, boolean placeRow) {
        List<RaceState.Position> positions = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        for (int k = 0; k < combination.size(); k++) {
            int number = runners.get(combination.get(k)).runnerNumber();
            // a Place row names one runner at position 1, whichever place it filled (as the API does)
            positions.add(new RaceState.Position(number, placeRow ? 1 : k + 1));
            numbers.add(Integer.toString(number));
        }
        String dividendId = SimRandom.uuid(seed, "dividend", meeting.index(), raceIndex, product, status, place);
        return new RaceState.Dividend(dividendId, productName, statusName, amount, BigDecimal.valueOf(poolCents, 2),
                positions, String.join(":", numbers));
    }

    // ---------------------------------------------------------------- numbers

    private static void normalise(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        if (sum > 0) {
            for (int i = 0; i < values.length; i++) {
                values[i] /= sum;
            }
        }
    }

    /** Whole numbers proportional to the shares that add up to exactly {@code total} (largest remainder). */
    static int[] largestRemainder(double[] shares, int total) {
        int[] parts = new int[shares.length];
        double[] remainders = new double[shares.length];
        int assigned = 0;
        for (int i = 0; i < shares.length; i++) {
            double exact = shares[i] * total;
            parts[i] = (int) Math.floor(exact);
            remainders[i] = exact - parts[i];
            assigned += parts[i];
        }
        while (assigned < total) {
            int best = -1;
            for (int i = 0; i < shares.length; i++) {
                if (shares[i] > 0 && (best < 0 || remainders[i] > remainders[best])) {
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            parts[best]++;
            remainders[best] = -1;
            assigned++;
        }
        return parts;
    }

    /** TAB's fixed-odds price ladder. */
    static double fixedLadder(double price) {
        double p = Math.min(501, Math.max(1.01, price));
        double step = p < 2 ? 0.05 : p < 5 ? 0.1 : p < 10 ? 0.5 : p < 50 ? 1 : p < 100 ? 5 : 10;
        return Math.max(1.01, hundredths(Math.round(p / step) * step));
    }

    private static double placeLadder(double price) {
        double p = Math.max(1.01, price);
        double step = p < 2 ? 0.05 : p < 5 ? 0.1 : p < 10 ? 0.5 : 1;
        return Math.max(1.01, hundredths(Math.round(p / step) * step));
    }

    private static double tenths(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static double hundredths(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static double gaussian(SplittableRandom random) {
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(1.0 - u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    @Override
    public String toString() {
        return meeting.name() + " R" + raceNumber() + " (" + id + ")";
    }
}
