package dev.caretaker.work;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link DeadLetterLog} in the state table: {@code pk = DEADLETTER#<worker>, sk = <messageId>},
 * kept as long as the DLQ keeps the message (14 days). Keyed by message id, so each redelivery of
 * the same bad message overwrites one record instead of adding another.
 */
public final class DynamoDbDeadLetterLog implements DeadLetterLog {

    private static final Duration KEEP = Duration.ofDays(14);
    private static final int MAX_BODY_CHARS = 2_000;

    private final DynamoDbClient dynamo;
    private final String tableName;

    public DynamoDbDeadLetterLog(DynamoDbClient dynamo, String tableName) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    @Override
    public void record(String worker, String messageId, String reason, String body, Instant now) {
        String excerpt = body == null ? "" : body.length() <= MAX_BODY_CHARS ? body : body.substring(0, MAX_BODY_CHARS) + "…";
        dynamo.putItem(request -> request.tableName(tableName).item(Map.of(
                "pk", AttributeValue.fromS("DEADLETTER#" + worker),
                "sk", AttributeValue.fromS(messageId),
                "reason", AttributeValue.fromS(reason),
                "body", AttributeValue.fromS(excerpt),
                "recordedAt", AttributeValue.fromS(now.toString()),
                "expiresAt", AttributeValue.fromN(Long.toString(now.plus(KEEP).getEpochSecond())))));
    }
}
