package dev.caretaker.work;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.caretaker.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * {@link IdempotencyStore} on the idempotency table, in the record layout of Powertools for AWS
 * Lambda's DynamoDB persistence store ({@code id}, {@code status}, {@code data},
 * {@code expiration} as the TTL attribute, {@code in_progress_expiration} in millis). Powertools'
 * own idempotency module is not in the Maven mirror this project builds from; keeping its layout
 * means the table, its TTL and any later switch to the library stay compatible.
 */
public final class DynamoDbIdempotencyStore implements IdempotencyStore {

    private static final String IN_PROGRESS = "INPROGRESS";
    private static final String COMPLETED = "COMPLETED";

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final Duration keepFor;

    public DynamoDbIdempotencyStore(DynamoDbClient dynamo, String tableName, Duration keepFor) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        this.keepFor = Objects.requireNonNull(keepFor, "keepFor");
    }

    @Override
    public Start begin(String key, Instant now, Instant inProgressUntil) {
        try {
            dynamo.putItem(request -> request.tableName(tableName)
                    .item(Map.of(
                            "id", AttributeValue.fromS(key),
                            "status", AttributeValue.fromS(IN_PROGRESS),
                            "expiration", epochSeconds(now.plus(keepFor)),
                            "in_progress_expiration", AttributeValue.fromN(Long.toString(inProgressUntil.toEpochMilli()))))
                    .conditionExpression("attribute_not_exists(id) OR expiration < :nowSeconds"
                            + " OR (#status = :inProgress AND in_progress_expiration < :nowMillis)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(
                            ":nowSeconds", epochSeconds(now),
                            ":nowMillis", AttributeValue.fromN(Long.toString(now.toEpochMilli())),
                            ":inProgress", AttributeValue.fromS(IN_PROGRESS)))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return new Start.Begun();
        } catch (ConditionalCheckFailedException taken) {
            Map<String, AttributeValue> existing = taken.hasItem() && !taken.item().isEmpty() ? taken.item()
                    : dynamo.getItem(r -> r.tableName(tableName).key(Map.of("id", AttributeValue.fromS(key)))
                            .consistentRead(true)).item();
            if (existing != null && COMPLETED.equals(existing.get("status").s())) {
                AttributeValue data = existing.get("data");
                return new Start.AlreadyCompleted(data == null ? Map.of()
                        : Json.read(data.s(), new TypeReference<LinkedHashMap<String, Object>>() { }));
            }
            long until = existing == null ? now.toEpochMilli() : Long.parseLong(existing.get("in_progress_expiration").n());
            return new Start.InProgressElsewhere(Instant.ofEpochMilli(until));
        }
    }

    @Override
    public void complete(String key, Map<String, Object> result, Instant now) {
        dynamo.putItem(request -> request.tableName(tableName).item(Map.of(
                "id", AttributeValue.fromS(key),
                "status", AttributeValue.fromS(COMPLETED),
                "data", AttributeValue.fromS(Json.write(result)),
                "expiration", epochSeconds(now.plus(keepFor)))));
    }

    @Override
    public void abandon(String key) {
        dynamo.deleteItem(request -> request.tableName(tableName).key(Map.of("id", AttributeValue.fromS(key))));
    }

    private static AttributeValue epochSeconds(Instant instant) {
        return AttributeValue.fromN(Long.toString(instant.getEpochSecond()));
    }
}
