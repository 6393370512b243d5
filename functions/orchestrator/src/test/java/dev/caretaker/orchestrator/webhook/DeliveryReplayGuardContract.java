package dev.caretaker.orchestrator.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caretaker.testing.StateTables;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the replay guard must do on every backend (DynamoDB Local, LocalStack): the same bodies run
 * against each engine.
 */
abstract class DeliveryReplayGuardContract {

    private static final Instant T0 = Instant.parse("2026-11-21T03:00:00Z");
    private static final String JOB = "deploy-0123456789abcdef01234567";

    protected abstract DynamoDbClient dynamoDb();

    private String table;
    private DeliveryReplayGuard guard;

    @BeforeEach
    void freshTable() {
        table = "state-" + UUID.randomUUID();
        StateTables.createStateTable(dynamoDb(), table);
        guard = new DynamoDbDeliveryReplayGuard(dynamoDb(), table, Duration.ofHours(24));
    }

    @Test
    void reportsNotConsumed_whenDeliveryWasNeverRecorded() {
        assertThat(guard.isConsumed(new Delivery("caretaker", "d-1"), T0)).isFalse();
    }

    @Test
    void recordsDelivery_whenItIsSeenForTheFirstTime() {
        Delivery delivery = new Delivery("caretaker", "d-1");

        assertThat(guard.markConsumed(delivery, JOB, T0)).isTrue();
        assertThat(guard.isConsumed(delivery, T0.plusSeconds(1))).isTrue();
    }

    @Test
    void refusesSecondRecord_whenDeliveryIsAlreadyConsumed() {
        Delivery delivery = new Delivery("caretaker", "d-1");
        guard.markConsumed(delivery, JOB, T0);

        assertThat(guard.markConsumed(delivery, JOB, T0.plusSeconds(10))).isFalse();
    }

    @Test
    void keepsSourcesApart_whenTwoSourcesUseTheSameDeliveryId() {
        guard.markConsumed(new Delivery("caretaker", "same-id"), JOB, T0);

        assertThat(guard.isConsumed(new Delivery("github", "same-id"), T0)).isFalse();
        assertThat(guard.markConsumed(new Delivery("github", "same-id"), JOB, T0)).isTrue();
    }

    @Test
    void storesKeyAndTtlAttribute_whenRecording() {
        guard.markConsumed(new Delivery("github", "72d3162e-cc78-11e3-81ab-4c9367dc0958"), JOB, T0);

        Map<String, AttributeValue> item = dynamoDb().getItem(request -> request.tableName(table).key(Map.of(
                "pk", AttributeValue.fromS("DELIVERY#github#72d3162e-cc78-11e3-81ab-4c9367dc0958"),
                "sk", AttributeValue.fromS("DELIVERY")))).item();
        assertThat(item).isNotEmpty();
        assertThat(item.get("expiresAt").n()).isEqualTo(Long.toString(T0.plus(Duration.ofHours(24)).getEpochSecond()));
        assertThat(item.get("jobId").s()).isEqualTo(JOB);
    }

    @Test
    void treatsRecordAsGone_whenItExpiredButTtlHasNotDeletedItYet() {
        Delivery delivery = new Delivery("caretaker", "d-1");
        guard.markConsumed(delivery, JOB, T0);
        Instant afterExpiry = T0.plus(Duration.ofHours(24));

        assertThat(guard.isConsumed(delivery, afterExpiry)).isFalse();
        assertThat(guard.markConsumed(delivery, JOB, afterExpiry)).isTrue();
        assertThat(guard.isConsumed(delivery, afterExpiry.plusSeconds(1))).isTrue();
    }

    @Test
    void letsExactlyOneRecordWin_whenTwoRequestsRace() throws Exception {
        for (int round = 0; round < 10; round++) {
            Delivery delivery = new Delivery("caretaker", "race-" + round);
            CountDownLatch start = new CountDownLatch(1);
            Callable<Boolean> record = () -> {
                start.await();
                return guard.markConsumed(delivery, JOB, T0);
            };
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<Boolean> a = pool.submit(record);
                Future<Boolean> b = pool.submit(record);
                start.countDown();

                assertThat(List.of(a.get(), b.get())).containsExactlyInAnyOrder(true, false);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
