package dev.caretaker.drift.detect;

import java.time.Duration;
import java.util.Objects;

/**
 * How patiently detection polls and retries: status polls start at {@code firstPoll} and double up
 * to {@code maxPause}; a throttled call is retried {@code throttleRetries} times after pauses that
 * start at {@code firstThrottlePause} and double; a resource whose detection failed is re-detected
 * on its own up to {@code resourceRetries} times.
 */
public record DetectionPolicy(Duration firstPoll, Duration maxPause, int throttleRetries, Duration firstThrottlePause,
                              int resourceRetries) {

    public static final DetectionPolicy DEFAULT =
            new DetectionPolicy(Duration.ofSeconds(2), Duration.ofSeconds(10), 4, Duration.ofSeconds(1), 2);

    public DetectionPolicy {
        Objects.requireNonNull(firstPoll, "firstPoll");
        Objects.requireNonNull(maxPause, "maxPause");
        Objects.requireNonNull(firstThrottlePause, "firstThrottlePause");
        if (throttleRetries < 0 || resourceRetries < 0) {
            throw new IllegalArgumentException("retry counts cannot be negative");
        }
    }

    Duration pauseAfter(Duration pause) {
        Duration doubled = pause.multipliedBy(2);
        return doubled.compareTo(maxPause) > 0 ? maxPause : doubled;
    }

    Duration throttlePause(int retry) {
        Duration pause = firstThrottlePause;
        for (int i = 1; i < retry; i++) {
            pause = pauseAfter(pause);
        }
        return pause;
    }
}
