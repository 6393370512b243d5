package dev.caretaker.drift.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caretaker.drift.detect.CallStats;
import dev.caretaker.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The least time a report names for n calls is what a full token bucket really takes for them:
 * its burst at once, the rest at the rate.
 */
class BudgetMinimumTest {

    private static final Instant T0 = Instant.parse("2026-11-21T03:00:00Z");

    private final MutableClock clock = new MutableClock(T0);

    private Duration takenByAFullBucket(TokenBucket bucket, int calls) throws InterruptedException {
        for (int i = 0; i < calls; i++) {
            bucket.acquire();
        }
        return Duration.between(T0, clock.instant());
    }

    private TokenBucket bucket(double callsPerSecond) {
        return TokenBucket.perSecond(new InMemoryTokenBucketStore(), callsPerSecond, clock, clock::advance);
    }

    private static CallStats stats(int calls, RateBudget budget) {
        return new CallStats(calls, 0, Duration.ZERO, Duration.ZERO, budget.callsPerSecond(), budget.burst());
    }

    @Test
    void equalsTheTimeAFullBucketTakes_whenTheCallsExceedItsBurst() throws InterruptedException {
        TokenBucket bucket = bucket(10);

        Duration taken = takenByAFullBucket(bucket, 25);

        assertThat(taken).isEqualTo(Duration.ofMillis(1500));
        assertThat(stats(25, bucket).minimumAtBudget()).isEqualTo(taken);
    }

    @Test
    void isZero_whenTheCallsFitInTheBurst() throws InterruptedException {
        TokenBucket bucket = bucket(10);

        assertThat(takenByAFullBucket(bucket, 10)).isZero();
        assertThat(stats(10, bucket).minimumAtBudget()).isZero();
        assertThat(stats(3, bucket).minimumAtBudget()).isZero();
    }

    @Test
    void countsOnlyTheFirstCallAsFree_whenTheBucketHoldsOneToken() throws InterruptedException {
        TokenBucket bucket = new TokenBucket(new InMemoryTokenBucketStore(), 4, 1, clock, clock::advance);

        Duration taken = takenByAFullBucket(bucket, 9);

        assertThat(taken).isEqualTo(Duration.ofSeconds(2));
        assertThat(stats(9, bucket).minimumAtBudget()).isEqualTo(taken);
    }

    @Test
    void isZero_whenTheBudgetIsUnlimited() {
        assertThat(stats(1_000, RateBudget.unlimited()).minimumAtBudget()).isZero();
    }
}
