package dev.caretaker.local.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.json.Json;
import dev.caretaker.orchestrator.webhook.Delivery;
import dev.caretaker.orchestrator.webhook.DeploymentRequest;
import dev.caretaker.orchestrator.webhook.DeploymentStart;
import dev.caretaker.orchestrator.webhook.StartOutcome;
import dev.caretaker.orchestrator.webhook.StepFunctionsDeploymentStarter;
import dev.caretaker.testing.WireClients;
import dev.caretaker.work.PermanentFailure;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidExecutionInputException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/** The HTTP front through the real SDK client and the orchestrator's real starter. */
class LocalStepFunctionsServerTest {

    private static final String DEPLOYMENT_ARN = "arn:aws:states:eu-west-1:123456789012:stateMachine:caretaker-acme-dev-deployment";
    private static final String APPROVAL_ARN = "arn:aws:states:eu-west-1:123456789012:stateMachine:caretaker-acme-dev-approval";
    private static final String JOB_ID = "deploy-0123456789abcdef01234567";
    private static final DeploymentStart START = new DeploymentStart(JOB_ID,
            new DeploymentRequest("acme-app", "1.4.2", "s3://artifacts/releases/acme-app/1.4.2/manifest.json"),
            new Delivery("vendor", "d-42"));

    private final Harness harness = new Harness();
    private final BlockingQueue<JsonNode> approvals = new LinkedBlockingQueue<>();
    private volatile boolean stackBlocked;
    private final LocalStateMachine deployment = new LocalStateMachine(DEPLOYMENT_ARN, Definitions.deployment(),
            Map.of(Definitions.WORKER_ARN, payload -> {
                String action = payload.get("action").asText();
                if (action.equals("prerequisites") && stackBlocked) {
                    throw new PermanentFailure("stack is UPDATE_ROLLBACK_FAILED");
                }
                // Just what the Choice states read, for the straight path.
                return Json.mapper().valueToTree(switch (action) {
                    case "gate" -> Map.of("decision", "GO");
                    case "preview" -> Map.of("state", "READY");
                    case "watch" -> Map.of("state", "SUCCEEDED");
                    case "checkHealth" -> Map.of("state", "HEALTHY");
                    case "finish" -> Map.of("status", "SUCCEEDED");
                    default -> Map.of("step", action);
                });
            }), harness.environment());
    private final LocalStateMachine approval = new LocalStateMachine(APPROVAL_ARN, Definitions.of(
            "{'StartAt':'Approve','States':{'Approve':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke.waitForTaskToken',"
                    + "'Parameters':{'FunctionName':'notify','Payload':{'token.$':'$$.Task.Token'}},'ResultPath':'$.decision',"
                    + "'End':true}}}"), Map.of("notify", payload -> {
                        approvals.add(payload);
                        return null;
                    }), harness.environment());
    private final LocalStepFunctionsServer server = LocalStepFunctionsServer.start(List.of(deployment, approval));
    private final SfnClient sfn = WireClients.against(SfnClient.builder(), server.endpoint().toString());
    private final StepFunctionsDeploymentStarter starter = new StepFunctionsDeploymentStarter(sfn, DEPLOYMENT_ARN);

    @AfterEach
    void close() {
        sfn.close();
        server.close();
        harness.close();
    }

    private String nextToken() throws InterruptedException {
        JsonNode payload = approvals.poll(10, TimeUnit.SECONDS);
        assertThat(payload).as("the approval function was invoked").isNotNull();
        return payload.get("token").asText();
    }

