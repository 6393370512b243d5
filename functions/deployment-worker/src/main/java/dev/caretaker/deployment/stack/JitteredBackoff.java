package dev.caretaker.deployment.stack;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"):
 * the n-th wait is uniform in [0, min(cap, base * 2^(n-1))], so callers throttled together spread
 * out instead of retrying in lockstep.
 */
public record JitteredBackoff(int maxAttempts, Duration base, Duration cap) {

    /** Five retries, waits capped at 10 s: at most about 25 s of waiting, well inside a task's timeout. */
    public static final JitteredBackoff CLOUDFORMATION = new JitteredBackoff(6, Duration.ofMillis(500), Duration.ofSeconds(10));

    public JitteredBackoff {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** The wait before attempt {@code attempt + 1}, after {@code attempt} (1-based) failed. */
    public Duration delayAfter(int attempt, RandomGenerator random) {
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(attempt - 1, 30));
        return Duration.ofMillis(random.nextLong(ceiling + 1));
    }
}
