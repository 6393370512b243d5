package dev.caretaker.local.stepfunctions;

import static dev.caretaker.local.stepfunctions.Harness.outputOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.json.Json;
import dev.caretaker.work.PermanentFailure;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real statemachine/deployment.asl.json with a fake deployment worker that answers each action
 * from a script: every path through the Choice states, the waits, the approval token, the retries
 * and the failure path, without any AWS behind the worker (the scenario ITs have that).
 */
class DeploymentStateMachineTest {

    private static final String INPUT = "{'deploymentId':'deploy-1','jobId':'deploy-1','stack':'acme-app','version':'1.4.2',"
            + "'manifest':'s3://artifacts/1.4.2/manifest.json','source':'vendor','deliveryId':'d-1'}";

    /** What each action answers when the script has nothing queued for it. */
    private static final Map<String, Map<String, Object>> DEFAULTS = Map.ofEntries(
            Map.entry("begin", Map.of("attempt", 1, "status", "VERIFYING")),
            Map.entry("verify", Map.of("version", "1.4.2", "keyId", "vendor-2026")),
            Map.entry("keepCurrentTemplate", Map.of("templateSha256", "0f1e")),
            Map.entry("gate", Map.of("decision", "GO", "why", "no maintenance windows configured")),
            Map.entry("prerequisites", Map.of("checks", 5)),
            Map.entry("preview", Map.of("state", "READY", "risky", false, "changes", 2, "approvalTimeoutSeconds", 3600)),
            Map.entry("requestApproval", Map.of("requested", true)),
            Map.entry("reject", Map.of("status", "REJECTED")),
            Map.entry("execute", Map.of("changeSet", "caretaker-deploy-1")),
            Map.entry("watch", Map.of("state", "SUCCEEDED")),
            Map.entry("continueRollback", Map.of("attempt", 1)),
            Map.entry("checkHealth", Map.of("state", "HEALTHY")),
            Map.entry("recover", Map.of("state", "RECOVERING", "version", "1.4.1")),
            Map.entry("finish", Map.of("status", "SUCCEEDED", "error", "Caretaker.SUCCEEDED", "reason", "deployed")),
            Map.entry("fail", Map.of("status", "FAILED", "error", "Caretaker.FAILED", "reason", "failed")));

    private final Harness harness = new Harness(0.5);
    private final List<JsonNode> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Object>> script = new ConcurrentHashMap<>();
    private final BlockingQueue<String> tokens = new LinkedBlockingQueue<>();
    private final TaskFunction worker = payload -> {
        calls.add(payload);
        String action = payload.get("action").asText();
        if (payload.has("taskToken")) {
            tokens.add(payload.get("taskToken").asText());
        }
        Deque<Object> queued = script.get(action);
        Object answer = queued == null || queued.isEmpty() ? DEFAULTS.get(action) : queued.poll();
        if (answer instanceof RuntimeException error) {
            throw error;
        }
        if (answer == null) {
            throw new IllegalArgumentException("unknown action " + action);
        }
        return Json.mapper().valueToTree(answer);
    };
    private final LocalStateMachine machine = harness.machine(Definitions.deployment(), Map.of(Definitions.WORKER_ARN, worker));

    @AfterEach
    void close() {
        harness.close();
    }

    /** Queues answers (maps) or exceptions for the next calls of {@code action}. */
    private void then(String action, Object... answers) {
        script.computeIfAbsent(action, a -> new ArrayDeque<>()).addAll(List.of(answers));
    }

    private List<String> actions() {
        return calls.stream().map(call -> call.get("action").asText()).toList();
    }

    private List<String> visited(String execution) {
        List<String> states = new ArrayList<>();
        machine.executionHistory(execution).forEach(event -> {
            if (event.details() instanceof HistoryEvent.StateEntered entered) {
                states.add(entered.state());
            }
        });
        return states;
    }

    private String nextToken() throws InterruptedException {
        String token = tokens.poll(10, TimeUnit.SECONDS);
        assertThat(token).as("the approval step received a task token").isNotNull();
        return token;
    }