    @Test
    void startsTheDeploymentWorkflowOnceAndRunsIt_whenTheOrchestratorsStarterCallsTwice() throws Exception {
        StartOutcome first = starter.start(START);
        deployment.awaitCompletion(JOB_ID, Harness.PATIENCE);
        StartOutcome again = starter.start(START);

        String executionArn = "arn:aws:states:eu-west-1:123456789012:execution:caretaker-acme-dev-deployment:" + JOB_ID;
        assertThat(first).isEqualTo(new StartOutcome.Started(executionArn));
        assertThat(again).isEqualTo(new StartOutcome.AlreadyStarted());
        DescribeExecutionResponse described = sfn.describeExecution(request -> request.executionArn(executionArn));
        assertThat(described.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(described.name()).isEqualTo(JOB_ID);
        assertThat(described.stateMachineArn()).isEqualTo(DEPLOYMENT_ARN);
        assertThat(described.startDate()).isEqualTo(Harness.T0);
        assertThat(described.stopDate()).isNotNull();
        assertThat(Json.read(described.input(), JsonNode.class).get("stack").asText()).isEqualTo("acme-app");
        assertThat(Json.read(described.output(), JsonNode.class).at("/finish/payload/status").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void describesTheFailureWithErrorAndCause_whenTheWorkflowFailed() throws Exception {
        stackBlocked = true;
        String executionArn = ((StartOutcome.Started) starter.start(START)).executionArn();
        deployment.awaitCompletion(JOB_ID, Harness.PATIENCE);

        DescribeExecutionResponse described = sfn.describeExecution(request -> request.executionArn(executionArn));

        assertThat(described.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(described.error()).isEqualTo("dev.caretaker.work.PermanentFailure");
        assertThat(described.cause()).contains("\"errorMessage\":\"stack is UPDATE_ROLLBACK_FAILED\"");
        assertThat(described.output()).isNull();
    }

    @Test
    void reportsFailedStateMachineDoesNotExist_whenTheStarterHasAnotherArn() {
        StepFunctionsDeploymentStarter elsewhere = new StepFunctionsDeploymentStarter(sfn,
                "arn:aws:states:eu-west-1:123456789012:stateMachine:caretaker-other");

        assertThat(elsewhere.start(START)).isEqualTo(new StartOutcome.Failed("Step Functions StartExecution: StateMachineDoesNotExist"));
    }

    @Test
    void resumesTheWaitingTask_whenSendTaskSuccessArrivesOverTheWire() throws Exception {
        sfn.startExecution(request -> request.stateMachineArn(APPROVAL_ARN).name("approval-1").input("{\"stack\":\"acme-app\"}"));
        String token = nextToken();

        sfn.sendTaskSuccess(request -> request.taskToken(token).output("{\"approved\":true}"));

        ExecutionDescription done = approval.awaitCompletion("approval-1", Harness.PATIENCE);
        assertThat(Harness.outputOf(done)).isEqualTo(Map.of("stack", "acme-app", "decision", Map.of("approved", true)));
    }

    @Test
    void failsTheWaitingTask_whenSendTaskFailureArrivesOverTheWire() throws Exception {
        sfn.startExecution(request -> request.stateMachineArn(APPROVAL_ARN).name("approval-1").input("{}"));
        String token = nextToken();

        sfn.sendTaskFailure(request -> request.taskToken(token).error("Rejected").cause("replaces the database"));

        ExecutionDescription done = approval.awaitCompletion("approval-1", Harness.PATIENCE);
        assertThat(done.error()).isEqualTo("Rejected");
        assertThat(done.cause()).isEqualTo("replaces the database");
        assertThatThrownBy(() -> sfn.sendTaskSuccess(request -> request.taskToken(token).output("{}")))
                .isInstanceOf(TaskTimedOutException.class);
    }

    @Test
    void answersWithTheModelledAwsErrors_whenRequestsAreRefused() {
        assertThatThrownBy(() -> sfn.describeExecution(request -> request.executionArn(
                "arn:aws:states:eu-west-1:123456789012:execution:caretaker-acme-dev-deployment:nope")))
                .isInstanceOf(ExecutionDoesNotExistException.class)
                .hasMessageStartingWith("Execution Does Not Exist: 'arn:aws:states:eu-west-1:123456789012:execution:"
                        + "caretaker-acme-dev-deployment:nope'");
        assertThatThrownBy(() -> sfn.describeExecution(request -> request.executionArn("not-an-arn")))
                .isInstanceOf(InvalidArnException.class);
        assertThatThrownBy(() -> sfn.sendTaskSuccess(request -> request.taskToken("made-up").output("{}")))
                .isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> sfn.startExecution(request -> request.stateMachineArn(DEPLOYMENT_ARN).name("x").input("{")))
                .isInstanceOf(InvalidExecutionInputException.class);
        assertThatThrownBy(() -> sfn.listStateMachines(request -> { }))
                .isInstanceOfSatisfying(SfnException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException"));
    }

    @Test
    void stopsTheExecution_whenStopExecutionArrivesOverTheWire() throws Exception {
        String arn = sfn.startExecution(request -> request.stateMachineArn(APPROVAL_ARN).name("approval-1").input("{}"))
                .executionArn();
        nextToken();

        sfn.stopExecution(request -> request.executionArn(arn).error("Operator.Cancelled").cause("not today"));

        DescribeExecutionResponse described = sfn.describeExecution(request -> request.executionArn(arn));
        assertThat(described.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(described.error()).isEqualTo("Operator.Cancelled");
    }
}
