package nz.raceday.ingest.polling;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import nz.raceday.ingest.mapping.JsonText;
import nz.raceday.ingest.mapping.RaceDayDocuments;
import nz.raceday.ingest.shared.DerivedIds;
import nz.raceday.ingest.shared.RaceStatus;
import nz.raceday.ingest.store.Document;
import nz.raceday.ingest.store.StoredTimes;
import nz.raceday.ingest.store.Write;
import nz.raceday.ingest.store.WriteBatch;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import nz.raceday.ingest.tab.model.Dividend;
import nz.raceday.ingest.tab.model.EventDetail;
import nz.raceday.ingest.tab.model.Odds;
import nz.raceday.ingest.tab.model.Runner;
import nz.raceday.ingest.tab.model.TotePool;
import nz.raceday.ingest.store.schema.Fields.Races;

/**
 * Everything one poll of a race writes, as one ordered batch: the meeting reference (only filling gaps), entrants,
 * odds history (changes only), money-flow rows (one new {@code bucketed_aggregation} row per entrant), pools,
 * results and dividends, and the race itself last: on a store without transactions the results exist before the
 * race turns Final, and the frontend stops polling a race once it reads Final.
 */
public final class PollDocuments {

    public static final String BUCKETED = "bucketed_aggregation";
    static final List<String> ODDS_TYPES = List.of("fixed_win", "fixed_place", "pool_win", "pool_place");

    private final RaceDayDocuments documents;

    public PollDocuments(RaceDayDocuments documents) {
        this.documents = documents;
    }

    /** The writes of one poll and what to remember once they are stored. */
    public record PollWrites(WriteBatch batch, List<Write.Create> oddsRows, List<MoneyFlowRow> moneyFlowRows,
            String previousStatus) {
    }

    /** One money-flow row and its bucket, remembered for the increments of later polls. */
    public record MoneyFlowRow(String entrantId, int bucket, MoneyFlow.Amounts amounts) {
    }

    /**
     * @param event       the event as polled
     * @param pollTime    when the poll's response arrived: the timestamp of history rows
     * @param storedRace  the race as stored before this poll, if any
     * @param memory      odds and money flow already stored for the race
     * @param counts      the race's poll counts, including this poll
     */
    public PollWrites build(EventDetail event, Instant pollTime, Optional<Document> storedRace, RaceMemory memory,
            PollCounts counts) {
        String raceId = event.raceId();
        WriteBatch batch = new WriteBatch();
        if (event.race().meetingId() != null) {
            documents.meetingReference(event).ifPresent(batch::add);
        }
        batch.addAll(documents.entrants(event));

        List<Write.Create> oddsRows = oddsHistory(event, pollTime, memory);
        batch.addAll(oddsRows);

        List<MoneyFlowRow> flowRows = new ArrayList<>();
        if (event.moneyTracker() != null) {
            batch.addAll(moneyFlow(event, pollTime, memory, flowRows));
        }
        if (!event.pools().isEmpty()) {
            batch.add(racePools(event));
        }
        String status = event.race().status();
        if ((RaceStatus.INTERIM.equals(status) || RaceStatus.FINAL.equals(status) || "Finalized".equals(status))
                && event.results() != null && !event.results().isEmpty()) {
            batch.add(raceResults(event, pollTime));
        }

        String previousStatus = storedRace.map(d -> d.getString(Races.STATUS)).orElse(null);
        batch.add(race(event, pollTime, storedRace, previousStatus, counts));
        return new PollWrites(batch, oddsRows, flowRows, previousStatus);
    }

    private Write.Upsert race(EventDetail event, Instant pollTime, Optional<Document> storedRace, String previousStatus,
            PollCounts counts) {
        Write.Upsert detail = documents.raceDetail(event);
        Map<String, Object> doc = new LinkedHashMap<>(detail.attributes());
        String status = event.race().status();
        doc.put("last_poll_time", pollTime);
        if (previousStatus != null && !previousStatus.equals(status)) {
            doc.put("lastStatusChange", pollTime);
        }
        if ((RaceStatus.FINAL.equals(status) || "Finalized".equals(status))
                && storedRace.map(d -> d.get(Races.FINALIZED_AT)).isEmpty()) {
            doc.put("finalizedAt", pollTime);
        }
        if (RaceStatus.ABANDONED.equals(status) && storedRace.map(d -> d.get(Races.ABANDONED_AT)).isEmpty()) {
            doc.put("abandonedAt", pollTime);
        }
        doc.put("pollsPlanned", counts.planned());
        doc.put("pollsMade", counts.made());
        doc.put("pollsMissed", counts.missed());
        return new Write.Upsert(RaceDaySchema.RACES, event.raceId(), doc);
    }

