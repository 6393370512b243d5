package dev.caretaker.drift.detect;

import java.time.Duration;

/**
 * How a detection spent its time against the rate budget: {@code calls} made (retries included),
 * {@code throttled} answers retried, time spent waiting for the budget, and the elapsed time next
 * to the least the budget allows for that many calls.
 *
 * @param burst the calls the budget lets through at once when it is full ({@link
 *              dev.caretaker.drift.budget.RateBudget#burst()})
 */
public record CallStats(int calls, int throttled, Duration waitedForBudget, Duration elapsed, double callsPerSecond,
                        double burst) {

    /**
     * The least time the budget allows for {@code calls}: a full bucket lets {@code burst} of them go
     * at once and paces the rest at the rate, so (calls − burst) ÷ rate and never less than zero. Without
     * the burst, a check that found the bucket full would look faster than its budget.
     */
    public Duration minimumAtBudget() {
        if (Double.isInfinite(callsPerSecond) || callsPerSecond <= 0 || calls <= burst) {
            return Duration.ZERO;
        }
        return Duration.ofMillis((long) Math.ceil((calls - burst) / callsPerSecond * 1000));
    }
}
