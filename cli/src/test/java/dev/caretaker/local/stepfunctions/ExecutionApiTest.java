package dev.caretaker.local.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** StartExecution, DescribeExecution, the history, StopExecution: the API the local runtime and the HTTP front use. */
class ExecutionApiTest {

    private static final String INPUT = "{\"jobId\":\"deploy-1\"}";

    private final Harness harness = new Harness();
    private final BlockingQueue<String> tokens = new LinkedBlockingQueue<>();
    /** Waits for a task token at its only state, so executions stay RUNNING until a test answers. */
    private final LocalStateMachine waiting = harness.machine("{'StartAt':'Hold','States':{'Hold':{'Type':'Task',"
            + "'Resource':'arn:aws:states:::lambda:invoke.waitForTaskToken',"
            + "'Parameters':{'FunctionName':'hold','Payload':{'token.$':'$$.Task.Token'}},'End':true}}}",
            Map.of("hold", payload -> {
                tokens.add(payload.get("token").asText());
                return null;
            }));

    @AfterEach
    void close() {
        harness.close();
    }

    private String nextToken() throws InterruptedException {
        String token = tokens.poll(10, TimeUnit.SECONDS);
        assertThat(token).as("the execution reached its task").isNotNull();
        return token;
    }

    private static StepFunctionsApiException.Code codeOf(Throwable thrown) {
        return ((StepFunctionsApiException) thrown).code();
    }

    @Test
    void returnsTheRunningExecutionWithoutStartingAnother_whenSameNameAndInputArriveAgain() throws Exception {
        StartedExecution first = waiting.startExecution("deploy-1", INPUT);
        nextToken();

        StartedExecution again = waiting.startExecution("deploy-1", "{ \"jobId\" : \"deploy-1\" }");

        assertThat(again).isEqualTo(first);
        assertThat(first.executionArn()).isEqualTo("arn:aws:states:eu-west-1:123456789012:execution:caretaker-test:deploy-1");
        assertThat(tokens.poll(200, TimeUnit.MILLISECONDS)).as("no second run").isNull();
    }

    @Test
    void refusesWithExecutionAlreadyExists_whenSameNameArrivesWithOtherInput() throws Exception {
        waiting.startExecution("deploy-1", INPUT);

        assertThatThrownBy(() -> waiting.startExecution("deploy-1", "{\"jobId\":\"other\"}"))
                .satisfies(thrown -> assertThat(codeOf(thrown)).isEqualTo(StepFunctionsApiException.Code.EXECUTION_ALREADY_EXISTS))
                .hasMessage("Execution Already Exists: 'arn:aws:states:eu-west-1:123456789012:execution:caretaker-test:deploy-1'");
    }

    @Test
    void refusesWithExecutionAlreadyExists_whenSameNameAndInputArriveAfterItClosed() throws Exception {
        waiting.startExecution("deploy-1", INPUT);
        waiting.sendTaskSuccess(nextToken(), "{}");
        waiting.awaitCompletion("deploy-1", Harness.PATIENCE);

        assertThatThrownBy(() -> waiting.startExecution("deploy-1", INPUT))
                .satisfies(thrown -> assertThat(codeOf(thrown)).isEqualTo(StepFunctionsApiException.Code.EXECUTION_ALREADY_EXISTS));
    }