    @Test
    void runsEveryStepOnceInOrder_whenNothingNeedsApprovalOrWaiting() {
        ExecutionDescription run = harness.run(machine, INPUT);

        assertThat(visited("run-1")).containsExactly("Begin", "Mode", "Verify", "Gate", "GateDecision", "Prerequisites", "Preview",
                "PreviewDecision", "Execute", "Watch", "WatchDecision", "CheckHealth", "HealthDecision", "Finish", "Outcome", "Deployed");
        JsonNode finishInput = calls.getLast().get("input");
        assertThat(finishInput.get("jobId").asText()).isEqualTo("deploy-1");
        assertThat(finishInput.at("/verify/payload/keyId").asText()).isEqualTo("vendor-2026");
        assertThat(finishInput.at("/health/payload/state").asText()).isEqualTo("HEALTHY");
        assertThat(outputOf(run)).containsEntry("version", "1.4.2");
    }

    @Test
    void takesTheStacksOwnTemplateInsteadOfVerifyingARelease_whenRevertingDrift() {
        harness.run(machine, "{'deploymentId':'deploy-2','jobId':'deploy-2','stack':'billing','version':'3.0.1',"
                + "'mode':'REVERT_DRIFT','approval':'required','remediationOf':'drift-1','now':false}");

        assertThat(visited("run-1")).containsSubsequence("Begin", "Mode", "KeepCurrentTemplate", "Gate", "Prerequisites",
                "Preview", "Execute", "Watch", "CheckHealth", "Finish", "Deployed");
        assertThat(actions()).doesNotContain("verify");
    }

    @Test
    void sleepsUntilTheGatesTimeAndAsksAgain_whenOutsideTheWindow() {
        then("gate", Map.of("decision", "WAIT", "until", "2026-11-21T22:00:00Z", "why", "outside the windows"));

        harness.run(machine, INPUT);

        assertThat(visited("run-1")).containsSubsequence("Gate", "GateDecision", "WaitForWindow", "Gate", "GateDecision", "Prerequisites");
        assertThat(harness.sleeper.sleeps()).containsExactly(Duration.ofHours(12));
    }

