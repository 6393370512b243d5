package dev.caretaker.local;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.caretaker.aws.AwsClientFactory;
import dev.caretaker.aws.S3ExpectContinueDisabler;
import dev.caretaker.deployment.DeploymentTaskHandler;
import dev.caretaker.deployments.Deployment;
import dev.caretaker.deployments.DeploymentStatus;
import dev.caretaker.deployments.DynamoDbDeploymentStore;
import dev.caretaker.job.DynamoDbJobStore;
import dev.caretaker.job.Job;
import dev.caretaker.job.JobRequest;
import dev.caretaker.job.JobStatus;
import dev.caretaker.job.JobTrigger;
import dev.caretaker.job.JobType;
import dev.caretaker.json.Json;
import dev.caretaker.local.demo.DemoReleases;
import dev.caretaker.local.sandbox.AlarmRule;
import dev.caretaker.local.sandbox.DeploymentFault;
import dev.caretaker.local.sandbox.SandboxAccount;
import dev.caretaker.local.sandbox.SandboxResource;
import dev.caretaker.local.sandbox.SandboxScenario;
import dev.caretaker.local.sandbox.SandboxStack;
import dev.caretaker.local.standin.StandInServices;
import dev.caretaker.local.stepfunctions.ExecutionDescription;
import dev.caretaker.local.stepfunctions.ExecutionEnvironment;
import dev.caretaker.local.stepfunctions.HistoryEvent;
import dev.caretaker.local.stepfunctions.LocalStateMachine;
import dev.caretaker.local.stepfunctions.LocalStepFunctionsServer;
import dev.caretaker.local.stepfunctions.StateMachineDefinition;
import dev.caretaker.local.stepfunctions.TaskFunction;
import dev.caretaker.orchestrator.deployments.ControlOutcome;
import dev.caretaker.orchestrator.deployments.DeploymentApprovals;
import dev.caretaker.orchestrator.deployments.DeploymentCancellation;
import dev.caretaker.orchestrator.deployments.DeploymentLauncher;
import dev.caretaker.orchestrator.deployments.StepFunctionsWorkflowControl;
import dev.caretaker.orchestrator.webhook.DeploymentRequest;
import dev.caretaker.orchestrator.webhook.DeploymentStart;
import dev.caretaker.orchestrator.webhook.StartOutcome;
import dev.caretaker.orchestrator.webhook.StepFunctionsDeploymentStarter;
import dev.caretaker.testing.EmbeddedDynamoDb;
import dev.caretaker.testing.EmbeddedS3;
import dev.caretaker.testing.MutableClock;
import dev.caretaker.testing.RecordingEventPublisher;
import dev.caretaker.testing.RepoRoot;
import dev.caretaker.testing.StateTables;
import dev.caretaker.testing.TestCredentials;
import dev.caretaker.testing.WireClients;
import dev.caretaker.testing.WireFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The deployment scenarios of issue 5, each through the real workflow: the real
 * statemachine/deployment.asl.json in the local interpreter, the real deployment worker, the
 * orchestrator's real start, approval and cancel code over the Step Functions API, deployment
 * records and jobs on DynamoDB Local, the vendor's signed releases on s3proxy, the configuration
 * in the SSM stand-in, and the sandbox account's CloudFormation and CloudWatch. One clock for all
 * of them, moved by the state machine's waits: a fifteen-minute health window passes in no time.
 */
class DeploymentScenariosIT {

    private static final Instant MONDAY_10AM = Instant.parse("2026-11-23T10:00:00Z");
    private static final String STATE_MACHINE = "arn:aws:states:eu-west-1:000000000000:stateMachine:caretaker-acme-staging-deployment";
    private static final String WORKER = "arn:aws:lambda:eu-west-1:000000000000:function:caretaker-acme-staging-deployment-worker:live";
    private static final String CONFIG_PARAMETER = "/caretaker/acme/staging/config";
    private static final String ALARM = "arn:aws:cloudwatch:eu-west-1:000000000000:alarm:app-5xx";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static EmbeddedDynamoDb dynamo;
    private static EmbeddedS3 s3;

