package dev.caretaker.local.stepfunctions;

import static dev.caretaker.local.stepfunctions.Harness.outputOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code lambda:invoke.waitForTaskToken}: the pause an approval step needs. */
class TaskTokenTest {

    private final Harness harness = new Harness();
    /** The payloads the approval function was invoked with, each carrying a task token. */
    private final BlockingQueue<JsonNode> requests = new LinkedBlockingQueue<>();

    @AfterEach
    void close() {
        harness.close();
    }

    private LocalStateMachine machine(String extraTaskFields, TaskFunction approver) {
        return harness.machine("{'StartAt':'Approve','States':{'Approve':{'Type':'Task',"
                + "'Resource':'arn:aws:states:::lambda:invoke.waitForTaskToken',"
                + "'Parameters':{'FunctionName':'approver','Payload':{'token.$':'$$.Task.Token','stack.$':'$.stack'}},"
                + "'ResultPath':'$.approval'," + extraTaskFields + "'Next':'Deploy'},"
                + "'Deploy':{'Type':'Succeed'}"
                + (extraTaskFields.contains("'Rejected'") ? ",'Rejected':{'Type':'Pass','End':true}" : "") + "}}",
                Map.of("approver", approver));
    }

    private LocalStateMachine machine(String extraTaskFields) {
        return machine(extraTaskFields, payload -> {
            requests.add(payload);
            return null;
        });
    }

    private String nextToken() throws InterruptedException {
        JsonNode request = requests.poll(10, TimeUnit.SECONDS);
        assertThat(request).as("the approval function was invoked").isNotNull();
        return request.get("token").asText();
    }

    @Test
    void pausesUntilSendTaskSuccessAndUsesItsOutputAsResult_whenTaskWaitsForToken() throws Exception {
        LocalStateMachine machine = machine("'Catch':[{'ErrorEquals':['States.ALL'],'Next':'Rejected'}],");
        machine.startExecution("deploy-1", "{\"stack\":\"app\"}");
        String token = nextToken();

        assertThat(machine.describeExecution("deploy-1").status()).isEqualTo(ExecutionStatus.RUNNING);
        machine.sendTaskSuccess(token, "{\"approvedBy\":\"ops@example.com\"}");

        ExecutionDescription done = machine.awaitCompletion("deploy-1", Harness.PATIENCE);
        assertThat(outputOf(done)).isEqualTo(Map.of("stack", "app", "approval", Map.of("approvedBy", "ops@example.com")));
        assertThat(machine.executionHistory("deploy-1")).extracting(HistoryEvent::details)
                .contains(new HistoryEvent.WaitingForTaskToken("Approve", token));
    }

    @Test
    void handsErrorAndCauseToCatch_whenSendTaskFailureAnswersTheToken() throws Exception {
        LocalStateMachine machine = machine("'Catch':[{'ErrorEquals':['Rejected'],'ResultPath':'$.why','Next':'Rejected'}],");
        machine.startExecution("deploy-1", "{\"stack\":\"app\"}");

        machine.sendTaskFailure(nextToken(), "Rejected", "change set replaces the database");

        assertThat(outputOf(machine.awaitCompletion("deploy-1", Harness.PATIENCE))).isEqualTo(Map.of("stack", "app",
                "why", Map.of("Error", "Rejected", "Cause", "change set replaces the database")));
    }

    @Test
    void resumes_whenTheFunctionAnswersItsTokenBeforeReturning() throws Exception {
        LocalStateMachine[] self = new LocalStateMachine[1];
        self[0] = machine("", payload -> {
            self[0].sendTaskSuccess(payload.get("token").asText(), "\"auto-approved\"");
            return null;
        });
        self[0].startExecution("deploy-1", "{\"stack\":\"app\"}");

        assertThat(outputOf(self[0].awaitCompletion("deploy-1", Harness.PATIENCE))).containsEntry("approval", "auto-approved");
    }

    @Test
    void refusesAsInvalidToken_whenTheTokenWasNeverIssued() {
        LocalStateMachine machine = machine("");

        assertThatThrownBy(() -> machine.sendTaskSuccess("made-up", "{}"))
                .isInstanceOfSatisfying(StepFunctionsApiException.class, e ->
                        assertThat(e.code()).isEqualTo(StepFunctionsApiException.Code.INVALID_TOKEN))
                .hasMessage("Invalid Token: 'Invalid token'");
    }