    @Test
    void looksAgainAfterFiveSeconds_whileTheChangeSetIsPending_andFinishes_whenItProposesNothing() {
        then("preview", Map.of("state", "PENDING"), Map.of("state", "NO_CHANGES"));

        ExecutionDescription run = harness.run(machine, INPUT);

        assertThat(visited("run-1")).containsSubsequence("Preview", "PreviewDecision", "WaitForChangeSet", "Preview",
                "PreviewDecision", "Finish", "Outcome", "Deployed");
        assertThat(actions()).doesNotContain("execute");
        assertThat(harness.sleeper.sleeps()).containsExactly(Duration.ofSeconds(5));
        assertThat(run.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void waitsForTheTokenThenExecutes_whenApproved() throws InterruptedException {
        then("preview", Map.of("state", "NEEDS_APPROVAL", "risky", true, "changes", 3, "approvalTimeoutSeconds", 3600));
        machine.startExecution("approved", Definitions.json(INPUT));

        machine.sendTaskSuccess(nextToken(), "{\"approved\":true,\"by\":\"ops@example.com\"}");
        ExecutionDescription run = awaitCompletion("approved");

        assertThat(visited("approved")).containsSubsequence("PreviewDecision", "RequestApproval", "Execute", "Watch");
        assertThat(outputOf(run)).containsEntry("approval", Map.of("approved", true, "by", "ops@example.com"));
        JsonNode request = calls.stream().filter(call -> call.get("action").asText().equals("requestApproval")).findFirst().orElseThrow();
        assertThat(request.get("input").at("/preview/payload/risky").asBoolean()).isTrue();
    }

    @Test
    void endsRejected_whenAPersonRejects() throws InterruptedException {
        then("preview", Map.of("state", "NEEDS_APPROVAL", "risky", true, "changes", 3, "approvalTimeoutSeconds", 3600));
        then("finish", Map.of("status", "REJECTED", "error", "Caretaker.REJECTED", "reason", "rejected by ops: replaces the table"));
        machine.startExecution("rejected", Definitions.json(INPUT));

        machine.sendTaskFailure(nextToken(), "Caretaker.Rejected", "rejected by ops: replaces the table");
        ExecutionDescription run = awaitCompletion("rejected");

        assertThat(visited("rejected")).containsSubsequence("RequestApproval", "Reject", "Finish", "Outcome", "NotDeployed");
        assertThat(actions()).doesNotContain("execute");
        JsonNode rejectInput = calls.stream().filter(call -> call.get("action").asText().equals("reject")).findFirst()
                .orElseThrow().get("input");
        assertThat(rejectInput.at("/error/Error").asText()).isEqualTo("Caretaker.Rejected");
        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.error()).isEqualTo("Caretaker.REJECTED");
        assertThat(run.cause()).isEqualTo("rejected by ops: replaces the table");
    }

    @Test
    void rejectsWithStatesTimeout_whenNobodyAnswersWithinTheTimeout() {
        then("preview", Map.of("state", "NEEDS_APPROVAL", "risky", false, "changes", 1, "approvalTimeoutSeconds", 60));
        then("finish", Map.of("status", "REJECTED", "error", "Caretaker.REJECTED", "reason", "nobody approved"));
        // The harness clock moves only when an execution sleeps; this keeps it moving while the token waits.
        Thread mover = Thread.ofVirtual().start(() -> {
            try {
                tokens.take();
                harness.sleeper.advance(Duration.ofMinutes(2));
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        });

        ExecutionDescription run = harness.run(machine, INPUT);
        mover.interrupt();

        assertThat(visited("run-1")).containsSubsequence("RequestApproval", "Reject", "Finish", "NotDeployed");
        JsonNode rejectInput = calls.stream().filter(call -> call.get("action").asText().equals("reject")).findFirst()
                .orElseThrow().get("input");
        assertThat(rejectInput.at("/error/Error").asText()).isEqualTo("States.Timeout");
        assertThat(run.error()).isEqualTo("Caretaker.REJECTED");
    }

    @Test
    void pollsWithTheWatchsBackoff_andContinuesTheRollback_whenItFailed() {
        then("watch", Map.of("state", "IN_PROGRESS", "waitSeconds", 5, "polls", 1),
                Map.of("state", "IN_PROGRESS", "waitSeconds", 10, "polls", 2),
                Map.of("state", "ROLLBACK_FAILED", "statusAt", 1L),
                Map.of("state", "ROLLED_BACK"));
        then("finish", Map.of("status", "ROLLED_BACK", "error", "Caretaker.ROLLED_BACK", "reason", "rolled back"));

        ExecutionDescription run = harness.run(machine, INPUT);

        assertThat(visited("run-1")).containsSubsequence("Watch", "WaitForStack", "Watch", "WaitForStack", "Watch",
                "WatchDecision", "ContinueRollback", "Watch", "WatchDecision", "Finish", "NotDeployed");
        assertThat(actions()).doesNotContain("checkHealth");
        assertThat(harness.sleeper.sleeps()).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10));
        assertThat(run.error()).isEqualTo("Caretaker.ROLLED_BACK");
    }

    @Test
    void goesBackThroughVerification_whenAnAlarmFiresAfterTheChange() {
        then("checkHealth", Map.of("state", "WATCHING", "waitSeconds", 60), Map.of("state", "ALARM", "why", "app-5xx in ALARM"));
        then("watch", Map.of("state", "SUCCEEDED"), Map.of("state", "RECOVERED"));
        then("finish", Map.of("status", "ROLLED_BACK", "error", "Caretaker.ROLLED_BACK", "reason", "returned to 1.4.1"));

        ExecutionDescription run = harness.run(machine, INPUT);

        assertThat(visited("run-1")).containsSubsequence("CheckHealth", "HealthDecision", "WaitForHealth", "CheckHealth",
                "HealthDecision", "ReturnToKnownGood", "RecoveryDecision", "Verify", "Gate", "Prerequisites", "Preview",
                "Execute", "Watch", "WatchDecision", "Finish", "NotDeployed");
        assertThat(actions()).filteredOn("verify"::equals).hasSize(2);
        assertThat(run.error()).isEqualTo("Caretaker.ROLLED_BACK");
    }

