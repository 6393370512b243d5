package dev.caretaker.drift.budget;

import java.time.Duration;

/**
 * Port: permission to make one CloudFormation call under the account's shared rate. Every worker
 * instance draws from the same budget, so the account as a whole stays under the configured rate
 * however many checks run at once.
 */
public interface RateBudget {

    /** Blocks until a call may be made; returns how long it waited. */
    Duration acquire() throws InterruptedException;

    /** The configured rate, for reporting how long a check took against it. */
    double callsPerSecond();

    /**
     * How many calls the budget lets through at once after a quiet spell, before pacing them at
     * {@link #callsPerSecond()}: the least time for n calls is (n − burst) ÷ rate, not n ÷ rate.
     */
    double burst();

    /** No limit: for offline use and tests that are not about pacing. */
    static RateBudget unlimited() {
        return new RateBudget() {
            @Override
            public Duration acquire() {
                return Duration.ZERO;
            }

            @Override
            public double callsPerSecond() {
                return Double.POSITIVE_INFINITY;
            }

            @Override
            public double burst() {
                return Double.POSITIVE_INFINITY;
            }
        };
    }
}
