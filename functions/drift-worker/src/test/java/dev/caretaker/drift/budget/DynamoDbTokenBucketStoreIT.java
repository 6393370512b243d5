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
import java.util.Optional;
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

    @Test
    void createsTheBucketOnce_whenTwoTakersStartTogether() {
        DynamoDbTokenBucketStore first = new DynamoDbTokenBucketStore(dynamo.client(), table, "cloudformation");
        DynamoDbTokenBucketStore second = new DynamoDbTokenBucketStore(dynamo.client(), table, "cloudformation");

        assertThat(first.read()).isEmpty();
        assertThat(first.replace(Optional.empty(), new BucketState(4, 1000, 1))).isTrue();
        assertThat(second.replace(Optional.empty(), new BucketState(4, 1000, 1))).as("the bucket exists now").isFalse();
        assertThat(second.read()).contains(new BucketState(4, 1000, 1));
    }

    @Test
    void refusesAWriteBasedOnAStaleVersion() {
        DynamoDbTokenBucketStore store = new DynamoDbTokenBucketStore(dynamo.client(), table, "cloudformation");
        store.replace(Optional.empty(), new BucketState(4, 1000, 1));
        Optional<BucketState> read = store.read();

        assertThat(store.replace(read, new BucketState(3, 1100, 2))).isTrue();
        assertThat(store.replace(read, new BucketState(3, 1100, 2))).as("version 1 is gone").isFalse();
        assertThat(store.read()).contains(new BucketState(3, 1100, 2));
    }

    @Test
    void keepsSeparateBucketsApart_byName() {
        new DynamoDbTokenBucketStore(dynamo.client(), table, "cloudformation").replace(Optional.empty(), new BucketState(1, 1, 1));

        assertThat(new DynamoDbTokenBucketStore(dynamo.client(), table, "other").read()).isEmpty();
    }

    @Test
    void pacesEveryTakerTogether_whenFourWorkersShareTheBucket() throws Exception {
        double rate = 40;
        int perWorker = 25;
        List<Long> grantedAt = Collections.synchronizedList(new ArrayList<>());
        ExecutorService workers = Executors.newFixedThreadPool(4);
        long started = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                // Each worker its own store and bucket object, as separate Lambda instances would have.
                TokenBucket bucket = TokenBucket.perSecond(new DynamoDbTokenBucketStore(dynamo.client(), table, "cloudformation"),
                        rate, Clock.systemUTC(), Sleeper.REAL);
                done.add(workers.submit(() -> {
                    for (int i = 0; i < perWorker; i++) {
                        bucket.acquire();
                        grantedAt.add(System.nanoTime() - started);
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
        assertThat(grantedAt).hasSize(100);
        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(1450));
        assertThat(elapsed).as("loosely: the budget, not DynamoDB, sets the pace").isLessThan(Duration.ofSeconds(6));
        // In any one-second window no more than a burst plus a second's refill was granted.
        List<Long> sorted = new ArrayList<>(grantedAt);
        Collections.sort(sorted);
        for (int i = 0; i < sorted.size(); i++) {
            long from = sorted.get(i);
            long inWindow = sorted.stream().filter(at -> at >= from && at < from + 1_000_000_000L).count();
            assertThat(inWindow).isLessThanOrEqualTo((long) (2 * rate) + 1);
        }
    }
}