    @Test
    void finishesWithoutGoingBack_whenThereIsNoKnownGoodRelease() {
        then("checkHealth", Map.of("state", "ALARM", "why", "app-5xx in ALARM"));
        then("recover", Map.of("state", "NONE"));
        then("finish", Map.of("status", "FAILED", "error", "Caretaker.FAILED", "reason", "nothing to return to"));

        harness.run(machine, INPUT);

        assertThat(visited("run-1")).containsSubsequence("ReturnToKnownGood", "RecoveryDecision", "Finish", "NotDeployed");
        assertThat(actions()).filteredOn("verify"::equals).hasSize(1);
    }

    @Test
    void recordsAPermanentFailureAtOnce_withoutRetrying() {
        then("verify", new PermanentFailure("TEMPLATE_MISMATCH: the template changed after signing"));

        ExecutionDescription run = harness.run(machine, INPUT);

        assertThat(visited("run-1")).containsExactly("Begin", "Mode", "Verify", "RecordFailure", "DeploymentFailed");
        assertThat(actions()).containsExactly("begin", "verify", "fail");
        JsonNode error = calls.get(2).at("/input/error");
        assertThat(error.get("Error").asText()).isEqualTo("dev.caretaker.work.PermanentFailure");
        assertThat(Json.read(error.get("Cause").asText(), JsonNode.class).get("errorMessage").asText())
                .isEqualTo("TEMPLATE_MISMATCH: the template changed after signing");
        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.error()).isEqualTo("dev.caretaker.work.PermanentFailure");
        assertThat(harness.sleeper.sleeps()).isEmpty();
    }

    @Test
    void retriesAnyOtherStepFailureThreeTimesWithBackoff_thenRecordsIt() {
        IllegalStateException throttled = new IllegalStateException("CloudFormation: Rate exceeded");
        then("execute", throttled, throttled, throttled, throttled);

        ExecutionDescription run = harness.run(machine, INPUT);

        assertThat(actions()).filteredOn("execute"::equals).hasSize(4);
        assertThat(actions().getLast()).isEqualTo("fail");
        // IntervalSeconds 5, BackoffRate 2, FULL jitter (the harness always draws half).
        assertThat(harness.sleeper.sleeps()).containsExactly(Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10));
        assertThat(run.error()).isEqualTo("java.lang.IllegalStateException");
    }

    @Test
    void retriesTheLambdaServiceWithJitteredBackoff_whenItHiccups() {
        then("begin", new LambdaServiceError("Lambda.ServiceException", "Service unavailable"),
                new LambdaServiceError("Lambda.ServiceException", "Service unavailable"));

        ExecutionDescription run = harness.run(machine, INPUT);

        assertThat(run.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(actions().subList(0, 4)).containsExactly("begin", "begin", "begin", "verify");
        // IntervalSeconds 2, BackoffRate 2, FULL jitter (the harness always draws half).
        assertThat(harness.sleeper.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void stillFailsWithTheOriginalError_whenRecordingTheFailureFailsToo() {
        then("begin", new PermanentFailure("deployment job deploy-1 does not exist"));
        then("fail", new PermanentFailure("table unavailable"));

        ExecutionDescription run = harness.run(machine, INPUT);

        assertThat(visited("run-1")).containsExactly("Begin", "RecordFailure", "DeploymentFailed");
        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.error()).isEqualTo("dev.caretaker.work.PermanentFailure");
        assertThat(Json.read(run.cause(), JsonNode.class).get("errorMessage").asText()).isEqualTo("deployment job deploy-1 does not exist");
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

    private ExecutionDescription awaitCompletion(String name) {
        try {
            return machine.awaitCompletion(name, Harness.PATIENCE);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
