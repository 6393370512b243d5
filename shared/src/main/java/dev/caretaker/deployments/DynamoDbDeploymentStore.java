package dev.caretaker.deployments;

import dev.caretaker.json.Json;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@link DeploymentStore} on the Caretaker state table, next to the jobs.
 *
 * <ul>
 *   <li>the record: {@code pk = DEPLOYMENT#<id>, sk = DEPLOYMENT}, the whole record as JSON in
 *       {@code detail}, its {@code revision} as the optimistic lock;</li>
 *   <li>the stack's history: {@code pk = STACK#<stack>, sk = DEPLOYMENT#<created>#<id>}, written in
 *       the same transaction as the record, so a history entry never points at nothing;</li>
 *   <li>the last known-good pointer: {@code pk = STACK#<stack>, sk = LAST_SUCCEEDED}, moved in the
 *       same transaction as the update that makes a record SUCCEEDED.</li>
 * </ul>
 * None of these items carry the jobs' index attributes, so job listings never see them.
 */
public final class DynamoDbDeploymentStore implements DeploymentStore {

    private static final String PK = "pk";
    private static final String SK = "sk";
    private static final String RECORD_SK = "DEPLOYMENT";
    private static final String LAST_SUCCEEDED_SK = "LAST_SUCCEEDED";
    private static final int MAX_CONFLICT_RETRIES = 10;
    private static final DateTimeFormatter FIXED_INSTANT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final DynamoDbClient dynamo;
    private final String tableName;

    public DynamoDbDeploymentStore(DynamoDbClient dynamo, String tableName) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    @Override
    public Deployment createIfAbsent(Deployment deployment) {
        Map<String, AttributeValue> history = Map.of(
                PK, s(stackKey(deployment.stack())),
                SK, s("DEPLOYMENT#" + FIXED_INSTANT.format(deployment.createdAt()) + "#" + deployment.id()),
                "deploymentId", s(deployment.id()));
        try {
            dynamo.transactWriteItems(request -> request.transactItems(
                    TransactWriteItem.builder().put(Put.builder().tableName(tableName).item(toItem(deployment))
                            .conditionExpression("attribute_not_exists(pk)").build()).build(),
                    TransactWriteItem.builder().put(Put.builder().tableName(tableName).item(history).build()).build()));
            return deployment;
        } catch (TransactionCanceledException e) {
            if (conditionFailed(e)) {
                return find(deployment.id()).orElseThrow(() -> new IllegalStateException(
                        "deployment " + deployment.id() + " reported as existing but not found"));
            }
            throw e;
        }
    }

    @Override
    public Optional<Deployment> find(String id) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(tableName).consistentRead(true)
                .key(Map.of(PK, s(recordKey(id)), SK, s(RECORD_SK)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public Deployment update(String id, UnaryOperator<Deployment> change) {
        for (int attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
            Deployment current = find(id).orElseThrow(() -> new NoSuchElementException("no deployment " + id));
            Deployment changed = change.apply(current);
            if (changed.equals(current)) {
                return current;
            }
            Deployment written = changed.nextRevision();
            Put put = Put.builder().tableName(tableName).item(toItem(written))
                    .conditionExpression("revision = :expected")
                    .expressionAttributeValues(Map.of(":expected", n(current.revision()))).build();
            List<TransactWriteItem> items = new ArrayList<>();
            items.add(TransactWriteItem.builder().put(put).build());
            if (written.status() == DeploymentStatus.SUCCEEDED && current.status() != DeploymentStatus.SUCCEEDED) {
                items.add(TransactWriteItem.builder().put(Put.builder().tableName(tableName).item(Map.of(
                        PK, s(stackKey(written.stack())), SK, s(LAST_SUCCEEDED_SK), "deploymentId", s(written.id()),
                        "version", s(String.valueOf(written.version())))).build()).build());
            }
            try {
                dynamo.transactWriteItems(request -> request.transactItems(items));
                return written;
            } catch (TransactionCanceledException e) {
                if (!conditionFailed(e)) {
                    throw e;
                }
                // Another step wrote in between (an approval next to a retried task): apply the change to its result.
            } catch (ConditionalCheckFailedException e) {
                // Same as above, from an engine that reports a single-item conflict directly.
            }
        }
        throw new IllegalStateException("deployment " + id + " kept changing under " + MAX_CONFLICT_RETRIES + " attempts to update it");
    }

    @Override
    public List<Deployment> history(String stack, int limit) {
        List<Deployment> found = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(request -> request.tableName(tableName)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                    .expressionAttributeValues(Map.of(":pk", s(stackKey(stack)), ":prefix", s("DEPLOYMENT#")))
                    .scanIndexForward(false).limit(limit).exclusiveStartKey(from));
            for (Map<String, AttributeValue> entry : page.items()) {
                find(entry.get("deploymentId").s()).ifPresent(found::add);
                if (found.size() == limit) {
                    return found;
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return found;
    }

    @Override
    public Optional<Deployment> lastSucceeded(String stack) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(tableName).consistentRead(true)
                .key(Map.of(PK, s(stackKey(stack)), SK, s(LAST_SUCCEEDED_SK)))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return find(item.get("deploymentId").s());
    }

    private static boolean conditionFailed(TransactionCanceledException e) {
        return e.hasCancellationReasons() && e.cancellationReasons().stream()
                .map(CancellationReason::code).anyMatch("ConditionalCheckFailed"::equals);
    }

    private static Map<String, AttributeValue> toItem(Deployment deployment) {
        return Map.of(
                PK, s(recordKey(deployment.id())),
                SK, s(RECORD_SK),
                "stack", s(deployment.stack()),
                "deploymentStatus", s(deployment.status().name()),
                "revision", n(deployment.revision()),
                "detail", s(Json.write(deployment)));
    }

    private static Deployment fromItem(Map<String, AttributeValue> item) {
        return Json.read(item.get("detail").s(), Deployment.class);
    }

    private static String recordKey(String id) {
        return "DEPLOYMENT#" + id;
    }

    private static String stackKey(String stack) {
        return "STACK#" + stack;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
