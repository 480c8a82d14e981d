package nz.raceday.ingest.tab.model;

/** The four decimal prices TAB gives a runner; any may be absent. */
public record Odds(Double fixedWin, Double fixedPlace, Double poolWin, Double poolPlace) {

    public static final Odds NONE = new Odds(null, null, null, null);
}
