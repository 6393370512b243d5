package dev.caretaker.drift;

import dev.caretaker.drift.budget.RateBudget;
import dev.caretaker.drift.budget.TokenBucket;
import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleFunction;
import java.util.function.Supplier;

/**
 * The account's rate budget at the rate the drift settings in force name: a new configured rate
 * applies from the next call on. The buckets all share one stored schedule, so switching rates
 * neither forgets reservations already made nor lets a burst through.
 */
final class ConfiguredRateBudget implements RateBudget {

    private final Supplier<DriftSettings> settings;
    private final DoubleFunction<TokenBucket> bucketAt;
    private TokenBucket bucket;

    ConfiguredRateBudget(Supplier<DriftSettings> settings, DoubleFunction<TokenBucket> bucketAt) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.bucketAt = Objects.requireNonNull(bucketAt, "bucketAt");
    }

    @Override
    public Duration acquire() throws InterruptedException {
        return current().acquire();
    }

    @Override
    public double callsPerSecond() {
        return current().callsPerSecond();
    }

    @Override
    public double burst() {
        return current().burst();
    }

    // Only choosing the bucket is guarded: a caller sleeping for its slot must not hold up the others.
    private synchronized TokenBucket current() {
        double rate = settings.get().callsPerSecond();
        if (bucket == null || bucket.callsPerSecond() != rate) {
            bucket = bucketAt.apply(rate);
        }
        return bucket;
    }
}
