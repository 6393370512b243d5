package dev.caretaker.orchestrator.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static dev.caretaker.orchestrator.testing.AwsWire.JSON_1_0;
import static dev.caretaker.orchestrator.testing.AwsWire.operation;
import static dev.caretaker.orchestrator.testing.AwsWire.recorded;
import static dev.caretaker.orchestrator.testing.AwsWire.requestedOperation;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.caretaker.json.Json;
import dev.caretaker.testing.WireClients;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.SfnClient;

class StepFunctionsDeploymentStarterTest {

    private static final String TARGET = "AWSStepFunctions.StartExecution";
    private static final String STATE_MACHINE = "arn:aws:states:eu-west-1:123456789012:stateMachine:caretaker-deployment";
    private static final String JOB_ID = "deploy-0123456789abcdef01234567";
    private static final DeploymentStart START = new DeploymentStart(JOB_ID,
            new DeploymentRequest("app", "1.4.0", "s3://bucket/releases/app/1.4.0/manifest.json"),
            new Delivery("caretaker", "d-42"));

    @RegisterExtension
    static final WireMockExtension WIRE = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private final SfnClient client = WireClients.against(SfnClient.builder(), WIRE.baseUrl());

    private final StepFunctionsDeploymentStarter starter = new StepFunctionsDeploymentStarter(client, STATE_MACHINE);

    @AfterEach
    void disconnect() {
        client.close();
    }

    private void answer(int status, String resource) {
        WIRE.stubFor(operation(TARGET).willReturn(recorded(status, JSON_1_0, resource)));
    }

    @Test
    void startsExecutionNamedAfterTheJob_whenJobIsNew() {
        answer(200, "sfn/StartExecution.json");

        StartOutcome outcome = starter.start(START);

        assertThat(outcome).isEqualTo(new StartOutcome.Started(
                "arn:aws:states:eu-west-1:123456789012:execution:caretaker-deployment:" + JOB_ID));
        WIRE.verify(1, requestedOperation(TARGET)
                .withHeader("Content-Type", containing(JSON_1_0))
                .withHeader("Authorization", containing("/states/aws4_request"))
                .withRequestBody(matchingJsonPath("$.stateMachineArn", equalTo(STATE_MACHINE)))
                .withRequestBody(matchingJsonPath("$.name", equalTo(JOB_ID))));
        List<LoggedRequest> sent = WIRE.findAll(requestedOperation(TARGET));
        JsonNode request = Json.read(sent.get(0).getBodyAsString(), JsonNode.class);
        assertThat(Json.read(request.path("input").asText(), new TypeReference<Map<String, Object>>() { })).isEqualTo(Map.of(
                "deploymentId", JOB_ID,
                "jobId", JOB_ID,
                "stack", "app",
                "version", "1.4.0",
                "manifest", "s3://bucket/releases/app/1.4.0/manifest.json",
                "source", "caretaker",
                "deliveryId", "d-42",
                "now", false));
    }

    @Test
    void carriesCallerNowAndPromotion_whenAnOperatorPromotesARelease() {
        answer(200, "sfn/StartExecution.json");
        DeploymentStart promoted = DeploymentStart.requested(JOB_ID,
                new DeploymentRequest("app", "1.4.0", "s3://bucket/releases/app/1.4.0/manifest.json"),
                "arn:aws:iam::123456789012:user/ops", true, new PromotedFrom("staging", "deploy-00000000000000000000abcd"));

        starter.start(promoted);

        JsonNode request = Json.read(WIRE.findAll(requestedOperation(TARGET)).get(0).getBodyAsString(), JsonNode.class);
        assertThat(Json.read(request.path("input").asText(), new TypeReference<Map<String, Object>>() { })).isEqualTo(Map.of(
                "deploymentId", JOB_ID,
                "jobId", JOB_ID,
                "stack", "app",
                "version", "1.4.0",
                "manifest", "s3://bucket/releases/app/1.4.0/manifest.json",
                "requestedBy", "arn:aws:iam::123456789012:user/ops",
                "now", true,
                "promotedFrom", Map.of("environment", "staging", "deploymentId", "deploy-00000000000000000000abcd")));
        assertThat(promoted.origin()).isEqualTo(Map.of("requestedBy", "arn:aws:iam::123456789012:user/ops",
                "promotedFrom", Map.of("environment", "staging", "deploymentId", "deploy-00000000000000000000abcd")));
    }

    @Test
    void reportsAlreadyStarted_whenAnExecutionWithThatNameExists() {
        answer(400, "sfn/ExecutionAlreadyExists.json");

        assertThat(starter.start(START)).isInstanceOf(StartOutcome.AlreadyStarted.class);
    }

    @Test
    void reportsUnavailableAfterOneRequest_whenThrottled() {
        answer(400, "sfn/ThrottlingException.json");

        assertThat(starter.start(START))
                .isEqualTo(new StartOutcome.Unavailable("Step Functions StartExecution: ThrottlingException"));
        WIRE.verify(1, requestedOperation(TARGET));
    }

    @Test
    void reportsUnavailable_whenTooManyExecutionsAreRunning() {
        answer(400, "sfn/ExecutionLimitExceeded.json");

        assertThat(starter.start(START)).isInstanceOf(StartOutcome.Unavailable.class);
    }

    @Test
    void reportsFailed_whenStateMachineDoesNotExist() {
        answer(400, "sfn/StateMachineDoesNotExist.json");

        assertThat(starter.start(START))
                .isEqualTo(new StartOutcome.Failed("Step Functions StartExecution: StateMachineDoesNotExist"));
    }
}
