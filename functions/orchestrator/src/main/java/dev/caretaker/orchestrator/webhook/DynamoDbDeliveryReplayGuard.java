package dev.caretaker.orchestrator.webhook;

import dev.caretaker.job.DynamoDbJobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link DeliveryReplayGuard} on the state table: item {@code pk = DELIVERY#<source>#<id>,
 * sk = DELIVERY} with a TTL attribute {@code expiresAt} (epoch seconds).
 *
 * <p>DynamoDB deletes expired items lazily (often hours late), so both the read and the
 * conditional put treat an item past its {@code expiresAt} as absent rather than trusting TTL to
 * have removed it. The item carries none of the job index keys, so listings never see it.
 */
public final class DynamoDbDeliveryReplayGuard implements DeliveryReplayGuard {

    /** Far longer than the 300 s signature tolerance; GitHub deliveries, unsigned in time, lean on it. */
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(24);
    public static final String EXPIRES_AT = "expiresAt";

    private static final String SORT_KEY = "DELIVERY";

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final Duration retention;

    public DynamoDbDeliveryReplayGuard(DynamoDbClient dynamo, String tableName, Duration retention) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        this.retention = Objects.requireNonNull(retention, "retention");
    }

    public DynamoDbDeliveryReplayGuard(DynamoDbClient dynamo, String tableName) {
        this(dynamo, tableName, DEFAULT_RETENTION);
    }

    @Override
    public boolean isConsumed(Delivery delivery, Instant now) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request
                .tableName(tableName)
                .key(key(delivery))
                .consistentRead(true)
                .projectionExpression(EXPIRES_AT)).item();
        if (item == null || item.isEmpty()) {
            return false;
        }
        AttributeValue expiresAt = item.get(EXPIRES_AT);
        return expiresAt == null || Long.parseLong(expiresAt.n()) > now.getEpochSecond();
    }

    @Override
    public boolean markConsumed(Delivery delivery, String jobId, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(key(delivery));
        item.put("source", AttributeValue.fromS(delivery.source()));
        item.put("deliveryId", AttributeValue.fromS(delivery.id()));
        item.put("jobId", AttributeValue.fromS(jobId));
        item.put("consumedAt", AttributeValue.fromS(now.toString()));
        item.put(EXPIRES_AT, AttributeValue.fromN(Long.toString(now.plus(retention).getEpochSecond())));
        try {
            dynamo.putItem(request -> request
                    .tableName(tableName)
                    .item(item)
                    .conditionExpression("attribute_not_exists(#pk) OR #expiresAt <= :now")
                    .expressionAttributeNames(Map.of("#pk", DynamoDbJobStore.PK, "#expiresAt", EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(now.getEpochSecond())))));
            return true;
        } catch (ConditionalCheckFailedException alreadyConsumed) {
            return false;
        }
    }

    static Map<String, AttributeValue> key(Delivery delivery) {
        return Map.of(
                DynamoDbJobStore.PK, AttributeValue.fromS("DELIVERY#" + delivery.source() + "#" + delivery.id()),
                DynamoDbJobStore.SK, AttributeValue.fromS(SORT_KEY));
    }
}
