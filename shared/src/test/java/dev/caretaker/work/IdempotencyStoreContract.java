package dev.caretaker.work;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caretaker.testing.StateTables;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What {@link DynamoDbIdempotencyStore} must do on every backend (DynamoDB Local, LocalStack).
 * Times are explicit instants, so expiry is tested without waiting.
 */
abstract class IdempotencyStoreContract {

    private static final Instant T0 = Instant.parse("2026-11-21T03:00:00Z");
    private static final Duration KEEP_FOR = Duration.ofHours(1);
    private static final String KEY = "drift#drift-0b7c1f33c2b94a5e8d0e6a11";

    protected abstract DynamoDbClient dynamoDb();

    private IdempotencyStore store;

    @BeforeEach
    void freshTable() {
        String table = "idempotency-" + UUID.randomUUID();
        StateTables.createIdempotencyTable(dynamoDb(), table);
        store = new DynamoDbIdempotencyStore(dynamoDb(), table, KEEP_FOR);
    }

    @Test
    void begins_whenKeyIsNew() {
        assertThat(store.begin(KEY, T0, T0.plusSeconds(60))).isInstanceOf(IdempotencyStore.Start.Begun.class);
    }

    @Test
    void reportsInProgressUntilItsExpiry_whenBegunAgainWhileInProgress() {
        store.begin(KEY, T0, T0.plusSeconds(60));

        IdempotencyStore.Start again = store.begin(KEY, T0.plusSeconds(30), T0.plusSeconds(90));

        assertThat(again).isEqualTo(new IdempotencyStore.Start.InProgressElsewhere(T0.plusSeconds(60)));
    }

    @Test
    void beginsAgain_whenInProgressRecordExpired() {
        store.begin(KEY, T0, T0.plusSeconds(60));

        IdempotencyStore.Start atExpiry = store.begin(KEY, T0.plusSeconds(60), T0.plusSeconds(120));
        IdempotencyStore.Start after = store.begin(KEY, T0.plusSeconds(61), T0.plusSeconds(121));

        assertThat(atExpiry).as("the lease is still held at its last millisecond")
                .isInstanceOf(IdempotencyStore.Start.InProgressElsewhere.class);
        assertThat(after).isInstanceOf(IdempotencyStore.Start.Begun.class);
        assertThat(store.begin(KEY, T0.plusSeconds(62), T0.plusSeconds(122)))
                .as("the new attempt holds its own lease")
                .isEqualTo(new IdempotencyStore.Start.InProgressElsewhere(T0.plusSeconds(121)));
    }

    @Test
    void returnsStoredResult_whenBegunAfterCompletion() {
        store.begin(KEY, T0, T0.plusSeconds(60));
        Map<String, Object> result = Map.of("severity", "WARNING", "summary", "app-b has drifted",
                "data", Map.of("drifted", 2, "resources", List.of("Bucket", "Queue")));
        store.complete(KEY, result, T0.plusSeconds(5));

        IdempotencyStore.Start again = store.begin(KEY, T0.plusSeconds(10), T0.plusSeconds(70));

        assertThat(again).isInstanceOfSatisfying(IdempotencyStore.Start.AlreadyCompleted.class,
                completed -> assertThat(completed.result()).isEqualTo(result));
    }

    @Test
    void keepsCompletedResult_evenAfterTheInProgressLeaseWouldHaveLapsed() {
        store.begin(KEY, T0, T0.plusSeconds(60));
        store.complete(KEY, Map.of("summary", "done"), T0.plusSeconds(5));

        IdempotencyStore.Start later = store.begin(KEY, T0.plusSeconds(600), T0.plusSeconds(660));

        assertThat(later).isEqualTo(new IdempotencyStore.Start.AlreadyCompleted(Map.of("summary", "done")));
    }

    @Test
    void beginsAgain_whenCompletedRecordOutlivedItsRetention() {
        store.begin(KEY, T0, T0.plusSeconds(60));
        store.complete(KEY, Map.of("summary", "done"), T0.plusSeconds(5));

        // DynamoDB's TTL deletes expired items eventually, not on time: the store must not rely on it.
        IdempotencyStore.Start later = store.begin(KEY, T0.plus(KEEP_FOR).plusSeconds(10), T0.plus(KEEP_FOR).plusSeconds(70));

        assertThat(later).isInstanceOf(IdempotencyStore.Start.Begun.class);
    }

    @Test
    void beginsAgain_whenAbandonedAfterFailure() {
        store.begin(KEY, T0, T0.plusSeconds(60));

        store.abandon(KEY);

        assertThat(store.begin(KEY, T0.plusSeconds(1), T0.plusSeconds(61))).isInstanceOf(IdempotencyStore.Start.Begun.class);
    }

    @Test
    void changesNothing_whenAbandoningUnknownKey() {
        store.abandon("drift#never-begun");

        assertThat(store.begin("drift#never-begun", T0, T0.plusSeconds(60))).isInstanceOf(IdempotencyStore.Start.Begun.class);
    }

    @Test
    void keepsKeysApart_whenTwoJobsRunAtOnce() {
        store.begin(KEY, T0, T0.plusSeconds(60));

        assertThat(store.begin("drift#drift-ffffffffffffffffffffffff", T0, T0.plusSeconds(60)))
                .isInstanceOf(IdempotencyStore.Start.Begun.class);
    }
}
