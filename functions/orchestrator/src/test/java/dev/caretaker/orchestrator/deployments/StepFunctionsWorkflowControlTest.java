package dev.caretaker.orchestrator.deployments;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.caretaker.orchestrator.testing.AwsWire.JSON_1_0;
import static dev.caretaker.orchestrator.testing.AwsWire.operation;
import static dev.caretaker.orchestrator.testing.AwsWire.recorded;
import static dev.caretaker.orchestrator.testing.AwsWire.requestedOperation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.caretaker.deployments.ApprovalDecision;
import dev.caretaker.json.Json;
import dev.caretaker.testing.WireClients;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.SfnClient;

/** The Step Functions adapter against recorded SendTaskSuccess, SendTaskFailure and StopExecution responses. */
class StepFunctionsWorkflowControlTest {

    private static final String SUCCESS = "AWSStepFunctions.SendTaskSuccess";
    private static final String FAILURE = "AWSStepFunctions.SendTaskFailure";
    private static final String STOP = "AWSStepFunctions.StopExecution";
    private static final String STATE_MACHINE = "arn:aws:states:eu-west-1:123456789012:stateMachine:caretaker-deployment";
    private static final String DEPLOYMENT = "deploy-0123456789abcdef01234567";
    private static final String TOKEN = "AQCEAAAAKgAAAAMAAAAAAAAAAeMVrK0token";
    private static final Instant AT = Instant.parse("2026-11-21T03:10:00Z");
    private static final ApprovalDecision APPROVED = new ApprovalDecision(true, "arn:aws:iam::123456789012:user/ana", "looks fine", AT);
    private static final ApprovalDecision REJECTED = new ApprovalDecision(false, "arn:aws:iam::123456789012:user/ana",
            "the table replacement loses data", AT);

    @RegisterExtension
    static final WireMockExtension WIRE = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private final SfnClient client = WireClients.against(SfnClient.builder(), WIRE.baseUrl());
    private final StepFunctionsWorkflowControl control = new StepFunctionsWorkflowControl(client, STATE_MACHINE);

    @AfterEach
    void disconnect() {
        client.close();
    }

    private void answer(String target, int status, String resource) {
        WIRE.stubFor(operation(target).willReturn(recorded(status, JSON_1_0, resource)));
    }

    @Test
    void sendsTaskSuccessWithTheDecision_whenApproved() {
        answer(SUCCESS, 200, "sfn/SendTaskSuccess.json");

        WorkflowControl.Answer answer = control.answerApproval(TOKEN, APPROVED);

        assertThat(answer).isEqualTo(new WorkflowControl.Answer.Done());
        WIRE.verify(1, requestedOperation(SUCCESS)
                .withHeader("Authorization", containing("/states/aws4_request"))
                .withRequestBody(matchingJsonPath("$.taskToken", equalTo(TOKEN)))
                .withRequestBody(matchingJsonPath("$.output", equalToJson(
                        "{\"approved\":true,\"by\":\"arn:aws:iam::123456789012:user/ana\",\"reason\":\"looks fine\"}"))));
        WIRE.verify(0, requestedOperation(FAILURE));
    }

    @Test
    void sendsTaskFailureCaretakerRejected_whenRejected() {
        answer(FAILURE, 200, "sfn/SendTaskFailure.json");

        WorkflowControl.Answer answer = control.answerApproval(TOKEN, REJECTED);

        assertThat(answer).isEqualTo(new WorkflowControl.Answer.Done());
        WIRE.verify(1, requestedOperation(FAILURE)
                .withRequestBody(matchingJsonPath("$.taskToken", equalTo(TOKEN)))
                .withRequestBody(matchingJsonPath("$.error", equalTo("Caretaker.Rejected")))
                .withRequestBody(matchingJsonPath("$.cause", equalTo(
                        "rejected by arn:aws:iam::123456789012:user/ana: the table replacement loses data"))));
        WIRE.verify(0, requestedOperation(SUCCESS));
    }

    @Test
    void reportsGone_whenTheTokenTimedOutOrIsInvalid() {
        answer(SUCCESS, 400, "sfn/TaskTimedOut.json");
        answer(FAILURE, 400, "sfn/InvalidToken.json");

        assertThat(control.answerApproval(TOKEN, APPROVED)).isEqualTo(new WorkflowControl.Answer.Gone("TaskTimedOut"));
        assertThat(control.answerApproval(TOKEN, REJECTED)).isEqualTo(new WorkflowControl.Answer.Gone("InvalidToken"));
    }

    @Test
    void reportsUnavailable_whenThrottledByStepFunctionsOrKms() {
        answer(SUCCESS, 400, "sfn/ThrottlingException.json");
        answer(FAILURE, 400, "sfn/KmsThrottlingException.json");

        assertThat(control.answerApproval(TOKEN, APPROVED))
                .isEqualTo(new WorkflowControl.Answer.Unavailable("Step Functions SendTaskSuccess: ThrottlingException"));
        assertThat(control.answerApproval(TOKEN, REJECTED))
                .isEqualTo(new WorkflowControl.Answer.Unavailable("Step Functions SendTaskFailure: KmsThrottlingException"));
    }

    @Test
    void stopsTheExecutionNamedAfterTheDeployment_whenCancelled() {
        answer(STOP, 200, "sfn/StopExecution.json");

        WorkflowControl.Answer answer = control.stop(DEPLOYMENT, "Caretaker.Cancelled", "cancelled by ops: wrong release");

        assertThat(answer).isEqualTo(new WorkflowControl.Answer.Done());
        WIRE.verify(1, requestedOperation(STOP)
                .withRequestBody(matchingJsonPath("$.executionArn", equalTo(
                        "arn:aws:states:eu-west-1:123456789012:execution:caretaker-deployment:" + DEPLOYMENT)))
                .withRequestBody(matchingJsonPath("$.error", equalTo("Caretaker.Cancelled")))
                .withRequestBody(matchingJsonPath("$.cause", equalTo("cancelled by ops: wrong release")))
                .withRequestBody(matchingJsonPath("$.name", absent())));
    }

    @Test
    void reportsGone_whenNoExecutionHasThatName() {
        answer(STOP, 400, "sfn/ExecutionDoesNotExist.json");

        assertThat(control.stop(DEPLOYMENT, "Caretaker.Cancelled", "x"))
                .isEqualTo(new WorkflowControl.Answer.Gone("ExecutionDoesNotExist"));
    }

    @Test
    void reportsFailed_whenThePermissionIsMissing() {
        answer(STOP, 400, "sfn/AccessDeniedException.json");

        assertThat(control.stop(DEPLOYMENT, "Caretaker.Cancelled", "x"))
                .isEqualTo(new WorkflowControl.Answer.Failed("Step Functions StopExecution: AccessDeniedException"));
    }

    @Test
    void cutsTheCauseToStepFunctionsLimit_whenAReasonIsLong() {
        answer(FAILURE, 200, "sfn/SendTaskFailure.json");
        ApprovalDecision wordy = new ApprovalDecision(false, "ana", "x".repeat(40_000), AT);

        control.answerApproval(TOKEN, wordy);

        String cause = Json.read(WIRE.findAll(requestedOperation(FAILURE)).get(0).getBodyAsString(), JsonNode.class)
                .path("cause").asText();
        assertThat(cause).hasSize(32_768).endsWith("…").startsWith("rejected by ana: xxx");
    }
}
