package dev.caretaker.drift.budget;

import dev.caretaker.drift.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A token bucket shared through a {@link TokenBucketStore}, in its scheduling form: it refills at
 * {@code callsPerSecond} up to {@code capacity} tokens, so after a quiet spell {@code capacity} calls
 * go at once and then one per interval. Each taker reserves the next free slot with one atomic
 * write and sleeps until it: no reads, no lost races, however many instances share the bucket.
 */
public final class TokenBucket implements RateBudget {

    private final TokenBucketStore store;
    private final double callsPerSecond;
    private final double burst;
    private final long intervalMicros;
    private final long burstWindowMicros;
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
        this.burst = Math.floor(capacity);
        this.intervalMicros = Math.max(1, Math.round(1_000_000 / callsPerSecond));
        // The first of a burst goes at the floor, the last at now: (capacity - 1) intervals apart.
        this.burstWindowMicros = (long) (burst - 1) * intervalMicros;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** A bucket whose burst is one second's worth of calls (at least one). */
    public static TokenBucket perSecond(TokenBucketStore store, double callsPerSecond, Clock clock, Sleeper sleeper) {
        return new TokenBucket(store, callsPerSecond, Math.max(1, Math.floor(callsPerSecond)), clock, sleeper);
    }

    @Override
    public Duration acquire() throws InterruptedException {
        long now = micros(clock.instant());
        long slot = store.reserve(now - burstWindowMicros, intervalMicros);
        if (slot <= now) {
            return Duration.ZERO;
        }
        Duration wait = Duration.of(slot - now, ChronoUnit.MICROS);
        sleeper.sleep(wait);
        return wait;
    }

    @Override
    public double callsPerSecond() {
        return callsPerSecond;
    }

    /** The whole tokens the bucket holds: that many calls go at once when it is full. */
    @Override
    public double burst() {
        return burst;
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }
}
