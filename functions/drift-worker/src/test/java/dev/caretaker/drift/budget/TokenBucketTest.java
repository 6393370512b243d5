package dev.caretaker.drift.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caretaker.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    void readsAgainWithoutSleeping_whenAnotherTakerWroteFirst() throws InterruptedException {
        TokenBucketStore racing = new TokenBucketStore() {
            private boolean raced;

            @Override
            public Optional<BucketState> read() {
                return store.read();
            }

            @Override
            public boolean replace(Optional<BucketState> expected, BucketState next) {
                if (!raced) {
                    raced = true;
                    // someone else takes a token between our read and our write
                    store.replace(store.read(), new BucketState(0.5, clock.millis(), 7));
                }
                return store.replace(expected, next);
            }
        };
        TokenBucket bucket = new TokenBucket(racing, 1, 1, clock, duration -> {
            sleeps.add(duration);
            clock.advance(duration);
        });

        bucket.acquire();

        assertThat(store.conflicts()).isEqualTo(1);
        assertThat(sleeps).as("only the half token missing after the other taker").containsExactly(Duration.ofMillis(500));
        assertThat(store.read()).hasValueSatisfying(state -> assertThat(state.version()).isEqualTo(8));
    }

    @Test
    void waitsOutAnotherInstancesClockLead_ratherThanGrantingEarly() throws InterruptedException {
        store.replace(Optional.empty(), new BucketState(0, T0.plusSeconds(5).toEpochMilli(), 1));
        TokenBucket bucket = bucket(1, 1);

        // Safe side: the lagging instance refills from the leader's timestamp, so it waits the lead (5 s) plus a token.
        assertThat(bucket.acquire()).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void refusesARateThatIsNotPositive() {
        assertThatThrownBy(() -> bucket(0, 1)).hasMessageContaining("positive");
        assertThatThrownBy(() -> bucket(1, 0.5)).hasMessageContaining("at least one token");
    }
}
