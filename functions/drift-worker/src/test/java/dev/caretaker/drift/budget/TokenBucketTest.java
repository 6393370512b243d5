package dev.caretaker.drift.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caretaker.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The token bucket on a clock that only moves when the bucket sleeps: pacing checked exactly, nothing slept. */
class TokenBucketTest {

    private static final Instant T0 = Instant.parse("2026-11-21T03:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final List<Duration> sleeps = new ArrayList<>();
    private final InMemoryTokenBucketStore store = new InMemoryTokenBucketStore();

    private TokenBucket bucket(double callsPerSecond, double capacity) {
        return new TokenBucket(store, callsPerSecond, capacity, clock, duration -> {
            sleeps.add(duration);
            clock.advance(duration);
        });
    }

    @Test
    void letsABurstThroughAtOnce_thenPacesCallsAtTheRate() throws InterruptedException {
        TokenBucket bucket = bucket(4, 4);

        for (int i = 0; i < 4; i++) {
            assertThat(bucket.acquire()).isZero();
        }
        assertThat(bucket.acquire()).isEqualTo(Duration.ofMillis(250));
        assertThat(bucket.acquire()).isEqualTo(Duration.ofMillis(250));
        assertThat(Duration.between(T0, clock.instant())).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void makesNCallsInNoLessThanTheRateAllows_whenCallingContinuously() throws InterruptedException {
        TokenBucket bucket = bucket(10, 1);

        for (int i = 0; i < 101; i++) {
            bucket.acquire();
        }

        assertThat(Duration.between(T0, clock.instant())).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void refillsWhileIdle_butNeverBeyondItsCapacity() throws InterruptedException {
        TokenBucket bucket = bucket(2, 2);
        bucket.acquire();
        bucket.acquire();
        clock.advance(Duration.ofMinutes(10));

        assertThat(bucket.acquire()).isZero();
        assertThat(bucket.acquire()).isZero();
        assertThat(bucket.acquire()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void givesEachTakerItsOwnSlot_whenOthersReservedBeforeIt() throws InterruptedException {
        TokenBucket mine = bucket(5, 1);
        TokenBucket theirs = bucket(5, 1);
        List<Duration> waits = new ArrayList<>();
        MutableClock frozen = clock;

        // three takers at the same instant: slots 0, 200 and 400 ms out
        waits.add(theirs.acquire());
        frozen.set(T0);
        waits.add(theirs.acquire());
        frozen.set(T0);
        waits.add(mine.acquire());

        assertThat(waits).containsExactly(Duration.ZERO, Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void waitsForTheSlotAnotherInstanceLeftFree_whenTheBucketIsBusy() throws InterruptedException {
        store.nextFreeAt((T0.getEpochSecond() + 3) * 1_000_000);

        assertThat(bucket(1, 1).acquire()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void refusesARateThatIsNotPositive() {
        assertThatThrownBy(() -> bucket(0, 1)).hasMessageContaining("positive");
        assertThatThrownBy(() -> bucket(1, 0.5)).hasMessageContaining("at least one token");
    }
}
