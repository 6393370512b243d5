package dev.caretaker.orchestrator.deployments;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.caretaker.orchestrator.testing.AwsWire.JSON_1_0;
import static dev.caretaker.orchestrator.testing.AwsWire.operation;
import static dev.caretaker.orchestrator.testing.AwsWire.recorded;
import static dev.caretaker.orchestrator.testing.AwsWire.requestedOperation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.caretaker.deployments.Deployment;
import dev.caretaker.deployments.DeploymentStatus;
import dev.caretaker.deployments.DynamoDbDeploymentStore;
import dev.caretaker.job.DynamoDbJobStore;
import dev.caretaker.job.JobType;
import dev.caretaker.json.Json;
import dev.caretaker.orchestrator.webhook.StepFunctionsDeploymentStarter;
import dev.caretaker.testing.EmbeddedDynamoDb;
import dev.caretaker.testing.MutableClock;
import dev.caretaker.testing.StateTables;
import dev.caretaker.testing.WireClients;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * A drift check's remediation request becomes one deployment in mode REVERT_DRIFT: job and record in
 * DynamoDB Local, the workflow's start served from recorded Step Functions responses.
 */
class DriftRemediationsIT {

    private static final String STATE_MACHINE = "arn:aws:states:eu-west-1:123456789012:stateMachine:caretaker-deployment";
    private static final String START = "AWSStepFunctions.StartExecution";

    private static EmbeddedDynamoDb dynamo;
    @RegisterExtension
    static final WireMockExtension WIRE = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T03:00:00Z"));
    private DynamoDbJobStore jobs;
    private DynamoDbDeploymentStore deployments;
    private DriftRemediations remediations;

    @BeforeAll
    static void startEngine() {
        dynamo = EmbeddedDynamoDb.start();
    }

    @AfterAll
    static void stopEngine() {
        dynamo.close();
    }

    @BeforeEach
    void wire() {
        String table = "state-" + UUID.randomUUID();
        StateTables.createStateTable(dynamo.client(), table);
        jobs = new DynamoDbJobStore(dynamo.client(), table);
        deployments = new DynamoDbDeploymentStore(dynamo.client(), table);
        SfnClient sfn = WireClients.against(SfnClient.builder(), WIRE.baseUrl());
        remediations = new DriftRemediations(jobs, deployments, new StepFunctionsDeploymentStarter(sfn, STATE_MACHINE), "prod", clock);
        WIRE.stubFor(operation(START).willReturn(recorded(200, JSON_1_0, "sfn/StartExecution.json")));
    }

    private static JsonNode request(String approval) {
        return Json.read("""
                {"version":"0","id":"7f0c2e1a-0000-4000-8000-000000000001","detail-type":"DriftRemediationRequested",
                 "source":"caretaker.drift","account":"123456789012","time":"2026-11-23T03:00:00Z","region":"eu-west-1",
                 "resources":[],"detail":{"jobId":"drift-0123456789abcdef01234567","correlationId":"drift-parent",
                 "severity":"INFO","target":"billing","summary":"revert the drift of billing",
                 "data":{"stack":"billing","approval":"%s","resources":["InvoiceBucket"],"reason":"on-approval"}}}
                """.formatted(approval), JsonNode.class);
    }

    private List<JsonNode> startInputs() {
        return WIRE.findAll(requestedOperation(START)).stream()
                .map(request -> Json.read(Json.read(request.getBodyAsString(), JsonNode.class).path("input").asText(), JsonNode.class))
                .toList();
    }

    @Test
    void startsOneRevertDriftDeploymentPerCheck_howeverOftenTheRequestArrives() {
        DriftRemediations.Launched first = remediations.launch(request("required"));
        // Before the workflow claims the job, a repeat starts the same execution again: Step Functions takes that as one.
        DriftRemediations.Launched again = remediations.launch(request("required"));
        jobs.claim(first.deploymentId(), clock.instant(), clock.instant().plusSeconds(60));
        DriftRemediations.Launched late = remediations.launch(request("required"));

        assertThat(first.outcome()).isEqualTo("started");
        assertThat(again.deploymentId()).isEqualTo(first.deploymentId());
        assertThat(late.outcome()).isEqualTo("already RUNNING");
        assertThat(startInputs()).hasSize(2).allSatisfy(input -> {
            assertThat(input.path("mode").asText()).isEqualTo("REVERT_DRIFT");
            assertThat(input.path("approval").asText()).isEqualTo("required");
            assertThat(input.path("remediationOf").asText()).isEqualTo("drift-0123456789abcdef01234567");
            assertThat(input.path("stack").asText()).isEqualTo("billing");
            assertThat(input.path("version").asText()).isEqualTo("unversioned");
            assertThat(input.has("manifest")).isFalse();
        });
        assertThat(startInputs().get(0)).isEqualTo(startInputs().get(1));
        assertThat(jobs.find(first.deploymentId())).hasValueSatisfying(job -> {
            assertThat(job.type()).isEqualTo(JobType.DEPLOY);
            assertThat(job.correlationId()).isEqualTo("drift-parent");
        });
        Deployment record = deployments.find(first.deploymentId()).orElseThrow();
        assertThat(record.status()).isEqualTo(DeploymentStatus.VERIFYING);
        assertThat(record.origin()).containsEntry("remediationOf", "drift-0123456789abcdef01234567")
                .containsEntry("driftedResources", List.of("InvoiceBucket"));
        assertThat(record.environment()).isEqualTo("prod");
    }

    @Test
    void labelsTheRemediationWithTheReleaseTheStackRuns_andPassesAutoApproval() {
        deployments.createIfAbsent(Deployment.started("deploy-earlier", "billing", "3.0.1", "s3://r/m.json", "prod", false, null,
                Map.of(), clock.instant()));
        deployments.update("deploy-earlier", d -> d.finish(DeploymentStatus.SUCCEEDED, "deployed", clock.instant()));

        remediations.launch(request("auto"));

        assertThat(startInputs()).singleElement().satisfies(input -> {
            assertThat(input.path("version").asText()).isEqualTo("3.0.1");
            assertThat(input.path("approval").asText()).isEqualTo("auto");
        });
    }

    @Test
    void failsSoTheBusRetries_whenTheWorkflowCannotBeStartedNow() {
        WIRE.resetAll();
        WIRE.stubFor(operation(START).willReturn(recorded(400, JSON_1_0, "sfn/ThrottlingException.json")));

        assertThatThrownBy(() -> remediations.launch(request("required")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("could not be started now");
    }

    @Test
    void refusesARequestWithoutItsCheckOrStack() {
        JsonNode broken = Json.read("{\"source\":\"caretaker.drift\",\"detail-type\":\"DriftRemediationRequested\","
                + "\"detail\":{\"data\":{}}}", JsonNode.class);

        assertThat(DriftRemediations.isRequest(broken)).isTrue();
        assertThatThrownBy(() -> remediations.launch(broken)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("detail.jobId");
    }
}
