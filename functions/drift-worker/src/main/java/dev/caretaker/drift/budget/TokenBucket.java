package dev.caretaker.drift.budget;

import dev.caretaker.drift.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A token bucket shared through a {@link TokenBucketStore}: it refills at {@code callsPerSecond}
 * up to {@code capacity} tokens (the burst allowed after a quiet spell) and each call takes one.
 * Takers read, compute, and write back conditionally on the version they read; a taker that lost
 * the race reads again, one that finds the bucket empty sleeps until the next token is due.
 */
public final class TokenBucket implements RateBudget {

    private final TokenBucketStore store;
    private final double callsPerSecond;
    private final double capacity;
    private final Clock clock;
    private final Sleeper sleeper;

    public TokenBucket(TokenBucketStore store, double callsPerSecond, double capacity, Clock clock, Sleeper sleeper) {
        this.store = Objects.requireNonNull(store, "store");
        if (!(callsPerSecond > 0) || Double.isInfinite(callsPerSecond)) {
            throw new IllegalArgumentException("calls per second must be a positive number, was " + callsPerSecond);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("a token bucket holds at least one token, was " + capacity);
        }
        this.callsPerSecond = callsPerSecond;
        this.capacity = capacity;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** A bucket whose burst is one second's worth of calls (at least one). */
    public static TokenBucket perSecond(TokenBucketStore store, double callsPerSecond, Clock clock, Sleeper sleeper) {
        return new TokenBucket(store, callsPerSecond, Math.max(1, Math.floor(callsPerSecond)), clock, sleeper);
    }

    @Override
    public Duration acquire() throws InterruptedException {
        Duration waited = Duration.ZERO;
        while (true) {
            long now = clock.millis();
            Optional<BucketState> current = store.read();
            BucketState state = current.orElse(new BucketState(capacity, now, 0));
            // Another instance's clock may run a little ahead: refill only from its timestamp on, so a lagging
            // clock costs a wait as long as the lag (milliseconds on NTP-synced hosts) and never an early grant.
            long at = Math.max(now, state.updatedAtMillis());
            double tokens = Math.min(capacity, state.tokens() + (at - state.updatedAtMillis()) / 1000.0 * callsPerSecond);
            if (tokens >= 1) {
                if (store.replace(current, new BucketState(tokens - 1, at, state.version() + 1))) {
                    return waited;
                }
                continue;
            }
            Duration untilNext = Duration.ofNanos((long) Math.ceil((1 - tokens) / callsPerSecond * 1_000_000_000L));
            sleeper.sleep(untilNext);
            waited = waited.plus(untilNext);
        }
    }

    @Override
    public double callsPerSecond() {
        return callsPerSecond;
    }
}
