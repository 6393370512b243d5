package dev.caretaker.drift.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caretaker.drift.report.DriftSeverity;
import dev.caretaker.drift.report.ResourceStatus;
import dev.caretaker.testing.EmbeddedDynamoDb;
import dev.caretaker.testing.StateTables;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Drift history in the state table on DynamoDB Local. */
class DynamoDbDriftHistoryIT {

    private static final Instant MONDAY = Instant.parse("2026-11-16T03:00:00Z");
    private static final Instant TUESDAY = Instant.parse("2026-11-17T03:00:00Z");

    private static EmbeddedDynamoDb dynamo;
    private String table;
    private DynamoDbDriftHistory history;

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
        history = new DynamoDbDriftHistory(dynamo.client(), table);
    }

    private static CheckRecord check(String stack, String jobId, Instant at, Finding... findings) {
        return new CheckRecord(stack, jobId, at, false, List.of(findings), Set.of("Renderer"));
    }

    private static final Finding TIMEOUT =
            new Finding("Worker", "AWS::Lambda::Function", "Timeout", ResourceStatus.MODIFIED, DriftSeverity.WARNING, MONDAY);

    @Test
    void returnsTheNewestCheckOfTheStack_withItsFindingsIntact() {
        history.record(check("billing", "drift-monday", MONDAY, TIMEOUT));
        history.record(check("billing", "drift-tuesday", TUESDAY));
        history.record(check("app", "drift-other", TUESDAY.plusSeconds(60), TIMEOUT));

        assertThat(history.latest("billing", "drift-wednesday")).hasValueSatisfying(latest -> {
            assertThat(latest.jobId()).isEqualTo("drift-tuesday");
            assertThat(latest.findings()).isEmpty();
            assertThat(latest.unchecked()).containsExactly("Renderer");
        });
        assertThat(history.latest("billing", "drift-tuesday")).hasValueSatisfying(latest -> {
            assertThat(latest.jobId()).isEqualTo("drift-monday");
            assertThat(latest.checkedAt()).isEqualTo(MONDAY);
            assertThat(latest.findings()).containsExactly(TIMEOUT);
        });
        assertThat(history.latest("network", "drift-x")).isEmpty();
    }

    @Test
    void skipsEveryRecordOfTheAskingJob_whenItWasRetried() {
        history.record(check("billing", "drift-monday", MONDAY, TIMEOUT));
        history.record(check("billing", "drift-retried", TUESDAY));
        history.record(check("billing", "drift-retried", TUESDAY.plusSeconds(300)));

        assertThat(history.latest("billing", "drift-retried")).hasValueSatisfying(
                latest -> assertThat(latest.jobId()).isEqualTo("drift-monday"));
    }

    @Test
    void storesItemsThatExpire_andStayOutOfTheJobIndexes() {
        history.record(check("billing", "drift-monday", MONDAY, TIMEOUT));

        Map<String, AttributeValue> item = dynamo.client().query(q -> q.tableName(table).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("DRIFT#billing")))).items().getFirst();
        assertThat(item.get("sk").s()).isEqualTo("CHECK#" + MONDAY + "#drift-monday");
        assertThat(Long.parseLong(item.get("expiresAt").n())).isEqualTo(MONDAY.plus(DynamoDbDriftHistory.KEEP).getEpochSecond());
        assertThat(item).doesNotContainKeys("kind", "jobType", "jobStatus", "typeStatus");
    }
}
