package dev.caretaker.drift.budget;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The token bucket as one item of the state table ({@code pk = RATEBUDGET#<name>}, {@code sk =
 * BUCKET}): read consistently, written with a condition on the version read. Two requests per
 * token; at on-demand prices a million CloudFormation calls cost about $1.50 of budget keeping.
 */
public final class DynamoDbTokenBucketStore implements TokenBucketStore {

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
    public Optional<BucketState> read() {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table).key(key).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new BucketState(Double.parseDouble(item.get("tokens").n()),
                Long.parseLong(item.get("updatedAt").n()), Long.parseLong(item.get("version").n())));
    }

    @Override
    public boolean replace(Optional<BucketState> expected, BucketState next) {
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.put("tokens", AttributeValue.fromN(Double.toString(next.tokens())));
        item.put("updatedAt", AttributeValue.fromN(Long.toString(next.updatedAtMillis())));
        item.put("version", AttributeValue.fromN(Long.toString(next.version())));
        try {
            if (expected.isEmpty()) {
                dynamo.putItem(request -> request.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            } else {
                dynamo.putItem(request -> request.tableName(table).item(item).conditionExpression("version = :version")
                        .expressionAttributeValues(Map.of(":version", AttributeValue.fromN(Long.toString(expected.get().version())))));
            }
            return true;
        } catch (ConditionalCheckFailedException raced) {
            return false;
        }
    }
}
