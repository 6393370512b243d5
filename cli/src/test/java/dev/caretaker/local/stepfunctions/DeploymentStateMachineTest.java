package dev.caretaker.local.stepfunctions;

import static dev.caretaker.local.stepfunctions.Harness.outputOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.json.Json;
import dev.caretaker.work.PermanentFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real statemachine/deployment.asl.json with a fake deployment worker that answers per action. */
class DeploymentStateMachineTest {

    private static final String INPUT = "{'deploymentId':'deploy-1','jobId':'deploy-1','stack':'acme-app','version':'1.4.2',"
            + "'manifest':'s3://artifacts/1.4.2/manifest.json','source':'vendor','deliveryId':'d-1'}";

    private final Harness harness = new Harness(0.5);
    private final List<JsonNode> calls = new CopyOnWriteArrayList<>();
    /** Per action, how many of its next calls throw what, before it answers normally. */
    private final Map<String, List<RuntimeException>> failures = new ConcurrentHashMap<>();
    private final TaskFunction worker = payload -> {
        calls.add(payload);
        String action = payload.get("action").asText();
        List<RuntimeException> pending = failures.getOrDefault(action, List.of());
        if (!pending.isEmpty()) {
            throw pending.remove(0);
        }
        return Json.mapper().valueToTree(switch (action) {
            case "begin" -> Map.of("attempt", 1, "status", "RUNNING");
            case "checkStack" -> Map.of("stackStatus", "UPDATE_COMPLETE", "operation", "UPDATE");
            case "complete" -> Map.of("status", "SUCCEEDED");
            case "fail" -> Map.of("status", "FAILED");
            default -> throw new IllegalArgumentException("unknown action " + action);
        });
    };
    private final LocalStateMachine machine = harness.machine(Definitions.deployment(), Map.of(Definitions.WORKER_ARN, worker));

    @AfterEach
    void close() {
        harness.close();
    }

    private void failNext(String action, int times, RuntimeException error) {
        List<RuntimeException> list = failures.computeIfAbsent(action, a -> new CopyOnWriteArrayList<>());
        for (int i = 0; i < times; i++) {
            list.add(error);
        }
    }

    private List<String> actions() {
        return calls.stream().map(call -> call.get("action").asText()).toList();
    }

    private List<String> visited() {
        List<String> states = new ArrayList<>();
        machine.executionHistory("run-1").forEach(event -> {
            if (event.details() instanceof HistoryEvent.StateEntered entered) {
                states.add(entered.state());
            }
        });
        return states;
    }

    @Test
    void beginsChecksAndCompletesWithEarlierResultsInEachInput_whenEveryStepSucceeds() {
        ExecutionDescription run = harness.run(machine, INPUT);

        assertThat(visited()).containsExactly("Begin", "CheckStack", "Complete", "Deployed");
        assertThat(actions()).containsExactly("begin", "checkStack", "complete");
        JsonNode completeInput = calls.get(2).get("input");
        assertThat(completeInput.get("jobId").asText()).isEqualTo("deploy-1");
        assertThat(completeInput.at("/begin/payload/attempt").asInt()).isEqualTo(1);
        assertThat(completeInput.at("/checkStack/payload/operation").asText()).isEqualTo("UPDATE");
        assertThat(outputOf(run)).containsEntry("complete", Map.of("payload", Map.of("status", "SUCCEEDED")))
                .containsEntry("version", "1.4.2");
    }

    @Test
    void recordsTheFailureThenFailsWithTheTasksError_whenCheckStackFindsTheStackBlocked() {
        failNext("checkStack", 1, new PermanentFailure("stack is UPDATE_ROLLBACK_FAILED: continue the rollback"));

        ExecutionDescription run = harness.run(machine, INPUT);

        assertThat(visited()).containsExactly("Begin", "CheckStack", "RecordFailure", "DeploymentFailed");
        assertThat(actions()).containsExactly("begin", "checkStack", "fail");
        JsonNode error = calls.get(2).at("/input/error");
        assertThat(error.get("Error").asText()).isEqualTo("dev.caretaker.work.PermanentFailure");
        assertThat(Json.read(error.get("Cause").asText(), JsonNode.class).get("errorMessage").asText())
                .isEqualTo("stack is UPDATE_ROLLBACK_FAILED: continue the rollback");
        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.error()).isEqualTo("dev.caretaker.work.PermanentFailure");
        assertThat(run.cause()).isEqualTo(error.get("Cause").asText());
    }

    @Test
    void retriesWithJitteredBackoff_whenTheLambdaServiceHiccups() {
        failNext("begin", 2, new LambdaServiceError("Lambda.ServiceException", "Service unavailable"));

        ExecutionDescription run = harness.run(machine, INPUT);

        assertThat(run.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(actions()).containsExactly("begin", "begin", "begin", "checkStack", "complete");
        // IntervalSeconds 2, BackoffRate 2, FULL jitter (the harness always draws half).
        assertThat(harness.sleeper.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void givesUpAfterSixRetriesCappedAtMaxDelayAndRecordsIt_whenLambdaKeepsThrottling() {
        failNext("complete", 7, new LambdaServiceError("Lambda.TooManyRequestsException", "Rate Exceeded."));

        ExecutionDescription run = harness.run(machine, INPUT);

        assertThat(actions()).containsExactly("begin", "checkStack",
                "complete", "complete", "complete", "complete", "complete", "complete", "complete", "fail");
        // 2, 4, 8, 16, 32, then 64 capped at 60; each halved by the jitter.
        assertThat(harness.sleeper.sleeps()).extracting(Duration::toMillis)
                .containsExactly(1000L, 2000L, 4000L, 8000L, 16000L, 30000L);
        assertThat(run.error()).isEqualTo("Lambda.TooManyRequestsException");
        assertThat(run.cause()).isEqualTo("Rate Exceeded.");
    }

    @Test
    void stillFailsWithTheOriginalError_whenRecordingTheFailureFailsToo() {
        failNext("begin", 1, new PermanentFailure("deployment job deploy-1 does not exist"));
        failNext("fail", 1, new IllegalStateException("table unavailable"));

        ExecutionDescription run = harness.run(machine, INPUT);

        assertThat(visited()).containsExactly("Begin", "RecordFailure", "DeploymentFailed");
        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.error()).isEqualTo("dev.caretaker.work.PermanentFailure");
        assertThat(machine.executionHistory("run-1")).extracting(event -> event.details().describe())
                .contains("RecordFailure caught java.lang.IllegalStateException, going to DeploymentFailed");
    }

    @Test
    void resolvesTheWorkersFunctionNameFromTheSubstitution_whenInvokingIt() {
        AtomicInteger other = new AtomicInteger();
        LocalStateMachine wrong = harness.machine(Definitions.deployment(), Map.of("caretaker-deployment-worker", payload -> {
            other.incrementAndGet();
            return null;
        }));

        ExecutionDescription run = harness.run(wrong, INPUT);

        // Begin's Catch takes even this to RecordFailure, which cannot reach the function either.
        assertThat(other).hasValue(0);
        assertThat(run.error()).isEqualTo("Lambda.ResourceNotFoundException");
    }
}
