package dev.caretaker.local.stepfunctions;

import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One entry of a state's Retry list. The n-th retry (1-based) waits
 * {@code IntervalSeconds * BackoffRate^(n-1)} seconds, capped at MaxDelaySeconds; FULL jitter
 * waits a uniformly random part of that instead, as the service does to spread retries out.
 */
record Retrier(List<String> errorEquals, int intervalSeconds, int maxAttempts, double backoffRate,
               Integer maxDelaySeconds, Jitter jitter) {

    enum Jitter { FULL, NONE }

    Retrier {
        errorEquals = List.copyOf(errorEquals);
    }

    boolean covers(String error) {
        return ErrorNames.matches(errorEquals, error);
    }

    Duration delayBeforeRetry(int retryNumber, RandomGenerator random) {
        double seconds = intervalSeconds * Math.pow(backoffRate, retryNumber - 1);
        if (maxDelaySeconds != null) {
            seconds = Math.min(seconds, maxDelaySeconds);
        }
        if (jitter == Jitter.FULL) {
            seconds = seconds * random.nextDouble();
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
