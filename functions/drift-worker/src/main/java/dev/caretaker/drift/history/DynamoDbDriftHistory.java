package dev.caretaker.drift.history;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.caretaker.drift.report.DriftSeverity;
import dev.caretaker.drift.report.ResourceStatus;
import dev.caretaker.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Drift history in the state table: one item per stack and check, {@code pk = DRIFT#<stack>},
 * {@code sk = CHECK#<checked at>#<job id>}, so the newest checks of a stack are one Query away
 * (newest first). Items hold the findings (keys, severities, first-seen times), not the full
 * report, which stays in the job's result; they expire after {@link #KEEP}.
 */
public final class DynamoDbDriftHistory implements DriftHistory {

    public static final Duration KEEP = Duration.ofDays(180);
    // A DynamoDB item holds 400 KB; a few thousand findings fit with room to spare.
    private static final int MAX_FINDINGS = 2000;
    private static final TypeReference<List<Map<String, String>>> FINDINGS = new TypeReference<>() { };

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbDriftHistory(DynamoDbClient dynamo, String table) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.table = Objects.requireNonNull(table, "table");
    }

    @Override
    public Optional<CheckRecord> latest(String stack, String excludingJobId) {
        QueryResponse response = dynamo.query(request -> request.tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :check)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk(stack)), ":check", AttributeValue.fromS("CHECK#")))
                .scanIndexForward(false)
                .limit(10)
                .consistentRead(true));
        return response.items().stream()
                .filter(item -> !excludingJobId.equals(item.get("jobId").s()))
                .findFirst()
                .map(item -> fromItem(stack, item));
    }

    @Override
    public void record(CheckRecord check) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS(pk(check.stack())));
        item.put("sk", AttributeValue.fromS("CHECK#" + check.checkedAt() + "#" + check.jobId()));
        item.put("jobId", AttributeValue.fromS(check.jobId()));
        item.put("checkedAt", AttributeValue.fromS(check.checkedAt().toString()));
        item.put("partial", AttributeValue.fromBool(check.partial()));
        List<Map<String, String>> findings = new ArrayList<>();
        for (Finding finding : check.findings().subList(0, Math.min(MAX_FINDINGS, check.findings().size()))) {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("logicalId", finding.logicalId());
            entry.put("type", finding.type());
            entry.put("path", finding.path());
            entry.put("status", finding.status().name());
            entry.put("severity", finding.severity().name());
            entry.put("firstSeen", finding.firstSeen().toString());
            findings.add(entry);
        }
        item.put("findings", AttributeValue.fromS(Json.write(findings)));
        if (!check.unchecked().isEmpty()) {
            item.put("unchecked", AttributeValue.fromSs(List.copyOf(check.unchecked())));
        }
        item.put("expiresAt", AttributeValue.fromN(Long.toString(check.checkedAt().plus(KEEP).getEpochSecond())));
        dynamo.putItem(request -> request.tableName(table).item(item));
    }

    private static CheckRecord fromItem(String stack, Map<String, AttributeValue> item) {
        List<Finding> findings = new ArrayList<>();
        for (Map<String, String> entry : Json.read(item.get("findings").s(), FINDINGS)) {
            findings.add(new Finding(entry.get("logicalId"), entry.get("type"), entry.get("path"),
                    ResourceStatus.valueOf(entry.get("status")), DriftSeverity.valueOf(entry.get("severity")),
                    Instant.parse(entry.get("firstSeen"))));
        }
        AttributeValue unchecked = item.get("unchecked");
        return new CheckRecord(stack, item.get("jobId").s(), Instant.parse(item.get("checkedAt").s()),
                Boolean.TRUE.equals(item.get("partial").bool()), findings,
                unchecked == null || !unchecked.hasSs() ? Set.of() : Set.copyOf(unchecked.ss()));
    }

    private static String pk(String stack) {
        return "DRIFT#" + stack;
    }
}
