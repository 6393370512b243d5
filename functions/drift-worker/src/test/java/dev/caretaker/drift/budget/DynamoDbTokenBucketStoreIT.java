package dev.caretaker.drift.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caretaker.drift.Sleeper;
import dev.caretaker.testing.EmbeddedDynamoDb;
import dev.caretaker.testing.StateTables;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared token bucket as an item of the state table on DynamoDB Local: conditional writes, and pacing under contention. */
class DynamoDbTokenBucketStoreIT {

    private static EmbeddedDynamoDb dynamo;
    private String table;

    @BeforeAll
    static void startEngine() {
        dynamo = EmbeddedDynamoDb.start();
    }

    @AfterAll
    static void stopEngine() {
        dynamo.close();
    }

    @BeforeEach
    void freshTable() {
        table = "state-" + UUID.randomUUID();
        StateTables.createStateTable(dynamo.client(), table);
    }

    private DynamoDbTokenBucketStore store(String name) {
        return new DynamoDbTokenBucketStore(dynamo.client(), table, name);
    }

    @Test
    void startsAtTheFloorAndHandsOutConsecutiveSlots_whenTheBucketIsNew() {
        DynamoDbTokenBucketStore first = store("cloudformation");
        DynamoDbTokenBucketStore second = store("cloudformation");

        assertThat(first.reserve(1_000_000, 250_000)).isEqualTo(1_000_000);
        assertThat(second.reserve(1_000_000, 250_000)).isEqualTo(1_250_000);
        assertThat(first.reserve(1_100_000, 250_000)).as("the floor has not caught up").isEqualTo(1_500_000);
    }

    @Test
    void restartsFromTheFloor_whenIdleLongerThanTheBurstWindow() {
        DynamoDbTokenBucketStore store = store("cloudformation");
        store.reserve(1_000_000, 250_000);

        assertThat(store.reserve(60_000_000, 250_000)).isEqualTo(60_000_000);
        assertThat(store.reserve(60_000_000, 250_000)).isEqualTo(60_250_000);
    }

    @Test
    void keepsSeparateBucketsApart_byName() {
        store("cloudformation").reserve(1_000_000, 250_000);

        assertThat(store("other").reserve(1_000_000, 250_000)).isEqualTo(1_000_000);
    }

    @Test
    void pacesEveryTakerTogether_whenFourWorkersShareTheBucket() throws Exception {
        double rate = 40;
        int perWorker = 25;
        long interval = Math.round(1_000_000 / rate);
        long burstWindow = (long) (rate - 1) * interval;
        // When each call was allowed to go, as the bucket decides it: at its slot, or at once when the slot has passed.
        // Read from the reservations, not from when a thread got round to noting it, so a loaded machine cannot blur it.
        List<Long> allowedAt = Collections.synchronizedList(new ArrayList<>());
        ExecutorService workers = Executors.newFixedThreadPool(4);
        long started = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                // Each worker its own store and bucket object, as separate Lambda instances would have.
                DynamoDbTokenBucketStore store = new DynamoDbTokenBucketStore(dynamo.client(), table, "cloudformation");
                TokenBucketStore noting = (floor, step) -> {
                    long slot = store.reserve(floor, step);
                    allowedAt.add(Math.max(slot, floor + burstWindow));
                    return slot;
                };
                TokenBucket bucket = TokenBucket.perSecond(noting, rate, Clock.systemUTC(), Sleeper.REAL);
                done.add(workers.submit(() -> {
                    for (int i = 0; i < perWorker; i++) {
                        bucket.acquire();
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            workers.shutdownNow();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        // 100 tokens, 40 of them the initial burst: at least 60 / 40 = 1.5 s.
        assertThat(allowedAt).hasSize(100);
        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(1450));
        assertThat(elapsed).as("loosely: the budget, not DynamoDB, sets the pace").isLessThan(Duration.ofSeconds(6));
        // In any one-second window no more than a burst plus a second's refill was allowed.
        List<Long> sorted = new ArrayList<>(allowedAt);
        Collections.sort(sorted);
        for (int i = 0; i < sorted.size(); i++) {
            long from = sorted.get(i);
            long inWindow = sorted.stream().filter(at -> at >= from && at < from + 1_000_000L).count();
            assertThat(inWindow).isLessThanOrEqualTo((long) (2 * rate) + 1);
        }
    }
}
