package dev.caretaker.drift.budget;

import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The token bucket as one item of the state table ({@code pk = RATEBUDGET#<name>}, {@code sk =
 * BUCKET}, {@code next} = the next free slot in microseconds since the epoch). A reservation is one
 * conditional UpdateItem that adds an interval to {@code next}; only after an idle spell does a
 * second one restart the schedule at the floor. At on-demand prices a million CloudFormation calls
 * cost about $1.25 of budget keeping.
 */
public final class DynamoDbTokenBucketStore implements TokenBucketStore {

    private static final Map<String, String> NAMES = Map.of("#next", "next");

    private final DynamoDbClient dynamo;
    private final String table;
    private final Map<String, AttributeValue> key;

    public DynamoDbTokenBucketStore(DynamoDbClient dynamo, String table, String bucketName) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.table = Objects.requireNonNull(table, "table");
        this.key = Map.of("pk", AttributeValue.fromS("RATEBUDGET#" + Objects.requireNonNull(bucketName, "bucketName")),
                "sk", AttributeValue.fromS("BUCKET"));
    }

    @Override
    public long reserve(long floorMicros, long intervalMicros) {
        AttributeValue floor = AttributeValue.fromN(Long.toString(floorMicros));
        AttributeValue interval = AttributeValue.fromN(Long.toString(intervalMicros));
        while (true) {
            try {
                Map<String, AttributeValue> updated = dynamo.updateItem(request -> request.tableName(table).key(key)
                        .updateExpression("SET #next = #next + :interval")
                        .conditionExpression("#next >= :floor")
                        .expressionAttributeNames(NAMES)
                        .expressionAttributeValues(Map.of(":interval", interval, ":floor", floor))
                        .returnValues(ReturnValue.UPDATED_NEW)).attributes();
                return Long.parseLong(updated.get("next").n()) - intervalMicros;
            } catch (ConditionalCheckFailedException idleOrNew) {
                // Idle longer than the burst window (or never used): start again from a full burst.
                try {
                    dynamo.updateItem(request -> request.tableName(table).key(key)
                            .updateExpression("SET #next = :start")
                            .conditionExpression("attribute_not_exists(#next) OR #next < :floor")
                            .expressionAttributeNames(NAMES)
                            .expressionAttributeValues(Map.of(":start", AttributeValue.fromN(Long.toString(floorMicros + intervalMicros)),
                                    ":floor", floor)));
                    return floorMicros;
                } catch (ConditionalCheckFailedException someoneElseRestartedIt) {
                    // another taker restarted the schedule first: take the next slot after theirs
                }
            }
        }
    }
}