    /** One row per entrant and odds type whose value differs from the last stored one (first sight included). */
    private static List<Write.Create> oddsHistory(EventDetail event, Instant pollTime, RaceMemory memory) {
        List<Write.Create> rows = new ArrayList<>();
        for (Runner runner : event.runners()) {
            Odds odds = runner.odds();
            List<Double> values = java.util.Arrays.asList(odds.fixedWin(), odds.fixedPlace(), odds.poolWin(),
                    odds.poolPlace());
            for (int i = 0; i < ODDS_TYPES.size(); i++) {
                String type = ODDS_TYPES.get(i);
                Double value = values.get(i);
                if (value != null && !value.equals(memory.lastOdds(runner.entrantId(), type))) {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("odds", value);
                    doc.put("eventTimestamp", pollTime);
                    doc.put("type", type);
                    doc.put("raceId", event.raceId());
                    doc.put("entrantId", runner.entrantId());
                    doc.put("entrant", runner.entrantId());
                    rows.add(new Write.Create(RaceDaySchema.ODDS_HISTORY,
                            DerivedIds.of("odds", runner.entrantId(), type, StoredTimes.format(pollTime)), doc));
                }
            }
        }
        return rows;
    }

    /** One new bucketed row per runner, from the summed money tracker applied to the win and place pools. */
    private static List<Write.Create> moneyFlow(EventDetail event, Instant pollTime, RaceMemory memory,
            List<MoneyFlowRow> remembered) {
        long winPool = poolCents(event, "win");
        long placePool = poolCents(event, "place");
        int timeToStart = MoneyFlow.timeToStart(event.race().advertisedStart(), pollTime);
        int bucket = MoneyFlow.timeInterval(timeToStart);
        Map<String, MoneyFlow.Share> shares = MoneyFlow.shares(event.moneyTracker(),
                event.runners().stream().map(Runner::entrantId).toList());
        List<Write.Create> rows = new ArrayList<>();
        for (Runner runner : event.runners()) {
            MoneyFlow.Share share = shares.get(runner.entrantId());
            MoneyFlow.Amounts amounts = MoneyFlow.amounts(winPool, placePool, share.hold());
            MoneyFlow.Amounts increments = MoneyFlow.increments(memory.buckets(runner.entrantId()),
                    memory.latestOutside(runner.entrantId(), bucket), bucket, amounts);
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("raceId", event.raceId());
            doc.put("entrantId", runner.entrantId());
            doc.put("entrant", runner.entrantId());
            doc.put("type", BUCKETED);
            doc.put("holdPercentage", (double) share.hold());
            doc.put("betPercentage", (double) share.bet());
            doc.put("eventTimestamp", pollTime);
            doc.put("pollingTimestamp", pollTime);
            doc.put("timeToStart", (long) timeToStart);
            doc.put("timeInterval", (long) bucket);
            doc.put("intervalType", MoneyFlow.intervalType(timeToStart));
            doc.put("poolType", "combined");
            doc.put("winPoolAmount", amounts.win());
            doc.put("placePoolAmount", amounts.place());
            doc.put("totalPoolAmount", winPool + placePool);
            doc.put("incrementalWinAmount", increments.win());
            doc.put("incrementalPlaceAmount", increments.place());
            doc.put("incrementalAmount", increments.win());
            // the entrant's share of each pool: the same hold share applied to both
            doc.put("winPoolPercentage", (double) share.hold());
            doc.put("placePoolPercentage", (double) share.hold());
            doc.put("fixedWinOdds", runner.odds().fixedWin());
            doc.put("fixedPlaceOdds", runner.odds().fixedPlace());
            doc.put("poolWinOdds", runner.odds().poolWin());
            doc.put("poolPlaceOdds", runner.odds().poolPlace());
            doc.put("mathematicallyConsistent", winPool + placePool > 0);
            rows.add(new Write.Create(RaceDaySchema.MONEY_FLOW_HISTORY,
                    DerivedIds.of("money-flow", runner.entrantId(), StoredTimes.format(pollTime)), doc));
            remembered.add(new MoneyFlowRow(runner.entrantId(), bucket, amounts));
        }
        return rows;
    }

