package dev.caretaker.local.stepfunctions;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.caretaker.testing.QueryProtocol.formField;
import static dev.caretaker.testing.QueryProtocol.xml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.caretaker.aws.AwsClientFactory;
import dev.caretaker.deployment.DeploymentTaskHandler;
import dev.caretaker.job.DynamoDbJobStore;
import dev.caretaker.job.Job;
import dev.caretaker.job.JobRequest;
import dev.caretaker.job.JobStatus;
import dev.caretaker.job.JobTrigger;
import dev.caretaker.job.JobType;
import dev.caretaker.json.Json;
import dev.caretaker.orchestrator.webhook.Delivery;
import dev.caretaker.orchestrator.webhook.DeploymentRequest;
import dev.caretaker.orchestrator.webhook.DeploymentStart;
import dev.caretaker.orchestrator.webhook.StartOutcome;
import dev.caretaker.orchestrator.webhook.StepFunctionsDeploymentStarter;
import dev.caretaker.testing.EmbeddedDynamoDb;
import dev.caretaker.testing.StateTables;
import dev.caretaker.testing.TestCredentials;
import dev.caretaker.testing.WireClients;
import dev.caretaker.testing.WireFixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The real statemachine/deployment.asl.json running the real deployment worker handler: jobs on
 * DynamoDB Local, CloudFormation and EventBridge answering with recorded responses (WireMock).
 */
class DeploymentStateMachineIT {

    private static final String STATE_MACHINE_ARN = "arn:aws:states:eu-west-1:123456789012:stateMachine:caretaker-acme-dev-deployment";

    private static EmbeddedDynamoDb dynamo;
    private static WireMockServer aws;

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private DynamoDbJobStore jobs;
    private LocalStateMachine machine;

    @BeforeAll
    static void startEngines() {
        dynamo = EmbeddedDynamoDb.start();
        aws = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        aws.start();
    }

    @AfterAll
    static void stopEngines() {
        aws.stop();
        dynamo.close();
    }

    @BeforeEach
    void wire() {
        String table = "state-" + UUID.randomUUID();
        StateTables.createStateTable(dynamo.client(), table);
        jobs = new DynamoDbJobStore(dynamo.client(), table);
        aws.resetAll();
        aws.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody(WireFixtures.load("eventbridge/PutEvents.json"))));

        Map<String, String> env = new LinkedHashMap<>();
        env.put("STATE_TABLE", table);
        env.put("EVENT_BUS_NAME", "caretaker-acme-dev");
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamo.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_CLOUDFORMATION", aws.baseUrl());
        env.put("AWS_ENDPOINT_URL_EVENTBRIDGE", aws.baseUrl());
        env.put("AWS_MAX_ATTEMPTS", "1");
        DeploymentTaskHandler worker = new DeploymentTaskHandler(
                new AwsClientFactory(TestCredentials.environment(env), TestCredentials.provider()));
        machine = new LocalStateMachine(STATE_MACHINE_ARN, Definitions.deployment(),
                Map.of(Definitions.WORKER_ARN, TaskFunction.of(worker)), ExecutionEnvironment.system(executor));
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private static void stackIs(String stack, String status) {
        aws.stubFor(post(urlEqualTo("/")).withRequestBody(formField("Action", "DescribeStacks"))
                .withRequestBody(formField("StackName", stack))
                .willReturn(xml(200, WireFixtures.load("cloudformation/DescribeStacks.xml", Map.of("stack", stack, "status", status)))));
    }

    private Job deployJob(String stack, String deliveryId) {
        return jobs.create(new JobRequest(JobType.DEPLOY, stack, new JobTrigger.Webhook("vendor", deliveryId)), Instant.now()).job();
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

    @Test
    void deploysAndMarksTheJobSucceeded_whenStartedByTheOrchestratorsStarterOnASettledStack() throws Exception {
        stackIs("acme-app", "UPDATE_COMPLETE");
        Job job = deployJob("acme-app", "d-1");
        StartOutcome started;
        try (LocalStepFunctionsServer server = LocalStepFunctionsServer.start(List.of(machine));
             SfnClient sfn = WireClients.against(SfnClient.builder(), server.endpoint().toString())) {
            started = new StepFunctionsDeploymentStarter(sfn, STATE_MACHINE_ARN).start(new DeploymentStart(job.id(),
                    new DeploymentRequest("acme-app", "1.4.2", "s3://artifacts/releases/acme-app/1.4.2/manifest.json"),
                    new Delivery("vendor", "d-1")));
        }

        ExecutionDescription done = machine.awaitCompletion(job.id(), Harness.PATIENCE);

        assertThat(started).isInstanceOf(StartOutcome.Started.class);
        assertThat(done.status()).as("%s: %s", done.error(), done.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(visited(job.id())).containsExactly("Begin", "CheckStack", "Complete", "Deployed");
        assertThat(Harness.outputOf(done)).containsEntry("checkStack",
                Map.of("payload", Map.of("stackStatus", "UPDATE_COMPLETE", "operation", "UPDATE")));
        Job finished = jobs.find(job.id()).orElseThrow();
        assertThat(finished.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(finished.attempts()).isEqualTo(1);
        assertThat(finished.result()).isEqualTo(Map.of("stack", "acme-app", "version", "1.4.2"));
        aws.verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents"))
                .withRequestBody(containing("DeploymentCompleted")));
    }

    @Test
    void failsThroughRecordFailureAndMarksTheJobFailedWithTheReason_whenTheStackIsUpdateRollbackFailed() throws Exception {
        stackIs("blocked-app", "UPDATE_ROLLBACK_FAILED");
        Job job = deployJob("blocked-app", "d-2");
        machine.startExecution(job.id(), Json.write(Map.of("deploymentId", job.id(), "jobId", job.id(),
                "stack", "blocked-app", "version", "2.0.0", "manifest", "s3://artifacts/releases/blocked-app/2.0.0/manifest.json")));

        ExecutionDescription done = machine.awaitCompletion(job.id(), Harness.PATIENCE);

        String blocker = "stack is UPDATE_ROLLBACK_FAILED: continue the rollback (ContinueUpdateRollback) before deploying";
        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(visited(job.id())).containsExactly("Begin", "CheckStack", "RecordFailure", "DeploymentFailed");
        assertThat(done.error()).isEqualTo("dev.caretaker.work.PermanentFailure");
        assertThat(Json.read(done.cause(), JsonNode.class).get("errorMessage").asText())
                .isEqualTo(blocker);
        Job failed = jobs.find(job.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error()).isEqualTo("PermanentFailure: " + blocker);
        aws.verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents"))
                .withRequestBody(containing("DeploymentFailed")));
    }
}