    @RegisterExtension
    static final WireMockExtension EVENTBRIDGE = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private final MutableClock clock = new MutableClock(MONDAY_10AM);
    private final ExecutorService executions = Executors.newVirtualThreadPerTaskExecutor();
    private final List<AutoCloseable> started = new ArrayList<>();
    private String bucket;
    private StandInServices standIns;
    private SandboxAccount sandbox;
    private LocalStateMachine machine;
    private DynamoDbJobStore jobs;
    private DynamoDbDeploymentStore deployments;
    private DeploymentLauncher launcher;
    private DeploymentApprovals approvals;
    private DeploymentCancellation cancellation;
    private final RecordingEventPublisher orchestratorEvents = new RecordingEventPublisher();

    @BeforeAll
    static void startEngines() {
        dynamo = EmbeddedDynamoDb.start();
        s3 = EmbeddedS3.start();
    }

    @AfterAll
    static void stopEngines() {
        s3.close();
        dynamo.close();
    }

    @BeforeEach
    void startTheSystem() {
        EVENTBRIDGE.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody(WireFixtures.load("eventbridge/PutEvents.json"))));
        String table = "state-" + UUID.randomUUID();
        StateTables.createStateTable(dynamo.client(), table);
        jobs = new DynamoDbJobStore(dynamo.client(), table);
        deployments = new DynamoDbDeploymentStore(dynamo.client(), table);
        bucket = "artifacts-" + UUID.randomUUID().toString().substring(0, 8);
        s3.client().createBucket(request -> request.bucket(bucket));
        S3Client vendor = s3.newClient(S3Client.builder()
                .overrideConfiguration(o -> o.addExecutionInterceptor(new S3ExpectContinueDisabler())));
        DemoReleases.publish(bucket, RepoRoot.find(), (key, bytes) ->
                vendor.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromBytes(bytes)));

        standIns = StandInServices.start("unused", Map.of(), clock, notification -> { });
        started.add(standIns);
        configure(configuration(5, "PT1H", ""));
        sandbox = new SandboxAccount(scenario(), TestCredentials.REGION, clock,
                new S3TemplateSource(s3.client())).start();
        started.add(sandbox);

        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("STATE_TABLE", table);
        environment.put("EVENT_BUS_NAME", "caretaker-acme-staging");
        environment.put("ARTIFACTS_BUCKET", bucket);
        environment.put("CONFIG_PARAMETER", CONFIG_PARAMETER);
        environment.put("CONFIG_TTL_SECONDS", "0");
        environment.put("AWS_ENDPOINT_URL_DYNAMODB", dynamo.endpoint().toString());
        environment.put("AWS_ENDPOINT_URL_S3", s3.endpoint().toString());
        environment.put("AWS_ENDPOINT_URL_SSM", standIns.endpoint().toString());
        environment.put("AWS_ENDPOINT_URL_EVENTBRIDGE", EVENTBRIDGE.baseUrl());
        for (String service : List.of("CLOUDFORMATION", "CLOUDWATCH", "IAM", "SERVICE_QUOTAS", "KMS")) {
            environment.put("AWS_ENDPOINT_URL_" + service, sandbox.endpoint().toString());
        }
        DeploymentTaskHandler worker = new DeploymentTaskHandler(
                new AwsClientFactory(TestCredentials.environment(environment), TestCredentials.provider()), clock);
        machine = new LocalStateMachine(STATE_MACHINE, StateMachineDefinition.load(
                RepoRoot.find().resolve("statemachine/deployment.asl.json"), Map.of("DeploymentWorkerFunctionArn", WORKER)),
                Map.of(WORKER, TaskFunction.of(worker)),
                new ExecutionEnvironment(executions, clock, clock::advance, new Random(7)));
        LocalStepFunctionsServer stepFunctions = LocalStepFunctionsServer.start(List.of(machine));
        started.add(stepFunctions);
        SfnClient sfn = WireClients.against(SfnClient.builder(), stepFunctions.endpoint().toString());
        launcher = new DeploymentLauncher(deployments, new StepFunctionsDeploymentStarter(sfn, STATE_MACHINE), "staging", clock);
        StepFunctionsWorkflowControl control = new StepFunctionsWorkflowControl(sfn, STATE_MACHINE);
        approvals = new DeploymentApprovals(deployments, control, clock);
        cancellation = new DeploymentCancellation(deployments, jobs, control, orchestratorEvents, clock);
    }

    @AfterEach
    void stopTheSystem() throws Exception {
        executions.shutdownNow();
        for (AutoCloseable closeable : started.reversed()) {
            closeable.close();
        }
    }

    /** The sandbox account: app runs 1.3.0, ledger 2.0.0, legacy is stuck; reports does not exist yet. */
    private static SandboxScenario scenario() {
        return SandboxScenario.builder()
                .stack(SandboxStack.deployed("app", DemoReleases.template("releases/app-1.3.0.yaml"), Map.of("Stage", "dev")))
                .stack(SandboxStack.deployed("ledger", DemoReleases.template("releases/ledger-2.0.0.yaml"), Map.of()))
                .stack(new SandboxStack("legacy", "UPDATE_COMPLETE",
                        List.of(SandboxResource.inSync("LegacyQueue", "AWS::SQS::Queue", "legacy-work"))).stuckInRollback("LegacyQueue"))
                // Seven minutes after 1.6.0 is in place: past CloudFormation's five minutes of rollback triggers,
                // inside Caretaker's own five-minute health window that follows them.
                .alarmRule(AlarmRule.alarm("app-5xx").whileStack("app").runsTemplateContaining("version 1.6.0")
                        .after(Duration.ofMinutes(7)))
                .deploymentFault(DeploymentFault.onStack("reports")
                        .resourceFails("ReportsIndex", "Resource handler returned message: \"Table reports-index already exists\""))
                .deploymentFault(DeploymentFault.onStack("ledger").whenTemplateContains("version 2.1.0")
                        .resourceFails("Postings", "Resource handler returned message: \"Invalid attribute MessageRetentionPeriod\"")
                        .rollbackFails("Postings", "Resource handler returned message: \"Queue is being purged\""))
                .build();
    }

    /** The configuration in force, with the knobs the scenarios turn. */
    private static String configuration(int monitoringMinutes, String approvalTimeout, String windows) {
        String publicKey;
        try {
            publicKey = Files.readString(RepoRoot.find().resolve(DemoReleases.PUBLIC_KEY)).strip().replace("\n", "\n        ");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return """
                schemaVersion: 2
                customer: {id: acme, account: "000000000000", region: eu-west-1}
                environment: staging
                %s
                deployment:
                  approval: auto
                  approvalTimeout: %s
                  trustedKeys:
                    - id: example-vendor-test-only
                      publicKey: |
                        %s
                  stacks:
                    - name: app
                      channel: stable
                      parameters: {Stage: dev}
                      rollback:
                        alarms: [%s]
                        monitoringMinutes: %d
                    - {name: reports, channel: stable}
                    - {name: ledger, channel: stable}
                    - {name: legacy, channel: stable}
                """.formatted(windows, approvalTimeout, publicKey, ALARM, monitoringMinutes);
    }

    private void configure(String yaml) {
        standIns.putParameter(CONFIG_PARAMETER, yaml);
    }

    private String start(String stack, String version, boolean now) {
        Job job = jobs.create(new JobRequest(JobType.DEPLOY, stack, new JobTrigger.Manual(UUID.randomUUID().toString())),
                clock.instant()).job();
        StartOutcome outcome = launcher.launch(DeploymentStart.requested(job.id(),
                new DeploymentRequest(stack, version, DemoReleases.manifest(bucket, stack, version)), "ops@example.com", now, null))
                .started();
        assertThat(outcome).isInstanceOf(StartOutcome.Started.class);
        return job.id();
    }

    private Deployment finished(String id) {
        try {
            ExecutionDescription execution = machine.awaitCompletion(id, PATIENCE);
            assertThat(execution.status()).as("the execution ended").isNotNull();
        } catch (TimeoutException e) {
            throw new AssertionError(e.getMessage() + "; record: " + deployments.find(id).orElse(null), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return deployments.find(id).orElseThrow();
    }

    private Deployment awaitStatus(String id, DeploymentStatus status) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            Deployment deployment = deployments.find(id).orElse(null);
            if (deployment != null && deployment.status() == status) {
                return deployment;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(id + " never reached " + status + ": " + deployments.find(id).orElse(null));
    }

    /** The approval request is published just after the record says AWAITING_APPROVAL. */
    private void awaitPublished(String detailType) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!published().contains(detailType)) {
            assertThat(System.nanoTime()).as("%s was published", detailType).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private Job job(String id) {
        return jobs.find(id).orElseThrow();
    }

    private List<String> visited(String id) {
        List<String> states = new ArrayList<>();
        machine.executionHistory(id).forEach(event -> {
            if (event.details() instanceof HistoryEvent.StateEntered entered) {
                states.add(entered.state());
            }
        });
        return states;
    }

    /** What the sandbox stack's current template says of itself. */
    private String runningTemplate(String stack) {
        CloudFormationClient cloudFormation = WireClients.against(CloudFormationClient.builder(), sandbox.endpoint().toString());
        return cloudFormation.getTemplateSummary(request -> request.stackName(stack)).description();
    }

    /** The detail types the worker published to the bus, in order. */
    private List<String> published() {
        return EVENTBRIDGE.findAll(postRequestedFor(urlEqualTo("/"))).stream()
                .flatMap(request -> {
                    List<String> types = new ArrayList<>();
                    Json.read(request.getBodyAsString(), JsonNode.class).path("Entries")
                            .forEach(entry -> types.add(entry.path("DetailType").asText()));
                    return types.stream();
                }).toList();
    }

    @Test
    void deploysAVerifiedReleaseAndWatchesItsAlarms_whenNothingNeedsApproval() {
        String id = start("app", "1.4.0", false);

        Deployment done = finished(id);

        assertThat(done.status()).as("%s", done.reason()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(done.reason()).isEqualTo("app runs 1.4.0; app-5xx stayed out of ALARM for 5 min");
        assertThat(done.release()).containsEntry("keyId", "example-vendor-test-only").containsEntry("version", "1.4.0")
                .containsEntry("deployParameters", Map.of("Stage", "dev"));
        assertThat(done.preview()).containsEntry("risky", false).containsEntry("counts", Map.of("add", 1, "modify", 1));
        assertThat(done.progress()).containsEntry("stackStatus", "UPDATE_COMPLETE").containsEntry("done", 2);
        assertThat(done.timings()).containsKeys("verify", "prerequisites", "preview", "execute", "health", "end");
        assertThat(Duration.between(done.timings().get("health"), done.timings().get("end")))
                .as("the health window ran its five minutes").isGreaterThanOrEqualTo(Duration.ofMinutes(5));
        assertThat(runningTemplate("app")).contains("version 1.4.0");
        assertThat(job(id).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(published()).containsExactly("DeploymentCompleted");
        assertThat(visited(id)).doesNotContain("RequestApproval", "WaitForWindow", "ReturnToKnownGood");
    }

    @Test
    void waitsForTheWindowThenDeploys_whenStartedOutsideIt() throws InterruptedException {
        configure(configuration(0, "PT1H", """
                maintenanceWindows:
                  - {name: evenings, days: [MON, TUE, WED, THU, FRI], start: "22:00", duration: PT2H, timeZone: UTC}"""));

        String id = start("app", "1.4.0", false);

        Deployment done = finished(id);
        assertThat(done.status()).as("%s", done.reason()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(done.events()).anySatisfy(line -> assertThat(line)
                .contains("gate: outside the maintenance windows; waiting for evenings at 2026-11-23T22:00:00Z"));
        assertThat(done.timings().get("execute")).isAfterOrEqualTo(Instant.parse("2026-11-23T22:00:00Z"));
        assertThat(visited(id)).containsSubsequence("Gate", "WaitForWindow", "Gate", "Prerequisites");
    }

    @Test
    void refusesToDeployNow_outsideTheWindowWhenTheConfigurationDoesNotAllowIt() {
        configure(configuration(0, "PT1H", """
                maintenanceWindows:
                  - {name: evenings, days: [MON, TUE, WED, THU, FRI], start: "22:00", duration: PT2H, timeZone: UTC}"""));

        Deployment done = finished(start("app", "1.4.0", true));

        assertThat(done.status()).as("%s", done.reason()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(done.reason()).startsWith("REFUSED_BY_POLICY: --now was requested outside the maintenance windows");
        assertThat(runningTemplate("app")).contains("version 1.3.0");
    }

    @Test
    void waitsForAPerson_thenDeploysTheRiskyChange_whenApproved() throws InterruptedException {
        String id = start("app", "1.5.0", false);

        Deployment waiting = awaitStatus(id, DeploymentStatus.AWAITING_APPROVAL);
        assertThat(waiting.preview()).containsEntry("risky", true);
        assertThat(String.valueOf(waiting.preview().get("text"))).contains("Orders (AWS::DynamoDB::Table) is replaced");
        awaitPublished("DeploymentApprovalRequested");
        ControlOutcome answer = approvals.decide(id, true, "ana@example.com", "CAB-1234");

        Deployment done = finished(id);
        assertThat(answer).isInstanceOf(ControlOutcome.Done.class);
        assertThat(done.status()).as("%s", done.reason()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(done.approval().by()).isEqualTo("ana@example.com");
        assertThat(done.approvalToken()).isNull();
        assertThat(runningTemplate("app")).contains("version 1.5.0");
    }

    @Test
    void leavesTheStackAlone_whenAPersonRejectsTheRiskyChange() throws InterruptedException {
        String id = start("app", "1.5.0", false);
        awaitStatus(id, DeploymentStatus.AWAITING_APPROVAL);

        approvals.decide(id, false, "ana@example.com", "replaces the orders table");

        Deployment done = finished(id);
        assertThat(done.status()).as("%s", done.reason()).isEqualTo(DeploymentStatus.REJECTED);
        assertThat(done.reason()).isEqualTo("rejected by ana@example.com: replaces the orders table");
        assertThat(job(id).status()).isEqualTo(JobStatus.FAILED);
        assertThat(job(id).error()).isEqualTo("REJECTED: rejected by ana@example.com: replaces the orders table");
        assertThat(runningTemplate("app")).contains("version 1.3.0");
        CloudFormationClient cloudFormation = WireClients.against(CloudFormationClient.builder(), sandbox.endpoint().toString());
        assertThatThrownBy(() -> cloudFormation.describeChangeSet(request -> request
                        .stackName("app").changeSetName("caretaker-" + id)))
                .as("the rejected change set is deleted").isInstanceOf(CloudFormationException.class);
        assertThat(published()).endsWith("DeploymentRejected");
    }

    @Test
    void rejects_whenNobodyApprovesWithinTheTimeout() throws InterruptedException {
        String id = start("app", "1.5.0", false);
        awaitStatus(id, DeploymentStatus.AWAITING_APPROVAL);

        clock.advance(Duration.ofMinutes(61));

        Deployment done = finished(id);
        assertThat(done.status()).as("%s", done.reason()).isEqualTo(DeploymentStatus.REJECTED);
        assertThat(done.reason()).startsWith("nobody approved within the approval timeout");
        assertThat(runningTemplate("app")).contains("version 1.3.0");
    }

    @Test
    void endsRolledBack_whenCloudFormationUndoesAFailedCreate() {
        Deployment done = finished(start("reports", "1.0.0", false));

        assertThat(done.status()).as("%s", done.reason()).isEqualTo(DeploymentStatus.ROLLED_BACK);
        assertThat(done.reason()).startsWith("CloudFormation rolled the change back: ReportsIndex CREATE_FAILED: Resource handler"
                + " returned message: \"Table reports-index already exists\"")
                .endsWith("the stack was never created and is left in ROLLBACK_COMPLETE: delete it before deploying again");
        assertThat(done.progress()).containsEntry("stackStatus", "ROLLBACK_COMPLETE");
        assertThat(published()).containsExactly("DeploymentRolledBack");
    }

    @Test
    void returnsToTheLastKnownGoodRelease_whenAnAlarmFiresDuringMonitoring() throws InterruptedException {
        String good = start("app", "1.4.0", false);
        assertThat(finished(good).status()).isEqualTo(DeploymentStatus.SUCCEEDED);

        String id = start("app", "1.6.0", false);
        Deployment done = finished(id);

        assertThat(done.status()).as("%s", done.reason()).isEqualTo(DeploymentStatus.ROLLED_BACK);
        assertThat(done.reason()).startsWith("alarm after app 1.6.0 reached the stack: in ALARM")
                .contains("app-5xx")
                .endsWith("returned to the last known-good release 1.4.0 (deployment " + good + ")");
        assertThat(done.recovery()).containsEntry("deploymentId", good).containsEntry("version", "1.4.0");
        assertThat(done.release()).as("the record keeps the release that failed").containsEntry("version", "1.6.0");
        assertThat(runningTemplate("app")).contains("version 1.4.0");
        assertThat(visited(id)).containsSubsequence("CheckHealth", "ReturnToKnownGood", "RecoveryDecision", "Verify",
                "Prerequisites", "Preview", "Execute", "Watch", "Finish", "NotDeployed");
        assertThat(visited(id)).as("going back is not itself risky: nobody was asked").doesNotContain("RequestApproval");
        assertThat(deployments.lastSucceeded("app")).hasValueSatisfying(last -> assertThat(last.id()).isEqualTo(good));
        assertThat(published()).containsExactly("DeploymentCompleted", "DeploymentRolledBack");
    }

    @Test
    void failsSayingSo_whenAnAlarmFiresAndThereIsNoKnownGoodRelease() {
        Deployment done = finished(start("app", "1.6.0", false));

        assertThat(done.status()).as("%s", done.reason()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(done.reason()).contains("there is no earlier successful deployment of app to return to, so the stack keeps 1.6.0");
        assertThat(runningTemplate("app")).contains("version 1.6.0");
    }

    @Test
    void continuesTheRollbackSkippingOnlyWhatFailed_whenTheStackEndsInUpdateRollbackFailed() {
        String id = start("ledger", "2.1.0", false);

        Deployment done = finished(id);

        assertThat(done.status()).as("%s", done.reason()).isEqualTo(DeploymentStatus.ROLLED_BACK);
        assertThat(done.reason()).startsWith("CloudFormation rolled the change back: Postings UPDATE_FAILED")
                .contains("the rollback was continued skipping [Postings]: those resources are out of step with the template");
        assertThat(done.events()).anySatisfy(line -> assertThat(line).contains("ContinueUpdateRollback attempt 1, skipping nothing"))
                .anySatisfy(line -> assertThat(line).contains("ContinueUpdateRollback attempt 2, skipping [Postings]"));
        assertThat(done.progress()).containsEntry("stackStatus", "UPDATE_ROLLBACK_COMPLETE");
        assertThat(runningTemplate("ledger")).contains("version 2.0.0");
    }

    @Test
    void refusesATamperedTemplate_beforeAnythingReachesCloudFormation() {
        Deployment done = finished(start("app", "1.6.1", false));

        assertThat(done.status()).as("%s", done.reason()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(done.reason()).startsWith("TEMPLATE_MISMATCH: the template at s3://" + bucket + "/releases/app/1.6.1/template.yaml"
                + " has SHA-256 ");
        assertThat(sandbox.calls()).extracting(call -> call.operation()).doesNotContain("CreateChangeSet");
        assertThat(published()).containsExactly("DeploymentFailed");
    }

    @Test
    void refusesAStackStuckInUpdateRollbackFailed_withTheRecoveryPath() {
        Deployment done = finished(start("legacy", "2.0.0", false));

        assertThat(done.status()).as("%s", done.reason()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(done.reason()).startsWith("PREREQUISITES: 1 of ")
                .contains("stack state: stack is UPDATE_ROLLBACK_FAILED")
                .contains("continue the rollback (ContinueUpdateRollback), skipping only the resources whose rollback failed");
    }

    @Test
    void changesNothing_whenTheSameDeploymentIsStartedTwice() {
        String id = start("app", "1.4.0", false);
        StartOutcome again = launcher.launch(DeploymentStart.requested(id, new DeploymentRequest("app", "1.4.0",
                DemoReleases.manifest(bucket, "app", "1.4.0")), "ops@example.com", false, null)).started();

        Deployment done = finished(id);

        // Step Functions answers a repeated start of a running execution (same name, same input) with the same execution.
        assertThat(again).isIn(new StartOutcome.AlreadyStarted(), new StartOutcome.Started(machine.executionArn(id)));
        assertThat(done.status()).as("%s", done.reason()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(deployments.history("app", 10)).singleElement().satisfies(only -> assertThat(only.id()).isEqualTo(id));
        assertThat(sandbox.calls()).filteredOn(call -> call.operation().equals("ExecuteChangeSet")).hasSize(1);
        assertThat(published()).containsExactly("DeploymentCompleted");
    }

    @Test
    void stopsBeforeAnythingIsApplied_whenCancelledWhileAwaitingApproval() throws InterruptedException {
        String id = start("app", "1.5.0", false);
        awaitStatus(id, DeploymentStatus.AWAITING_APPROVAL);

        ControlOutcome outcome = cancellation.cancel(id, "ops@example.com", "wrong release");

        Deployment done = finished(id);
        assertThat(outcome).isInstanceOf(ControlOutcome.Done.class);
        assertThat(done.status()).as("%s", done.reason()).isEqualTo(DeploymentStatus.CANCELLED);
        assertThat(job(id).status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(runningTemplate("app")).contains("version 1.3.0");
        assertThat(sandbox.calls()).extracting(call -> call.operation()).doesNotContain("ExecuteChangeSet");
    }
}