    /** One document per race: per-product totals in cents and a race total without multi-race pools. */
    private static Write.Upsert racePools(EventDetail event) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("raceId", event.raceId());
        long total = 0;
        for (TotePool pool : event.pools()) {
            if (pool.totalDollars() == null) {
                continue;
            }
            long cents = MoneyFlow.cents(pool.totalDollars());
            String attribute = poolAttribute(pool.productType());
            if (attribute != null) {
                doc.put(attribute, cents);
            }
            if (!pool.multiRace()) {
                total += cents;
            }
        }
        doc.put("totalRacePool", total);
        doc.put("currency", "$");
        return new Write.Upsert(RaceDaySchema.RACE_POOLS, event.raceId(), doc);
    }

    private static String poolAttribute(String productType) {
        return switch (productType.toLowerCase(Locale.ROOT).replace(" ", "")) {
            case "win" -> "winPoolTotal";
            case "place" -> "placePoolTotal";
            case "quinella" -> "quinellaPoolTotal";
            case "trifecta" -> "trifectaPoolTotal";
            case "exacta" -> "exactaPoolTotal";
            case "firstfour", "first4" -> "first4PoolTotal";
            default -> null;
        };
    }

    private static long poolCents(EventDetail event, String product) {
        return event.pools().stream().filter(p -> p.productType().equalsIgnoreCase(product) && p.totalDollars() != null)
                .mapToLong(p -> MoneyFlow.cents(p.totalDollars())).findFirst().orElse(0);
    }

    /**
     * The results document at Interim and Final: results as TAB sent them; the dividends of the current status,
     * without repeats (Place has one row per placed runner, so the selection is part of the key); fixed odds by
     * runner number.
     */
    private static Write.Upsert raceResults(EventDetail event, Instant pollTime) {
        // dividends carry Interim or Final only: a Finalized race shows its Final dividends
        String status = "Finalized".equals(event.race().status()) ? RaceStatus.FINAL : event.race().status();
        String resultStatus = status.toLowerCase(Locale.ROOT);
        List<JsonNode> dividends = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean anyOfStatus = event.dividends().stream().anyMatch(d -> status.equals(d.status()));
        for (Dividend dividend : event.dividends()) {
            if (anyOfStatus && !status.equals(dividend.status())) {
                continue;
            }
            if (seen.add(dividend.productName() + "|" + dividend.status() + "|" + dividend.description())) {
                dividends.add(dividend.json());
            }
        }
        Map<String, Object> fixedOdds = new LinkedHashMap<>();
        for (Runner runner : event.runners()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("fixed_win", runner.odds().fixedWin());
            entry.put("fixed_place", runner.odds().fixedPlace());
            entry.put("runner_name", runner.name());
            entry.put("entrant_id", runner.entrantId());
            fixedOdds.put(String.valueOf(runner.runnerNumber()), entry);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("raceId", event.raceId());
        doc.put("resultsAvailable", true);
        doc.put("resultStatus", resultStatus);
        doc.put("resultsData", JsonText.fit(JsonText.write(event.results()), 20000));
        doc.put("dividendsData", JsonText.fit(JsonText.write(dividends), 30000));
        doc.put("fixedOddsData", JsonText.fit(JsonText.write(fixedOdds), 20000));
        doc.put("photoFinish", event.dividends().stream().anyMatch(d -> "Photo".equals(d.status())));
        doc.put("stewardsInquiry", event.dividends().stream().anyMatch(d -> "Inquiry".equals(d.status())));
        doc.put("protestLodged", Boolean.TRUE.equals(event.race().protest())
                || event.dividends().stream().anyMatch(d -> "Protest".equals(d.status())));
        doc.put("race", event.raceId());
        return new Write.Upsert(RaceDaySchema.RACE_RESULTS, event.raceId(), doc).withMetadata("resultTime", pollTime);
    }
}
