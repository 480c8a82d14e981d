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
 *
 * <p>This class holds the card and the timeline; {@link MarketModel} computes the market at a tick and
 * {@link RaceOutcome} the finishing order, results and dividends from the market frozen at the jump.
 */
public final class SimulatedRace {

    /** The single-race pools, in the order {@code tote_pools} lists them. */
    static final List<String> PRODUCTS = List.of("Win", "Place", "Quinella", "Trifecta", "FirstFour");

    private static final long K_CARD = SimRandom.label("card");

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
    private final MarketModel marketModel;

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
        int size = runners.size();
        int[] moneyRowCounts = new int[size];
        for (int i = 0; i < size; i++) {
            moneyRowCounts[i] = 3 + card.nextInt(8);
        }
        int ghosts = 1 + card.nextInt(3);
        List<String> ghostIds = new ArrayList<>();
        for (int j = 0; j < ghosts; j++) {
            ghostIds.add(SimRandom.uuid(seed, "not-a-runner", meeting.index(), raceIndex, j));
        }
        long[] finalPoolCents = finalPools(card);

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
        this.marketModel = new MarketModel(ctx, salt, runners, moneyRowCounts, List.copyOf(ghostIds), finalPoolCents,
                scratchedIndex, scratchTime, jump);
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
                    silkBase + "_128x128.png", change, Math.exp(0.8 * SimMath.gaussian(card))));
        }
        return List.copyOf(list);
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

    /** Salts the race's random streams (a hash of its id), so no two races draw the same values. */
    long salt() {
        return salt;
    }

    // ---------------------------------------------------------------- state

    /** The ground truth at an instant; the event payload for that instant is rendered from it. */
    public RaceState stateAt(Instant at) {
        String status = statusAt(at);
        MarketModel.Market market = marketModel.at(marketTick(at));
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
            RaceOutcome outcome = new RaceOutcome(this, market);
            results = outcome.results();
            dividends = outcome.dividends(status.equals("Final"));
        }
        return new RaceState(id, at, status, advertisedStartAt(at), actualStartAt(at), states, pools,
                marketModel.moneyRows(market), results, dividends);
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
        return Math.round(pool.finalCents() * MarketModel.growth(tick, firstLeg.freezeAt()));
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
            all.add(new ArrayList<>(List.of(new PricePoint(opened, marketModel.openingPrice(i)))));
        }
        for (long mark = Math.floorDiv(now, 4) * 4 - 16; mark <= now; mark += 4) {
            MarketModel.Market market = marketModel.at(mark);
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

    /** Places paid for a field: 3 from 8 runners, 2 from 5, else 1 (NZ tote rules). */
    static int positionsPaid(int field) {
        return field >= 8 ? 3 : field >= 5 ? 2 : 1;
    }

    @Override
    public String toString() {
        return meeting.name() + " R" + raceNumber() + " (" + id + ")";
    }
}