    @Test
    void refusesAsTaskTimedOut_whenTheTokenWasAlreadyAnswered() throws Exception {
        LocalStateMachine machine = machine("");
        machine.startExecution("deploy-1", "{\"stack\":\"app\"}");
        String token = nextToken();
        machine.sendTaskSuccess(token, "{}");
        machine.awaitCompletion("deploy-1", Harness.PATIENCE);

        assertThatThrownBy(() -> machine.sendTaskFailure(token, "Late", "too late"))
                .isInstanceOfSatisfying(StepFunctionsApiException.class, e ->
                        assertThat(e.code()).isEqualTo(StepFunctionsApiException.Code.TASK_TIMED_OUT));
    }

    @Test
    void refusesAsInvalidOutput_whenSendTaskSuccessIsNotJson() throws Exception {
        LocalStateMachine machine = machine("");
        machine.startExecution("deploy-1", "{\"stack\":\"app\"}");
        String token = nextToken();

        assertThatThrownBy(() -> machine.sendTaskSuccess(token, "approved"))
                .isInstanceOfSatisfying(StepFunctionsApiException.class, e ->
                        assertThat(e.code()).isEqualTo(StepFunctionsApiException.Code.INVALID_OUTPUT));
        machine.sendTaskSuccess(token, "true");
        assertThat(machine.awaitCompletion("deploy-1", Harness.PATIENCE).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void failsWithStatesTimeoutForCatch_whenNoAnswerComesWithinTimeoutSeconds() throws Exception {
        LocalStateMachine machine = machine("'TimeoutSeconds':1,'Catch':[{'ErrorEquals':['States.Timeout'],'Next':'Rejected'}],");
        machine.startExecution("deploy-1", "{\"stack\":\"app\"}");
        String token = nextToken();
        // The timeout runs on the execution's clock: time passes while the token waits.
        harness.sleeper.advance(Duration.ofSeconds(1));

        ExecutionDescription done = machine.awaitCompletion("deploy-1", Duration.ofSeconds(10));

        assertThat(outputOf(done)).isEqualTo(Map.of("Error", "States.Timeout", "Cause", "the task token was not answered within 1 s"));
        assertThat(machine.executionHistory("deploy-1")).extracting(event -> event.details().describe())
                .contains("Approve caught States.Timeout, going to Rejected");
        assertThatThrownBy(() -> machine.sendTaskSuccess(token, "{}"))
                .isInstanceOfSatisfying(StepFunctionsApiException.class, e ->
                        assertThat(e.code()).isEqualTo(StepFunctionsApiException.Code.TASK_TIMED_OUT));
    }

    @Test
    void takesTheTimeoutFromTheInput_whenTheTaskHasTimeoutSecondsPath() throws Exception {
        LocalStateMachine machine = machine("'TimeoutSecondsPath':'$.limit','Catch':[{'ErrorEquals':['States.Timeout'],'Next':'Rejected'}],");
        machine.startExecution("deploy-2", "{\"stack\":\"app\",\"limit\":1}");
        nextToken();
        harness.sleeper.advance(Duration.ofSeconds(1));

        ExecutionDescription done = machine.awaitCompletion("deploy-2", Duration.ofSeconds(10));

        assertThat(outputOf(done)).isEqualTo(Map.of("Error", "States.Timeout", "Cause", "the task token was not answered within 1 s"));
    }

    @Test
    void failsTheTask_whenTimeoutSecondsPathSelectsNoPositiveInteger() throws Exception {
        LocalStateMachine machine = machine("'TimeoutSecondsPath':'$.limit',");
        machine.startExecution("deploy-3", "{\"stack\":\"app\",\"limit\":\"soon\"}");

        ExecutionDescription done = machine.awaitCompletion("deploy-3", Duration.ofSeconds(10));

        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.cause()).contains("TimeoutSecondsPath '$.limit' selected \"soon\", not a positive integer");
    }

    @Test
    void issuesAFreshTokenForEachAttempt_whenTheWaitingTaskIsRetried() throws Exception {
        LocalStateMachine machine = machine("'Retry':[{'ErrorEquals':['Busy'],'MaxAttempts':1}],");
        machine.startExecution("deploy-1", "{\"stack\":\"app\"}");
        String first = nextToken();
        machine.sendTaskFailure(first, "Busy", "approver busy");
        String second = nextToken();

        machine.sendTaskSuccess(second, "{}");

        assertThat(second).isNotEqualTo(first);
        assertThat(machine.awaitCompletion("deploy-1", Harness.PATIENCE).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }
}
