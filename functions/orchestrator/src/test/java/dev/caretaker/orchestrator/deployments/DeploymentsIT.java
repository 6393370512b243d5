package dev.caretaker.orchestrator.deployments;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.caretaker.orchestrator.testing.AwsWire.JSON_1_0;
import static dev.caretaker.orchestrator.testing.AwsWire.JSON_1_1;
import static dev.caretaker.orchestrator.testing.AwsWire.operation;
import static dev.caretaker.orchestrator.testing.AwsWire.recorded;
import static dev.caretaker.orchestrator.testing.AwsWire.requestedOperation;
import static dev.caretaker.orchestrator.testing.EventFixtures.CARETAKER_SECRET;
import static dev.caretaker.orchestrator.testing.EventFixtures.SIGNED_AT;
import static dev.caretaker.orchestrator.testing.EventFixtures.headers;
import static dev.caretaker.orchestrator.testing.EventFixtures.load;
import static dev.caretaker.orchestrator.testing.EventFixtures.withCaretakerBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.caretaker.deployments.ApprovalDecision;
import dev.caretaker.deployments.Deployment;
import dev.caretaker.deployments.DeploymentStatus;
import dev.caretaker.deployments.DynamoDbDeploymentStore;
import dev.caretaker.events.ResultEvent;
import dev.caretaker.events.Severity;
import dev.caretaker.job.DynamoDbJobStore;
import dev.caretaker.job.Job;
import dev.caretaker.job.JobIds;
import dev.caretaker.job.JobStatus;
import dev.caretaker.job.JobTrigger;
import dev.caretaker.job.JobType;
import dev.caretaker.json.Json;
import dev.caretaker.orchestrator.api.ApiRouter;
import dev.caretaker.orchestrator.api.HttpApiEvents;
import dev.caretaker.orchestrator.api.JobsEndpoint;
import dev.caretaker.orchestrator.webhook.CachingWebhookSecrets;
import dev.caretaker.orchestrator.webhook.Delivery;
import dev.caretaker.orchestrator.webhook.DynamoDbDeliveryReplayGuard;
import dev.caretaker.orchestrator.webhook.SecretsManagerWebhookSecrets;
import dev.caretaker.orchestrator.webhook.StepFunctionsDeploymentStarter;
import dev.caretaker.orchestrator.webhook.WebhookEndpoint;
import dev.caretaker.testing.EmbeddedDynamoDb;
import dev.caretaker.testing.MutableClock;
import dev.caretaker.testing.RecordingEventPublisher;
import dev.caretaker.testing.StateTables;
import dev.caretaker.testing.WireClients;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The deployment routes and the signed approval webhook end to end through {@link ApiRouter}:
 * HTTP API events from events/, jobs and deployment records in DynamoDB Local, Step Functions
 * (StartExecution, SendTaskSuccess, SendTaskFailure, StopExecution) served from recorded responses.
 */
class DeploymentsIT {

    private static final String STATE_MACHINE = "arn:aws:states:eu-west-1:123456789012:stateMachine:caretaker-deployment";
    private static final String START = "AWSStepFunctions.StartExecution";
    private static final String SUCCESS = "AWSStepFunctions.SendTaskSuccess";
    private static final String FAILURE = "AWSStepFunctions.SendTaskFailure";
    private static final String STOP = "AWSStepFunctions.StopExecution";
    private static final String GET_SECRET = "secretsmanager.GetSecretValue";
    /** The deployment events/deployments-post.json starts: DEPLOY for request id ops-2026-11-21-app-1.4.0. */
    private static final String DEPLOYMENT = "deploy-7e96e847e3ce41e7982a8f3a";
    private static final String REQUEST_ID = "ops-2026-11-21-app-1.4.0";
    private static final String CALLER = "arn:aws:sts::123456789012:assumed-role/CaretakerOperator/ana";
    private static final String MANIFEST = "s3://example-vendor-releases/releases/app/1.4.0/manifest.json";
    private static final String TOKEN = "AQCEAAAAKgAAAAMAAAAAAAAAAeMVrK0-secret-task-token";
    private static final String APPROVAL_DELIVERY = "5d1c9b7e-8a3f-4e2d-b6c1-0f9e8d7c6b5a";