    @Test
    void describesRunningThenSucceeded_whenTheExecutionProgresses() throws Exception {
        waiting.startExecution("deploy-1", INPUT);
        nextToken();

        ExecutionDescription running = waiting.describeExecution("deploy-1");
        assertThat(running.status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(running.stopDate()).isNull();
        assertThat(running.input()).isEqualTo(INPUT);
        assertThat(running.stateMachineArn()).isEqualTo(Harness.STATE_MACHINE_ARN);
        assertThat(running.startDate()).isEqualTo(Harness.T0);
    }

    @Test
    void refusesWithExecutionDoesNotExist_whenNoExecutionHasTheName() {
        assertThatThrownBy(() -> waiting.describeExecution("nope"))
                .satisfies(thrown -> assertThat(codeOf(thrown)).isEqualTo(StepFunctionsApiException.Code.EXECUTION_DOES_NOT_EXIST))
                .hasMessage("Execution Does Not Exist: 'arn:aws:states:eu-west-1:123456789012:execution:caretaker-test:nope'");
    }

    @Test
    void refusesBadNamesAndInput_whenStarting() {
        assertThatThrownBy(() -> waiting.startExecution("has space", INPUT))
                .satisfies(thrown -> assertThat(codeOf(thrown)).isEqualTo(StepFunctionsApiException.Code.INVALID_NAME));
        assertThatThrownBy(() -> waiting.startExecution("x".repeat(81), INPUT))
                .satisfies(thrown -> assertThat(codeOf(thrown)).isEqualTo(StepFunctionsApiException.Code.INVALID_NAME));
        assertThatThrownBy(() -> waiting.startExecution("ok", "{not json"))
                .satisfies(thrown -> assertThat(codeOf(thrown)).isEqualTo(StepFunctionsApiException.Code.INVALID_EXECUTION_INPUT));
    }

    @Test
    void namesTheExecutionWithAUuid_whenStartedWithoutAName() {
        StartedExecution started = harness.machine("{'StartAt':'Done','States':{'Done':{'Type':'Succeed'}}}")
                .startExecution(null, null);

        assertThat(started.executionArn()).matches(".*:execution:caretaker-test:[0-9a-f-]{36}");
    }

    @Test
    void recordsEveryStepInOrderWithTimestamps_whenAnExecutionRuns() {
        LocalStateMachine machine = harness.machine("{'StartAt':'Prepare','States':{"
                + "'Prepare':{'Type':'Pass','Result':1,'ResultPath':'$.n','Next':'Hold'},"
                + "'Hold':{'Type':'Wait','Seconds':60,'Next':'Done'},'Done':{'Type':'Succeed'}}}");

        harness.run(machine, "{}");

        List<HistoryEvent> history = machine.executionHistory("run-1");
        assertThat(history).extracting(event -> event.details().describe()).containsExactly(
                "execution started with {}",
                "Prepare (Pass) entered", "Prepare exited",
                "Hold (Wait) entered", "Hold waiting PT1M", "Hold exited",
                "Done (Succeed) entered", "Done exited",
                "execution succeeded");
        assertThat(history).extracting(HistoryEvent::id).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(history.get(4).timestamp()).isEqualTo(Harness.T0);
        assertThat(history.get(5).timestamp()).isEqualTo(Harness.T0.plusSeconds(60));
        assertThat(history.get(2).details()).isEqualTo(new HistoryEvent.StateExited("Prepare", "{\"n\":1}"));
        assertThat(history.get(8).describe()).isEqualTo("#9 2026-11-21T10:01:00Z execution succeeded");
    }

    @Test
    void timesOutSayingWhereTheExecutionIs_whenAwaitingTooShortly() throws Exception {
        waiting.startExecution("deploy-1", INPUT);
        nextToken();

        assertThatThrownBy(() -> waiting.awaitCompletion("deploy-1", Duration.ofMillis(50)))
                .isInstanceOf(TimeoutException.class)
                .hasMessage("execution deploy-1 still RUNNING after PT0.05S; last event: #3 2026-11-21T10:00:00Z Hold waiting"
                        + " for its task token");
    }

    @Test
    void abortsWithErrorAndCauseAndRefusesTheLateToken_whenStoppedWhileWaiting() throws Exception {
        waiting.startExecution("deploy-1", INPUT);
        String token = nextToken();

        waiting.stopExecution("deploy-1", "Operator.Cancelled", "cancelled from the CLI");

        ExecutionDescription stopped = waiting.awaitCompletion("deploy-1", Harness.PATIENCE);
        assertThat(stopped.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(stopped.error()).isEqualTo("Operator.Cancelled");
        assertThat(stopped.cause()).isEqualTo("cancelled from the CLI");
        assertThat(waiting.executionHistory("deploy-1").getLast().details())
                .isEqualTo(new HistoryEvent.ExecutionAborted("Operator.Cancelled", "cancelled from the CLI"));
        // The stopped task lets go of its token shortly after its thread is interrupted.
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                waiting.sendTaskSuccess(token, "{}");
            } catch (StepFunctionsApiException e) {
                assertThat(e.code()).isEqualTo(StepFunctionsApiException.Code.TASK_TIMED_OUT);
                break;
            }
            assertThat(System.nanoTime()).as("token released").isLessThan(until);
        }
    }

    @Test
    void timesOutTheExecution_whenTheDefinitionsTimeoutSecondsRunOutDuringAWait() {
        LocalStateMachine machine = harness.machine("{'StartAt':'Hold','TimeoutSeconds':10,'States':{"
                + "'Hold':{'Type':'Wait','Seconds':100,'End':true}}}");

        ExecutionDescription run = harness.run(machine, "{}");

        assertThat(run.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
        assertThat(run.error()).isEqualTo("States.Timeout");
        assertThat(harness.sleeper.sleeps()).containsExactly(Duration.ofSeconds(10));
    }

    @Test
    void runsExecutionsSideBySide_whenSeveralAreStarted() throws Exception {
        waiting.startExecution("deploy-1", INPUT);
        waiting.startExecution("deploy-2", INPUT);
        String first = nextToken();
        String second = nextToken();

        assertThat(waiting.describeExecution("deploy-1").status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(waiting.describeExecution("deploy-2").status()).isEqualTo(ExecutionStatus.RUNNING);
        waiting.sendTaskSuccess(first, "1");
        waiting.sendTaskSuccess(second, "2");
        JsonNode outputs = dev.caretaker.json.Json.read("[" + waiting.awaitCompletion("deploy-1", Harness.PATIENCE).output()
                + "," + waiting.awaitCompletion("deploy-2", Harness.PATIENCE).output() + "]", JsonNode.class);
        assertThat(outputs.toString()).isIn("[1,2]", "[2,1]");
    }
}
