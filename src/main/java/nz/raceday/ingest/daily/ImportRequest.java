package nz.raceday.ingest.daily;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What an import run should do.
 *
 * @param racingDay NZ racing day to import
 * @param steps     steps to run; they always run in {@link ImportStep} order
 * @param trigger   who asked, for logs ({@code daily-meetings}, {@code import command}, ...)
 */
public record ImportRequest(LocalDate racingDay, Set<ImportStep> steps, String trigger) {

    public ImportRequest {
        Objects.requireNonNull(racingDay, "racingDay");
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("an import needs at least one step");
        }
        steps = Set.copyOf(EnumSet.copyOf(steps));
        Objects.requireNonNull(trigger, "trigger");
    }

    public static ImportRequest allSteps(LocalDate racingDay, String trigger) {
        return new ImportRequest(racingDay, EnumSet.allOf(ImportStep.class), trigger);
    }
}
