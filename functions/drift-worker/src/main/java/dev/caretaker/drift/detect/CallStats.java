package dev.caretaker.drift.detect;

import java.time.Duration;

/**
 * How a detection spent its time against the rate budget: {@code calls} made (retries included),
 * {@code throttled} answers retried, time spent waiting for the budget, and the elapsed time next
 * to the least the budget allows for that many calls.
 */
public record CallStats(int calls, int throttled, Duration waitedForBudget, Duration elapsed, double callsPerSecond) {

    public Duration minimumAtBudget() {
        if (Double.isInfinite(callsPerSecond) || callsPerSecond <= 0) {
            return Duration.ZERO;
        }
        return Duration.ofMillis((long) Math.ceil(calls / callsPerSecond * 1000));
    }
}