    private static EmbeddedDynamoDb dynamo;
    @RegisterExtension
    static final WireMockExtension WIRE = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();
    // Per test: the extension's server may move to another port between the nested classes.
    private SfnClient sfn;
    private SecretsManagerClient secretsManager;

    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(SIGNED_AT));
    private final RecordingEventPublisher events = new RecordingEventPublisher();
    private DynamoDbJobStore jobs;
    private DynamoDbDeploymentStore deployments;
    private DynamoDbDeliveryReplayGuard replayGuard;
    private ApiRouter router;

    private record Answer(int status, Map<String, String> headers, JsonNode body, String text) {
        String message() {
            return body.path("message").asText();
        }
    }

    @BeforeAll
    static void startEngine() {
        dynamo = EmbeddedDynamoDb.start();
    }

    @AfterAll
    static void stopEngine() {
        dynamo.close();
    }

    @AfterEach
    void disconnect() {
        secretsManager.close();
        sfn.close();
    }

    @BeforeEach
    void freshState() {
        sfn = WireClients.against(SfnClient.builder(), WIRE.baseUrl());
        secretsManager = WireClients.against(SecretsManagerClient.builder(), WIRE.baseUrl());
        String table = "state-" + UUID.randomUUID();
        StateTables.createStateTable(dynamo.client(), table);
        jobs = new DynamoDbJobStore(dynamo.client(), table);
        deployments = new DynamoDbDeploymentStore(dynamo.client(), table);
        replayGuard = new DynamoDbDeliveryReplayGuard(dynamo.client(), table);
        WIRE.stubFor(operation(START).willReturn(recorded(200, JSON_1_0, "sfn/StartExecution.json")));
        WIRE.stubFor(operation(SUCCESS).willReturn(recorded(200, JSON_1_0, "sfn/SendTaskSuccess.json")));
        WIRE.stubFor(operation(FAILURE).willReturn(recorded(200, JSON_1_0, "sfn/SendTaskFailure.json")));
        WIRE.stubFor(operation(STOP).willReturn(recorded(200, JSON_1_0, "sfn/StopExecution.json")));
        WIRE.stubFor(operation(GET_SECRET).willReturn(recorded(200, JSON_1_1, "secretsmanager/GetSecretValue-local.json")));
        DeploymentLauncher launcher = new DeploymentLauncher(deployments, new StepFunctionsDeploymentStarter(sfn, STATE_MACHINE),
                "prod", clock);
        StepFunctionsWorkflowControl workflow = new StepFunctionsWorkflowControl(sfn, STATE_MACHINE);
        DeploymentApprovals approvals = new DeploymentApprovals(deployments, workflow, clock);
        WebhookEndpoint webhooks = new WebhookEndpoint(
                new CachingWebhookSecrets(new SecretsManagerWebhookSecrets(secretsManager, "caretaker/webhooks"),
                        CachingWebhookSecrets.DEFAULT_TTL, clock),
                replayGuard, jobs, launcher, approvals, Optional.empty(), clock);
        router = new ApiRouter(webhooks, new JobsEndpoint(jobs), new DeploymentsEndpoint(jobs, deployments, launcher, approvals,
                new DeploymentCancellation(deployments, jobs, workflow, events, clock), clock));
    }

    private Answer call(ObjectNode event) {
        JsonNode response = HttpApiEvents.toResponseJson(router.handle(HttpApiEvents.toRequest(event)));
        Map<String, String> headers = Json.mapper().convertValue(response.path("headers"), new TypeReference<>() { });
        String text = response.path("body").asText();
        return new Answer(response.path("statusCode").asInt(), headers, Json.read(text, JsonNode.class), text);
    }

    private static ObjectNode withBody(String fixture, String body) {
        ObjectNode event = load(fixture);
        event.put("body", body);
        return event;
    }

    private static ObjectNode start(String body) {
        return withBody("deployments-post.json", body);
    }

    private static ObjectNode approval(String body) {
        return withBody("deployments-approval.json", body);
    }

    private static ObjectNode cancel(String body) {
        return withBody("deployments-cancel.json", body);
    }

    private static ObjectNode anonymous(ObjectNode event) {
        ((ObjectNode) event.path("requestContext")).remove("authorizer");
        return event;
    }

    private int calls(String target) {
        return WIRE.findAll(requestedOperation(target)).size();
    }

    /** Starts the fixture's deployment and moves it as the workflow would, to AWAITING_APPROVAL with a task token. */
    private void awaitingApproval() {
        assertThat(call(load("deployments-post.json")).status()).isEqualTo(202);
        Instant now = clock.instant();
        jobs.claim(DEPLOYMENT, now, now.plus(Duration.ofDays(8)));
        deployments.update(DEPLOYMENT, d -> d.step(DeploymentStatus.PREVIEWING, "preview", "2 changes, 1 risky", now)
                .withPreview(Map.of("risky", true, "counts", Map.of("modify", 2)), now)
                .step(DeploymentStatus.AWAITING_APPROVAL, "approval", "waiting for a person", now)
                .withApprovalToken(TOKEN, now));
        clock.advance(Duration.ofMinutes(10));
    }

    private void movedTo(DeploymentStatus status) {
        Instant now = clock.instant();
        deployments.update(DEPLOYMENT, d -> d.withApprovalToken(null, now).step(status, status.name().toLowerCase(), "moved on", now));
    }

    @Nested
    class Start {

        @Test
        void createsJobRecordAndExecution_whenAnOperatorStartsARelease() {
            Answer answer = call(load("deployments-post.json"));

            assertThat(answer.status()).isEqualTo(202);
            assertThat(answer.body()).isEqualTo(Json.mapper().valueToTree(Map.of("deploymentId", DEPLOYMENT, "jobId", DEPLOYMENT,
                    "status", "VERIFYING", "duplicate", false, "requestId", REQUEST_ID)));
            Job job = jobs.find(DEPLOYMENT).orElseThrow();
            assertThat(job.type()).isEqualTo(JobType.DEPLOY);
            assertThat(job.target()).isEqualTo("app");
            assertThat(job.triggerKey()).isEqualTo("manual:" + REQUEST_ID);
            Deployment record = deployments.find(DEPLOYMENT).orElseThrow();
            assertThat(record.status()).isEqualTo(DeploymentStatus.VERIFYING);
            assertThat(record.version()).isEqualTo("1.4.0");
            assertThat(record.manifest()).isEqualTo(MANIFEST);
            assertThat(record.environment()).isEqualTo("prod");
            assertThat(record.origin()).isEqualTo(Map.of("requestedBy", CALLER));
            WIRE.verify(1, requestedOperation(START)
                    .withRequestBody(matchingJsonPath("$.name", equalTo(DEPLOYMENT)))
                    .withRequestBody(matchingJsonPath("$.stateMachineArn", equalTo(STATE_MACHINE)))
                    .withRequestBody(matchingJsonPath("$.input", equalToJson("{\"deploymentId\":\"" + DEPLOYMENT
                            + "\",\"jobId\":\"" + DEPLOYMENT + "\",\"stack\":\"app\",\"version\":\"1.4.0\",\"manifest\":\""
                            + MANIFEST + "\",\"requestedBy\":\"" + CALLER + "\",\"now\":false}"))));
        }

        @Test
        void findsTheSameDeployment_whenTheRequestIsRetriedWithItsRequestId() {
            call(load("deployments-post.json"));
            clock.advance(Duration.ofSeconds(30));

            Answer again = call(load("deployments-post.json"));

            assertThat(again.status()).isEqualTo(202);
            assertThat(again.body().path("deploymentId").asText()).isEqualTo(DEPLOYMENT);
            assertThat(again.body().path("duplicate").asBoolean()).isTrue();
            assertThat(deployments.history("app", 10)).extracting(Deployment::id).containsExactly(DEPLOYMENT);
            assertThat(deployments.find(DEPLOYMENT).orElseThrow().createdAt()).isEqualTo(Instant.ofEpochSecond(SIGNED_AT));
        }

        @Test
        void startsNothingAgain_whenTheWorkflowAlreadyClaimedTheJob() {
            call(load("deployments-post.json"));
            jobs.claim(DEPLOYMENT, clock.instant(), clock.instant().plus(Duration.ofDays(1)));

            Answer again = call(load("deployments-post.json"));

            assertThat(again.body().path("duplicate").asBoolean()).isTrue();
            assertThat(calls(START)).isEqualTo(1);
        }

        @Test
        void refuses409_whenARequestIdIsReusedForAnotherRelease() {
            call(load("deployments-post.json"));

            Answer other = call(start("{\"stack\":\"app\",\"version\":\"1.5.0\",\"manifest\":\"" + MANIFEST + "\","
                    + "\"requestId\":\"" + REQUEST_ID + "\"}"));

            assertThat(other.status()).isEqualTo(409);
            assertThat(other.message()).contains("request id " + REQUEST_ID + " was already used for app@1.4.0");
            assertThat(calls(START)).isEqualTo(1);
        }

        @Test
        void generatesARequestIdAndReturnsIt_whenNoneIsGiven() {
            Answer answer = call(anonymous(start("{\"stack\":\"app\",\"version\":\"1.4.0\",\"manifest\":\"" + MANIFEST
                    + "\",\"now\":true}")));

            String requestId = answer.body().path("requestId").asText();
            assertThat(answer.status()).isEqualTo(202);
            assertThat(UUID.fromString(requestId)).isNotNull();
            String id = JobIds.of(JobType.DEPLOY, new JobTrigger.Manual(requestId));
            assertThat(answer.body().path("deploymentId").asText()).isEqualTo(id);
            assertThat(deployments.find(id).orElseThrow().origin()).isEqualTo(Map.of("requestedBy", "local"));
            WIRE.verify(1, requestedOperation(START).withRequestBody(matchingJsonPath("$.input", equalToJson(
                    "{\"deploymentId\":\"" + id + "\",\"jobId\":\"" + id + "\",\"stack\":\"app\",\"version\":\"1.4.0\","
                            + "\"manifest\":\"" + MANIFEST + "\",\"requestedBy\":\"local\",\"now\":true}"))));
        }

        @Test
        void recordsWhereAPromotedReleaseComesFrom_whenPromotedFromIsGiven() {
            Answer answer = call(start("{\"stack\":\"app\",\"version\":\"1.4.0\",\"manifest\":\"" + MANIFEST + "\","
                    + "\"promotedFrom\":{\"environment\":\"staging\",\"deploymentId\":\"deploy-00000000000000000000abcd\"},"
                    + "\"requestId\":\"promote-1\"}"));

            String id = answer.body().path("deploymentId").asText();
            assertThat(deployments.find(id).orElseThrow().origin()).isEqualTo(Map.of("requestedBy", CALLER,
                    "promotedFrom", Map.of("environment", "staging", "deploymentId", "deploy-00000000000000000000abcd")));
            WIRE.verify(1, requestedOperation(START).withRequestBody(matchingJsonPath("$.input",
                    equalToJson("{\"promotedFrom\":{\"environment\":\"staging\",\"deploymentId\":\"deploy-00000000000000000000abcd\"}}",
                            true, true))));
        }

        @Test
        void namesTheFieldAndStartsNothing_whenTheBodyIsInvalid() {
            Map<String, String> cases = Map.of(
                    "{\"stack\":\"app\",\"version\":\"latest\",\"manifest\":\"" + MANIFEST + "\"}",
                    "invalid field version: 'latest' is not a version like 1.4.0 or 2.0.0-rc.1",
                    "{\"stack\":\"app\",\"version\":\"1.4.0\",\"manifest\":\"ftp://host/m.json\"}",
                    "invalid field manifest: 'ftp://host/m.json' must be an s3:// or https:// URI",
                    "{\"stack\":\"app\",\"version\":\"1.4.0\"}", "missing field manifest",
                    "{\"stack\":\"app\",\"version\":\"1.4.0\",\"manifest\":\"" + MANIFEST + "\",\"now\":\"yes\"}",
                    "invalid field now: must be true or false",
                    "{\"stack\":\"app\",\"version\":\"1.4.0\",\"manifest\":\"" + MANIFEST + "\",\"promotedFrom\":{\"environment\":\"Staging!\","
                            + "\"deploymentId\":\"deploy-00000000000000000000abcd\"}}",
                    "invalid field promotedFrom.environment: 'Staging!' is not an environment name (1-64 lower-case letters, digits, '_' or '-')",
                    "{\"stack\":\"app\",\"version\":\"1.4.0\",\"manifest\":\"" + MANIFEST + "\",\"requestId\":\"has spaces\"}",
                    "invalid field requestId: 1-128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit",
                    "{\"stack\":\"app\",\"verison\":\"1.4.0\"}",
                    "unknown field 'verison'; expected only manifest, now, promotedFrom, requestId, stack, version",
                    "[1,2]", "body must be a JSON object");

            cases.forEach((body, message) -> {
                Answer answer = call(start(body));
                assertThat(answer.status()).as(body).isEqualTo(400);
                assertThat(answer.message()).as(body).isEqualTo(message);
            });
            assertThat(calls(START)).isZero();
            assertThat(deployments.history("app", 10)).isEmpty();
        }

        @Test
        void answers503KeepingTheRecord_whenTheStartIsThrottled_thenTheRetryStartsIt() {
            WIRE.stubFor(operation(START).inScenario("throttled").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(recorded(400, JSON_1_0, "sfn/ThrottlingException.json")).willSetStateTo("recovered"));
            WIRE.stubFor(operation(START).inScenario("throttled").whenScenarioStateIs("recovered")
                    .willReturn(recorded(200, JSON_1_0, "sfn/StartExecution.json")));

            Answer throttled = call(load("deployments-post.json"));

            assertThat(throttled.status()).isEqualTo(503);
            assertThat(throttled.headers()).containsEntry("retry-after", "5");
            assertThat(throttled.message()).contains("retry with requestId " + REQUEST_ID);
            assertThat(deployments.find(DEPLOYMENT)).isPresent();

            Answer retried = call(load("deployments-post.json"));

            assertThat(retried.status()).isEqualTo(202);
            assertThat(retried.body().path("duplicate").asBoolean()).isTrue();
            assertThat(calls(START)).isEqualTo(2);
        }
    }

    @Nested
    class Read {

        @Test
        void returnsTheRecordWithoutItsTaskToken_whenAskedForOne() {
            awaitingApproval();

            Answer answer = call(load("deployments-get.json"));

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.text()).doesNotContain(TOKEN).doesNotContain("approvalToken");
            JsonNode view = answer.body();
            assertThat(view.path("id").asText()).isEqualTo(DEPLOYMENT);
            assertThat(view.path("status").asText()).isEqualTo("AWAITING_APPROVAL");
            assertThat(view.path("jobStatus").asText()).isEqualTo("RUNNING");
            assertThat(view.path("stack").asText()).isEqualTo("app");
            assertThat(view.path("preview").path("risky").asBoolean()).isTrue();
            assertThat(view.path("origin").path("requestedBy").asText()).isEqualTo(CALLER);
            assertThat(view.path("events")).hasSize(2);
            assertThat(view.path("events").get(1).asText()).endsWith("approval: waiting for a person");
            assertThat(view.path("createdAt").asText()).isEqualTo("2026-11-21T03:00:00Z");
            assertThat(view.has("revision")).isTrue();
        }

        @Test
        void answers404Or400_whenTheIdIsUnknownOrMalformed() {
            Answer unknown = call(load("deployments-get.json"));
            ObjectNode malformed = load("deployments-get.json");
            ((ObjectNode) malformed.path("pathParameters")).put("id", "drift-0123456789abcdef01234567");

            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.message()).isEqualTo("no deployment " + DEPLOYMENT);
            assertThat(call(malformed).status()).isEqualTo(400);
            assertThat(call(malformed).message()).startsWith("invalid deployment id 'drift-0123456789abcdef01234567'");
        }

        @Test
        void listsAStacksDeploymentsNewestFirst_withinTheLimit() {
            for (int i = 0; i < 3; i++) {
                call(start("{\"stack\":\"app\",\"version\":\"1.4." + i + "\",\"manifest\":\"" + MANIFEST + "\",\"requestId\":\"r-" + i + "\"}"));
                clock.advance(Duration.ofMinutes(1));
            }
            call(start("{\"stack\":\"billing\",\"version\":\"2.0.0\",\"manifest\":\"" + MANIFEST + "\",\"requestId\":\"r-b\"}"));
            ObjectNode two = load("deployments-list.json");
            ((ObjectNode) two.path("queryStringParameters")).put("limit", "2");

            Answer all = call(load("deployments-list.json"));
            Answer limited = call(two);

            assertThat(all.status()).isEqualTo(200);
            assertThat(all.body().path("deployments")).hasSize(3);
            assertThat(all.body().path("deployments").findValuesAsText("version")).containsExactly("1.4.2", "1.4.1", "1.4.0");
            assertThat(limited.body().path("deployments").findValuesAsText("version")).containsExactly("1.4.2", "1.4.1");
            JsonNode newest = all.body().path("deployments").get(0);
            assertThat(newest.path("status").asText()).isEqualTo("VERIFYING");
            assertThat(newest.path("manifest").asText()).isEqualTo(MANIFEST);
            assertThat(newest.path("endedAt").isNull()).isTrue();
            assertThat(newest.has("approvalToken")).isFalse();
        }

        @Test
        void saysWhatIsMissingOrWrong_whenListingWithoutAStackOrWithABadLimit() {
            ObjectNode noStack = load("deployments-list.json");
            ((ObjectNode) noStack.path("queryStringParameters")).remove("stack");
            ObjectNode badLimit = load("deployments-list.json");
            ((ObjectNode) badLimit.path("queryStringParameters")).put("limit", "500");

            assertThat(call(noStack).message()).isEqualTo("missing query parameter stack: deployments are listed per stack");
            assertThat(call(badLimit).message()).isEqualTo("invalid query parameter limit '500': expected an integer from 1 to 100");
        }
    }

    @Nested
    class Approval {

        @Test
        void recordsTheDecisionAndSendsTaskSuccess_whenApproved() {
            awaitingApproval();

            Answer answer = call(load("deployments-approval.json"));

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo(Json.mapper().valueToTree(Map.of("deploymentId", DEPLOYMENT,
                    "decision", "approve", "by", CALLER, "status", "AWAITING_APPROVAL")));
            assertThat(answer.text()).doesNotContain(TOKEN);
            ApprovalDecision recorded = deployments.find(DEPLOYMENT).orElseThrow().approval();
            assertThat(recorded).isEqualTo(new ApprovalDecision(true, CALLER, "replacement of the cache table is expected",
                    clock.instant()));
            WIRE.verify(1, requestedOperation(SUCCESS)
                    .withRequestBody(matchingJsonPath("$.taskToken", equalTo(TOKEN)))
                    .withRequestBody(matchingJsonPath("$.output", equalToJson("{\"approved\":true,\"by\":\"" + CALLER
                            + "\",\"reason\":\"replacement of the cache table is expected\"}"))));
        }

        @Test
        void sendsTaskFailureCaretakerRejected_whenRejectedWithAReason() {
            awaitingApproval();

            Answer answer = call(approval("{\"decision\":\"reject\",\"reason\":\"the orders table would be replaced\"}"));

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body().path("decision").asText()).isEqualTo("reject");
            assertThat(deployments.find(DEPLOYMENT).orElseThrow().approval().approved()).isFalse();
            WIRE.verify(1, requestedOperation(FAILURE)
                    .withRequestBody(matchingJsonPath("$.taskToken", equalTo(TOKEN)))
                    .withRequestBody(matchingJsonPath("$.error", equalTo("Caretaker.Rejected")))
                    .withRequestBody(matchingJsonPath("$.cause", equalTo("rejected by " + CALLER
                            + ": the orders table would be replaced"))));
            assertThat(calls(SUCCESS)).isZero();
        }

        @Test
        void answers400_whenARejectionHasNoReasonOrTheDecisionIsUnknown() {
            awaitingApproval();

            Answer noReason = call(approval("{\"decision\":\"reject\"}"));
            Answer unknown = call(approval("{\"decision\":\"maybe\"}"));

            assertThat(noReason.status()).isEqualTo(400);
            assertThat(noReason.message()).isEqualTo("missing field reason: a rejection needs a reason");
            assertThat(unknown.message()).isEqualTo("invalid field decision: expected \"approve\" or \"reject\"");
            assertThat(deployments.find(DEPLOYMENT).orElseThrow().approval()).isNull();
        }

        @Test
        void answers200AndResendsOnce_whenTheSameDecisionIsRepeatedAndTheTokenWasAnsweredAlready() {
            awaitingApproval();
            call(load("deployments-approval.json"));
            WIRE.stubFor(operation(SUCCESS).willReturn(recorded(400, JSON_1_0, "sfn/TaskTimedOut.json")));
            clock.advance(Duration.ofSeconds(5));

            Answer repeated = call(load("deployments-approval.json"));

            assertThat(repeated.status()).isEqualTo(200);
            assertThat(repeated.body().path("decision").asText()).isEqualTo("approve");
            assertThat(calls(SUCCESS)).isEqualTo(2);
            assertThat(deployments.find(DEPLOYMENT).orElseThrow().approval().at()).isEqualTo(clock.instant().minusSeconds(5));
        }

        @Test
        void answers200WithoutResending_whenTheWorkflowMovedOnAfterTheDecision() {
            awaitingApproval();
            call(load("deployments-approval.json"));
            movedTo(DeploymentStatus.EXECUTING);

            Answer repeated = call(load("deployments-approval.json"));

            assertThat(repeated.status()).isEqualTo(200);
            assertThat(repeated.body().path("status").asText()).isEqualTo("EXECUTING");
            assertThat(calls(SUCCESS)).isEqualTo(1);
        }

        @Test
        void treatsAnInvalidTokenAsDone_whenTheRecordHoldsTheDecision() {
            awaitingApproval();
            WIRE.stubFor(operation(SUCCESS).willReturn(recorded(400, JSON_1_0, "sfn/InvalidToken.json")));

            Answer answer = call(load("deployments-approval.json"));

            assertThat(answer.status()).isEqualTo(200);
            assertThat(deployments.find(DEPLOYMENT).orElseThrow().approval().approved()).isTrue();
        }

        @Test
        void refuses409_whenADifferentDecisionWasRecordedFirst() {
            awaitingApproval();
            call(load("deployments-approval.json"));

            Answer reject = call(approval("{\"decision\":\"reject\",\"reason\":\"changed my mind\"}"));

            assertThat(reject.status()).isEqualTo(409);
            assertThat(reject.message()).startsWith("deployment " + DEPLOYMENT + " was already approved by " + CALLER
                    + "; a decision cannot be changed");
            assertThat(calls(FAILURE)).isZero();
        }

        @Test
        void refuses409NamingTheState_whenNotAwaitingApprovalOrAlreadyEnded() {
            call(load("deployments-post.json"));
            Answer verifying = call(load("deployments-approval.json"));
            deployments.update(DEPLOYMENT, d -> d.finish(DeploymentStatus.FAILED, "template hash differs from the manifest",
                    clock.instant()));

            Answer ended = call(load("deployments-approval.json"));

            assertThat(verifying.status()).isEqualTo(409);
            assertThat(verifying.message()).isEqualTo("deployment " + DEPLOYMENT + " is not awaiting approval; it is VERIFYING");
            assertThat(ended.status()).isEqualTo(409);
            assertThat(ended.message()).isEqualTo("deployment " + DEPLOYMENT
                    + " already ended: FAILED (template hash differs from the manifest)");
            assertThat(calls(SUCCESS)).isZero();
        }

        @Test
        void answers404_whenThereIsNoSuchDeployment() {
            Answer answer = call(load("deployments-approval.json"));

            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.message()).isEqualTo("no deployment " + DEPLOYMENT);
        }

        @Test
        void answers503KeepingTheDecision_whenStepFunctionsThrottles_thenTheSameDecisionCompletes() {
            awaitingApproval();
            WIRE.stubFor(operation(SUCCESS).inScenario("throttled").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(recorded(400, JSON_1_0, "sfn/ThrottlingException.json")).willSetStateTo("recovered"));
            WIRE.stubFor(operation(SUCCESS).inScenario("throttled").whenScenarioStateIs("recovered")
                    .willReturn(recorded(200, JSON_1_0, "sfn/SendTaskSuccess.json")));

            Answer throttled = call(load("deployments-approval.json"));
            Answer retried = call(load("deployments-approval.json"));

            assertThat(throttled.status()).isEqualTo(503);
            assertThat(throttled.message()).contains("is recorded").contains("send the same decision again");
            assertThat(retried.status()).isEqualTo(200);
            assertThat(calls(SUCCESS)).isEqualTo(2);
        }

        @Test
        void recordsTheBodysBy_whenNoIamCallerIsKnown() {
            awaitingApproval();

            Answer answer = call(anonymous(approval("{\"decision\":\"approve\",\"by\":\"ana@example.com\"}")));

            assertThat(answer.body().path("by").asText()).isEqualTo("ana@example.com");
        }
    }

    @Nested
    class Cancel {

        @Test
        void stopsTheWorkflowCancelsTheJobAndTellsTheBus_whenNothingWasAppliedYet() {
            awaitingApproval();

            Answer answer = call(load("deployments-cancel.json"));

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo(Json.mapper().valueToTree(Map.of("deploymentId", DEPLOYMENT, "status", "CANCELLED")));
            Deployment record = deployments.find(DEPLOYMENT).orElseThrow();
            String reason = "cancelled by " + CALLER + ": wrong release picked";
            assertThat(record.status()).isEqualTo(DeploymentStatus.CANCELLED);
            assertThat(record.reason()).isEqualTo(reason);
            assertThat(record.approvalToken()).isNull();
            WIRE.verify(1, requestedOperation(STOP)
                    .withRequestBody(matchingJsonPath("$.executionArn",
                            equalTo("arn:aws:states:eu-west-1:123456789012:execution:caretaker-deployment:" + DEPLOYMENT)))
                    .withRequestBody(matchingJsonPath("$.error", equalTo("Caretaker.Cancelled")))
                    .withRequestBody(matchingJsonPath("$.cause", equalTo(reason))));
            assertThat(jobs.find(DEPLOYMENT).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
            List<ResultEvent> published = events.published();
            assertThat(published).hasSize(1);
            ResultEvent event = published.get(0);
            assertThat(event.source()).isEqualTo("caretaker.deployment");
            assertThat(event.detailType()).isEqualTo("DeploymentCancelled");
            assertThat(event.severity()).isEqualTo(Severity.WARNING);
            assertThat(event.jobId()).isEqualTo(DEPLOYMENT);
            assertThat(event.target()).isEqualTo("app");
            assertThat(event.data()).containsEntry("reason", reason).containsEntry("version", "1.4.0");
        }

        @Test
        void changesNothingMore_whenTheCancelIsRepeated() {
            awaitingApproval();
            call(load("deployments-cancel.json"));
            Deployment first = deployments.find(DEPLOYMENT).orElseThrow();

            Answer again = call(load("deployments-cancel.json"));

            assertThat(again.status()).isEqualTo(200);
            assertThat(deployments.find(DEPLOYMENT).orElseThrow()).isEqualTo(first);
            assertThat(events.published()).hasSize(1);
        }

        @Test
        void refuses409_whenCloudFormationIsApplyingTheChange() {
            awaitingApproval();
            movedTo(DeploymentStatus.EXECUTING);

            Answer answer = call(load("deployments-cancel.json"));

            assertThat(answer.status()).isEqualTo(409);
            assertThat(answer.message()).startsWith("deployment " + DEPLOYMENT + " is EXECUTING: CloudFormation is applying"
                    + " the change and Caretaker cannot stop it safely");
            assertThat(calls(STOP)).isZero();
            assertThat(jobs.find(DEPLOYMENT).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
        }

        @Test
        void refuses409_whenTheAppliedChangeIsBeingWatched() {
            awaitingApproval();
            movedTo(DeploymentStatus.VERIFYING_HEALTH);

            Answer answer = call(load("deployments-cancel.json"));

            assertThat(answer.status()).isEqualTo(409);
            assertThat(answer.message()).startsWith("deployment " + DEPLOYMENT + " is VERIFYING_HEALTH: the change is applied"
                    + " and its alarms are being watched").endsWith("caretaker deploy status " + DEPLOYMENT + " --follow");
            assertThat(deployments.find(DEPLOYMENT).orElseThrow().status()).isEqualTo(DeploymentStatus.VERIFYING_HEALTH);
        }

        @Test
        void refuses409SayingHowItEnded_whenTheDeploymentIsOver() {
            call(load("deployments-post.json"));
            deployments.update(DEPLOYMENT, d -> d.finish(DeploymentStatus.SUCCEEDED, "deployed", clock.instant()));

            Answer answer = call(load("deployments-cancel.json"));

            assertThat(answer.status()).isEqualTo(409);
            assertThat(answer.message()).isEqualTo("deployment " + DEPLOYMENT + " already ended: SUCCEEDED (deployed)");
        }

        @Test
        void answers503AndFinishesOnTheRetry_whenStopExecutionIsThrottled() {
            awaitingApproval();
            WIRE.stubFor(operation(STOP).inScenario("throttled").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(recorded(400, JSON_1_0, "sfn/ThrottlingException.json")).willSetStateTo("recovered"));
            WIRE.stubFor(operation(STOP).inScenario("throttled").whenScenarioStateIs("recovered")
                    .willReturn(recorded(200, JSON_1_0, "sfn/StopExecution.json")));

            Answer throttled = call(load("deployments-cancel.json"));

            assertThat(throttled.status()).isEqualTo(503);
            assertThat(deployments.find(DEPLOYMENT).orElseThrow().status()).isEqualTo(DeploymentStatus.CANCELLED);
            assertThat(jobs.find(DEPLOYMENT).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
            assertThat(events.published()).isEmpty();

            Answer retried = call(load("deployments-cancel.json"));

            assertThat(retried.status()).isEqualTo(200);
            assertThat(jobs.find(DEPLOYMENT).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
            assertThat(events.published()).hasSize(1);
        }

        @Test
        void publishesOnTheRetry_whenTheBusFailedTheFirstTime() {
            awaitingApproval();
            events.failNextWith(new IllegalStateException("event bus rejected DeploymentCancelled"));

            Answer failed = call(load("deployments-cancel.json"));
            Answer retried = call(load("deployments-cancel.json"));

            assertThat(failed.status()).isEqualTo(500);
            assertThat(retried.status()).isEqualTo(200);
            assertThat(events.published()).hasSize(1);
            assertThat(jobs.find(DEPLOYMENT).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
        }

        @Test
        void cancelsTheJob_whenTheWorkflowNeverStarted() {
            WIRE.stubFor(operation(STOP).willReturn(recorded(400, JSON_1_0, "sfn/ExecutionDoesNotExist.json")));
            WIRE.stubFor(operation(START).willReturn(recorded(400, JSON_1_0, "sfn/StateMachineDoesNotExist.json")));
            call(load("deployments-post.json"));

            Answer answer = call(cancel(""));

            assertThat(answer.status()).isEqualTo(200);
            assertThat(deployments.find(DEPLOYMENT).orElseThrow().reason()).isEqualTo("cancelled by " + CALLER);
            assertThat(jobs.find(DEPLOYMENT).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
        }
    }

    @Nested
    class SignedApproval {

        private ObjectNode signed(String deliveryId, String body) {
            ObjectNode event = withCaretakerBody(load("webhook-approval.json"), body, SIGNED_AT, CARETAKER_SECRET);
            headers(event).put("x-caretaker-delivery", deliveryId);
            return event;
        }

        @Test
        void recordsWhoDecidedAndThroughWhichSource_whenASignedApprovalArrives() {
            awaitingApproval();
            clock.set(Instant.ofEpochSecond(SIGNED_AT).plusSeconds(60));

            Answer answer = call(load("webhook-approval.json"));

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body().path("by").asText()).isEqualTo("ana@example.com via webhook caretaker");
            assertThat(answer.body().path("decision").asText()).isEqualTo("approve");
            ApprovalDecision recorded = deployments.find(DEPLOYMENT).orElseThrow().approval();
            assertThat(recorded.by()).isEqualTo("ana@example.com via webhook caretaker");
            assertThat(recorded.reason()).isEqualTo("change window agreed in CAB-1234");
            WIRE.verify(1, requestedOperation(SUCCESS).withRequestBody(matchingJsonPath("$.taskToken", equalTo(TOKEN))));
            assertThat(replayGuard.isConsumed(new Delivery("caretaker", APPROVAL_DELIVERY), clock.instant())).isTrue();

            Answer replay = call(load("webhook-approval.json"));

            assertThat(replay.status()).isEqualTo(409);
            assertThat(replay.message()).isEqualTo("delivery " + APPROVAL_DELIVERY + " was already processed");
            assertThat(calls(SUCCESS)).isEqualTo(1);
        }

        @Test
        void leavesTheDeliveryUnconsumed_whenTheDeploymentIsNotWaiting() {
            call(load("deployments-post.json"));
            clock.set(Instant.ofEpochSecond(SIGNED_AT).plusSeconds(60));

            Answer answer = call(load("webhook-approval.json"));

            assertThat(answer.status()).isEqualTo(409);
            assertThat(answer.message()).endsWith("is not awaiting approval; it is VERIFYING");
            assertThat(replayGuard.isConsumed(new Delivery("caretaker", APPROVAL_DELIVERY), clock.instant())).isFalse();
        }

        @Test
        void namesTheField_whenTheSignedApprovalIsIncomplete() {
            Answer noReason = call(signed("d-1", "{\"event\":\"deployment.approval\",\"approval\":{\"deploymentId\":\""
                    + DEPLOYMENT + "\",\"decision\":\"reject\",\"by\":\"ana\"}}"));
            Answer noBy = call(signed("d-2", "{\"event\":\"deployment.approval\",\"approval\":{\"deploymentId\":\""
                    + DEPLOYMENT + "\",\"decision\":\"approve\"}}"));
            Answer badId = call(signed("d-3", "{\"event\":\"deployment.approval\",\"approval\":{\"deploymentId\":\"app\","
                    + "\"decision\":\"approve\",\"by\":\"ana\"}}"));

            assertThat(noReason.status()).isEqualTo(400);
            assertThat(noReason.message()).isEqualTo("missing field approval.reason: a rejection needs a reason");
            assertThat(noBy.message()).isEqualTo("missing field approval.by");
            assertThat(badId.message()).isEqualTo("invalid field approval.deploymentId: 'app' is not a deployment id like"
                    + " deploy-0123456789abcdef01234567");
        }

        @Test
        void refusesWithoutDeciding_whenTheSignatureIsWrong() {
            awaitingApproval();
            clock.set(Instant.ofEpochSecond(SIGNED_AT).plusSeconds(60));
            ObjectNode forged = withCaretakerBody(load("webhook-approval.json"), load("webhook-approval.json").path("body").asText(),
                    SIGNED_AT, "guessed-secret");

            Answer answer = call(forged);

            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.message()).isEqualTo("signature mismatch");
            assertThat(deployments.find(DEPLOYMENT).orElseThrow().approval()).isNull();
        }
    }
}
