package dev.caretaker.orchestrator.api;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
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
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.caretaker.aws.AwsClientFactory;
import dev.caretaker.deployments.Deployment;
import dev.caretaker.deployments.DeploymentStatus;
import dev.caretaker.deployments.DeploymentStore;
import dev.caretaker.deployments.DynamoDbDeploymentStore;
import dev.caretaker.job.DynamoDbJobStore;
import dev.caretaker.job.Job;
import dev.caretaker.job.JobQuery;
import dev.caretaker.job.JobRequest;
import dev.caretaker.job.JobStatus;
import dev.caretaker.job.JobStore;
import dev.caretaker.job.JobTrigger;
import dev.caretaker.job.JobType;
import dev.caretaker.json.Json;
import dev.caretaker.testing.MutableClock;
import dev.caretaker.orchestrator.webhook.CachingWebhookSecrets;
import dev.caretaker.orchestrator.webhook.Delivery;
import dev.caretaker.orchestrator.deployments.DeploymentApprovals;
import dev.caretaker.orchestrator.deployments.DeploymentLauncher;
import dev.caretaker.orchestrator.deployments.StepFunctionsWorkflowControl;
import dev.caretaker.orchestrator.webhook.DynamoDbDeliveryReplayGuard;
import dev.caretaker.orchestrator.webhook.SecretsManagerWebhookSecrets;
import dev.caretaker.orchestrator.webhook.StepFunctionsDeploymentStarter;
import dev.caretaker.orchestrator.webhook.WebhookEndpoint;
import dev.caretaker.testing.EmbeddedDynamoDb;
import dev.caretaker.testing.WireClients;
import dev.caretaker.testing.StateTables;
import dev.caretaker.testing.TestCredentials;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The webhook and status routes end to end through {@link ApiRouter}: HTTP API events from
 * events/, jobs and replay records in DynamoDB Local, Secrets Manager and Step Functions served
 * from recorded responses.
 */
class WebhookIT {

    private static final String STATE_MACHINE = "arn:aws:states:eu-west-1:123456789012:stateMachine:caretaker-deployment";
    private static final String START = "AWSStepFunctions.StartExecution";
    private static final String GET_SECRET = "secretsmanager.GetSecretValue";
    /** The job the webhook-release.json delivery creates: DEPLOY for webhook caretaker/0b7e6a52-…. */
    private static final String RELEASE_JOB = "deploy-9f30c2ea3f29de49228acbf7";
    private static final String RELEASE_DELIVERY = "0b7e6a52-2f0e-4c1a-9d51-6f3c8e1a2b40";
    private static final String VALID_BODY = "{\"event\":\"release.published\",\"release\":{\"stack\":\"app\","
            + "\"version\":\"1.4.0\",\"manifest\":\"s3://example-vendor-releases/releases/app/1.4.0/manifest.json\"}}";

    private static EmbeddedDynamoDb dynamo;
    @RegisterExtension
    static final WireMockExtension WIRE = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static SecretsManagerClient secretsManager;
    private static SfnClient sfn;

    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(SIGNED_AT));
    private String table;
    private JobStore jobs;
    private DynamoDbDeliveryReplayGuard replayGuard;
    private DeploymentStore deployments;
    private ApiRouter router;

    private record Answer(int status, Map<String, String> headers, JsonNode body) {
        String message() {
            return body.path("message").asText();
        }
    }

    @BeforeAll
    static void startEngines() {
        dynamo = EmbeddedDynamoDb.start();
        secretsManager = WireClients.against(SecretsManagerClient.builder(), WIRE.baseUrl());
        sfn = WireClients.against(SfnClient.builder(), WIRE.baseUrl());
    }

    @AfterAll
    static void stopEngines() {
        sfn.close();
        secretsManager.close();
        dynamo.close();
    }

    @BeforeEach
    void freshState() {
        table = "state-" + UUID.randomUUID();
        StateTables.createStateTable(dynamo.client(), table);
        jobs = new DynamoDbJobStore(dynamo.client(), table);
        replayGuard = new DynamoDbDeliveryReplayGuard(dynamo.client(), table);
        WIRE.stubFor(operation(GET_SECRET).willReturn(
                recorded(200, JSON_1_1, "secretsmanager/GetSecretValue-local.json")));
        WIRE.stubFor(operation(START).willReturn(recorded(200, JSON_1_0, "sfn/StartExecution.json")));
        deployments = new DynamoDbDeploymentStore(dynamo.client(), table);
        WebhookEndpoint webhooks = new WebhookEndpoint(
                new CachingWebhookSecrets(new SecretsManagerWebhookSecrets(secretsManager, "caretaker/webhooks"),
                        CachingWebhookSecrets.DEFAULT_TTL, clock),
                replayGuard,
                jobs,
                new DeploymentLauncher(deployments, new StepFunctionsDeploymentStarter(sfn, STATE_MACHINE), "dev", clock),
                new DeploymentApprovals(deployments, new StepFunctionsWorkflowControl(sfn, STATE_MACHINE), clock),
                Optional.empty(),
                clock);
        router = new ApiRouter(webhooks, new JobsEndpoint(jobs));
    }

    private Answer call(ApiRouter api, ObjectNode event) {
        JsonNode response = HttpApiEvents.toResponseJson(api.handle(HttpApiEvents.toRequest(event)));
        Map<String, String> headers = Json.mapper().convertValue(response.path("headers"),
                Json.mapper().getTypeFactory().constructMapType(Map.class, String.class, String.class));
        return new Answer(response.path("statusCode").asInt(), headers,
                Json.read(response.path("body").asText(), JsonNode.class));
    }

    private Answer call(ObjectNode event) {
        return call(router, event);
    }

    private static ObjectNode get(String pathAndQuery) {
        ObjectNode event = load("jobs-list.json");
        String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
        event.put("routeKey", "$default");
        event.put("rawPath", path);
        ObjectNode query = event.putObject("queryStringParameters");
        if (pathAndQuery.contains("?")) {
            for (String pair : pathAndQuery.substring(pathAndQuery.indexOf('?') + 1).split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        return event;
    }

    private static ObjectNode release(String deliveryId, String body) {
        ObjectNode event = withCaretakerBody(load("webhook-release.json"), body, SIGNED_AT, CARETAKER_SECRET);
        headers(event).put("x-caretaker-delivery", deliveryId);
        return event;
    }

    private List<Job> allJobs() {
        return jobs.list(new JobQuery(null, null, JobQuery.MAX_LIMIT, null)).jobs();
    }

    private int startRequests() {
        return WIRE.findAll(requestedOperation(START)).size();
    }

    @Test
    void createsQueuedJobAndStartsOneExecution_whenSignedReleaseArrives() {
        Answer answer = call(load("webhook-release.json"));

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.body()).isEqualTo(Json.mapper().valueToTree(
                Map.of("jobId", RELEASE_JOB, "status", "QUEUED", "duplicate", false)));
        Job job = jobs.find(RELEASE_JOB).orElseThrow();
        assertThat(job.type()).isEqualTo(JobType.DEPLOY);
        assertThat(job.target()).isEqualTo("app");
        assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(job.triggerKind()).isEqualTo("webhook");
        assertThat(job.triggerKey()).isEqualTo("webhook:caretaker/" + RELEASE_DELIVERY);
        WIRE.verify(1, requestedOperation(START)
                .withRequestBody(matchingJsonPath("$.name", equalTo(RELEASE_JOB)))
                .withRequestBody(matchingJsonPath("$.stateMachineArn", equalTo(STATE_MACHINE))));
        assertThat(startRequests()).isEqualTo(1);
        assertThat(replayGuard.isConsumed(new Delivery("caretaker", RELEASE_DELIVERY), clock.instant())).isTrue();
        Deployment recorded = deployments.find(RELEASE_JOB).orElseThrow();
        assertThat(recorded.status()).isEqualTo(DeploymentStatus.VERIFYING);
        assertThat(recorded.stack()).isEqualTo("app");
        assertThat(recorded.version()).isEqualTo("1.4.0");
        assertThat(recorded.environment()).isEqualTo("dev");
        assertThat(recorded.origin()).isEqualTo(Map.of("source", "caretaker", "deliveryId", RELEASE_DELIVERY));
    }

    @Test
    void refusesWithoutBurningTheDeliveryId_whenSignedWithAWrongSecret() {
        ObjectNode forged = withCaretakerBody(load("webhook-release.json"), VALID_BODY, SIGNED_AT, "guessed-secret");

        Answer answer = call(forged);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body().path("error").asText()).isEqualTo("unauthorized");
        assertThat(answer.message()).isEqualTo("signature mismatch");
        assertThat(allJobs()).isEmpty();
        assertThat(startRequests()).isZero();
        assertThat(call(load("webhook-release.json")).status()).isEqualTo(202);
    }

    @Test
    void refusesWithoutDetail_whenSignatureIsMissingOrMalformed() {
        ObjectNode missing = load("webhook-release.json");
        headers(missing).remove("x-caretaker-signature");
        ObjectNode malformed = load("webhook-release.json");
        headers(malformed).put("x-caretaker-signature", "v1=abc");

        Answer missingAnswer = call(missing);
        Answer malformedAnswer = call(malformed);

        assertThat(missingAnswer.status()).isEqualTo(401);
        assertThat(missingAnswer.message()).startsWith("missing signature");
        assertThat(malformedAnswer.status()).isEqualTo(401);
        assertThat(malformedAnswer.message()).startsWith("malformed signature header");
        assertThat(malformedAnswer.body().toString()).doesNotContain(CARETAKER_SECRET);
    }

    @Test
    void refuses_whenSignatureIsStale() {
        clock.advance(Duration.ofSeconds(301));

        Answer answer = call(load("webhook-release.json"));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.message()).isEqualTo("signature timestamp outside tolerance");
        assertThat(allJobs()).isEmpty();
    }

    @Test
    void refusesReplayAndKeepsOneJobAndOneExecution_whenSameDeliveryArrivesAgain() {
        Answer first = call(load("webhook-release.json"));
        clock.advance(Duration.ofSeconds(30));
        Answer replay = call(load("webhook-release.json"));

        assertThat(first.status()).isEqualTo(202);
        assertThat(replay.status()).isEqualTo(409);
        assertThat(replay.body().path("error").asText()).isEqualTo("conflict");
        assertThat(replay.message()).contains(RELEASE_DELIVERY);
        assertThat(allJobs()).extracting(Job::id).containsExactly(RELEASE_JOB);
        assertThat(startRequests()).isEqualTo(1);
    }

    @Test
    void refusesBeforeCheckingAnything_whenBodyExceeds256KiB() {
        ObjectNode event = load("webhook-release.json");
        event.put("body", "x".repeat(WebhookEndpoint.MAX_BODY_BYTES + 1));
        headers(event).remove("x-caretaker-signature");

        Answer answer = call(event);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body().path("error").asText()).isEqualTo("payload_too_large");
        assertThat(answer.message()).contains("262144");
        WIRE.verify(0, requestedOperation(GET_SECRET));
    }

    @Test
    void countsDecodedBytes_whenBodyArrivesBase64Encoded() {
        ObjectNode event = withCaretakerBody(load("webhook-release.json"), VALID_BODY, SIGNED_AT, CARETAKER_SECRET);
        event.put("body", Base64.getEncoder().encodeToString(VALID_BODY.getBytes(StandardCharsets.UTF_8)));
        event.put("isBase64Encoded", true);
        ObjectNode atLimit = load("webhook-release.json");
        String padded = "{\"pad\":\"" + "x".repeat(WebhookEndpoint.MAX_BODY_BYTES - 10) + "\"}";
        atLimit.put("body", Base64.getEncoder().encodeToString(padded.getBytes(StandardCharsets.UTF_8)));
        atLimit.put("isBase64Encoded", true);

        assertThat(call(event).status()).isEqualTo(202);
        assertThat(padded.length()).isEqualTo(WebhookEndpoint.MAX_BODY_BYTES);
        assertThat(call(atLimit).status()).isEqualTo(401);
    }

    @Test
    void namesTheProblem_whenSignedBodyIsMalformed() {
        Answer notJson = call(release("d-not-json", "event=release.published"));
        Answer noVersion = call(release("d-no-version", "{\"event\":\"release.published\",\"release\":{\"stack\":\"app\","
                + "\"manifest\":\"s3://example-vendor-releases/m.json\"}}"));
        Answer unknownEvent = call(release("d-unknown", "{\"event\":\"release.yanked\"}"));
        ObjectNode noDelivery = load("webhook-release.json");
        headers(noDelivery).remove("x-caretaker-delivery");
        Answer missingDelivery = call(noDelivery);

        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.message()).startsWith("body is not JSON");
        assertThat(noVersion.status()).isEqualTo(400);
        assertThat(noVersion.body().path("error").asText()).isEqualTo("bad_request");
        assertThat(noVersion.message()).isEqualTo("missing field release.version");
        assertThat(unknownEvent.message()).startsWith("unknown event 'release.yanked'");
        assertThat(missingDelivery.status()).isEqualTo(400);
        assertThat(missingDelivery.message()).isEqualTo("missing delivery id header X-Caretaker-Delivery");
        assertThat(allJobs()).isEmpty();
        assertThat(startRequests()).isZero();
    }

    @Test
    void accepts_whenSecondOfTwoSignaturesMatchesDuringRotation() {
        ObjectNode event = withCaretakerBody(load("webhook-release.json"), VALID_BODY, SIGNED_AT,
                "retired-secret", CARETAKER_SECRET);
        assertThat(headers(event).path("x-caretaker-signature").asText()).containsPattern("v1=.*,v1=");

        assertThat(call(event).status()).isEqualTo(202);
    }

    @Test
    void deploysStackFromUrlAndManifestAsset_whenGitHubPublishesARelease() {
        Answer answer = call(load("webhook-github-release.json"));

        assertThat(answer.status()).isEqualTo(202);
        String jobId = answer.body().path("jobId").asText();
        Job job = jobs.find(jobId).orElseThrow();
        assertThat(job.target()).isEqualTo("app");
        assertThat(job.triggerKey()).isEqualTo("webhook:github/72d3162e-cc78-11e3-81ab-4c9367dc0958");
        JsonNode sent = Json.read(WIRE.findAll(requestedOperation(START)).get(0).getBodyAsString(), JsonNode.class);
        JsonNode input = Json.read(sent.path("input").asText(), JsonNode.class);
        assertThat(input.path("version").asText()).isEqualTo("1.4.0");
        assertThat(input.path("manifest").asText())
                .isEqualTo("https://github.com/example-vendor/app/releases/download/v1.4.0/caretaker-manifest.json");
        assertThat(input.path("deliveryId").asText()).isEqualTo("72d3162e-cc78-11e3-81ab-4c9367dc0958");
        assertThat(call(load("webhook-github-release.json")).status()).isEqualTo(409);
    }

    @Test
    void answersWithoutAJob_whenGitHubPingsOrSendsAnotherEvent() {
        Answer ping = call(load("webhook-github-ping.json"));
        ObjectNode push = load("webhook-github-ping.json");
        headers(push).put("x-github-event", "push");
        Answer ignored = call(push);

        assertThat(ping.status()).isEqualTo(200);
        assertThat(ping.body()).isEqualTo(Json.mapper().valueToTree(Map.of("ok", true)));
        assertThat(ignored.status()).isEqualTo(202);
        assertThat(ignored.body()).isEqualTo(Json.mapper().valueToTree(Map.of("ignored", "push")));
        assertThat(allJobs()).isEmpty();
        assertThat(startRequests()).isZero();
    }

    @Test
    void refusesGitHubDelivery_whenSignedWithCaretakerScheme() {
        ObjectNode event = load("webhook-github-release.json");
        headers(event).remove("x-hub-signature-256");

        Answer answer = call(event);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.message()).contains("X-Hub-Signature-256");
    }

    @Test
    void answers404_whenNoSecretIsConfiguredForTheSource() {
        ObjectNode event = load("webhook-release.json");
        event.put("rawPath", "/webhooks/gitlab");
        ((ObjectNode) event.path("pathParameters")).put("source", "gitlab");

        Answer answer = call(event);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body().path("error").asText()).isEqualTo("not_found");
        assertThat(answer.message()).isEqualTo("unknown webhook source 'gitlab'");
    }

    @Test
    void answers503AndLeavesDeliveryUnconsumed_whenStartIsThrottled_thenRetryCompletesWithTheSameJob() {
        WIRE.stubFor(operation(START).inScenario("throttled").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(recorded(400, JSON_1_0, "sfn/ThrottlingException.json"))
                .willSetStateTo("recovered"));
        WIRE.stubFor(operation(START).inScenario("throttled").whenScenarioStateIs("recovered")
                .willReturn(recorded(200, JSON_1_0, "sfn/StartExecution.json")));

        Answer throttled = call(load("webhook-release.json"));

        assertThat(throttled.status()).isEqualTo(503);
        assertThat(throttled.headers()).containsEntry("retry-after", "5");
        assertThat(replayGuard.isConsumed(new Delivery("caretaker", RELEASE_DELIVERY), clock.instant())).isFalse();
        assertThat(jobs.find(RELEASE_JOB)).map(Job::status).contains(JobStatus.QUEUED);

        clock.advance(Duration.ofSeconds(20));
        Answer retried = call(load("webhook-release.json"));

        assertThat(retried.status()).isEqualTo(202);
        assertThat(retried.body().path("jobId").asText()).isEqualTo(RELEASE_JOB);
        assertThat(retried.body().path("duplicate").asBoolean()).isTrue();
        assertThat(allJobs()).hasSize(1);
        WIRE.verify(2, requestedOperation(START).withRequestBody(matchingJsonPath("$.name", equalTo(RELEASE_JOB))));
        assertThat(call(load("webhook-release.json")).status()).isEqualTo(409);
    }

    @Test
    void recordsDeliveryWithoutStartingAgain_whenRetriedDeliveryFindsJobAlreadyCancelled() {
        jobs.create(new JobRequest(JobType.DEPLOY, "app", new JobTrigger.Webhook("caretaker", RELEASE_DELIVERY)),
                clock.instant());
        jobs.cancel(RELEASE_JOB, "operator stopped it", clock.instant());

        Answer answer = call(load("webhook-release.json"));

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.body().path("status").asText()).isEqualTo("CANCELLED");
        assertThat(answer.body().path("duplicate").asBoolean()).isTrue();
        assertThat(startRequests()).isZero();
        assertThat(deployments.find(RELEASE_JOB)).isEmpty();
    }

    @Test
    void returnsTheCreatedJob_whenStatusRouteAsksForIt() {
        call(load("webhook-release.json"));

        Answer answer = call(load("jobs-get.json"));

        assertThat(answer.status()).isEqualTo(200);
        JsonNode job = answer.body();
        assertThat(job.path("id").asText()).isEqualTo(RELEASE_JOB);
        assertThat(job.path("type").asText()).isEqualTo("DEPLOY");
        assertThat(job.path("target").asText()).isEqualTo("app");
        assertThat(job.path("status").asText()).isEqualTo("QUEUED");
        assertThat(job.path("attempts").asInt()).isZero();
        assertThat(job.path("trigger").path("kind").asText()).isEqualTo("webhook");
        assertThat(job.path("trigger").path("key").asText()).isEqualTo("webhook:caretaker/" + RELEASE_DELIVERY);
        assertThat(job.path("createdAt").asText()).isEqualTo("2026-11-21T03:00:00Z");
        assertThat(job.path("correlationId").asText()).isEqualTo(RELEASE_JOB);
        assertThat(job.has("startedAt")).isTrue();
        assertThat(job.path("startedAt").isNull()).isTrue();
        assertThat(job.path("result").isObject()).isTrue();
        assertThat(job.has("leaseUntil")).isFalse();
    }

    @Test
    void answers400Or404_whenJobIdIsMalformedOrUnknown() {
        Answer malformed = call(get("/jobs/not-a-job-id"));
        Answer unknown = call(get("/jobs/deploy-000000000000000000000000"));

        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.message()).startsWith("invalid job id 'not-a-job-id'");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.message()).isEqualTo("no job deploy-000000000000000000000000");
    }

    @Test
    void listsNewestFirstAcrossPages_whenLimitIsSmallerThanTheJobCount() {
        List<String> newestFirst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            clock.set(Instant.ofEpochSecond(SIGNED_AT + i * 60L));
            ObjectNode event = withCaretakerBody(load("webhook-release.json"), VALID_BODY, SIGNED_AT + i * 60L,
                    CARETAKER_SECRET);
            headers(event).put("x-caretaker-delivery", "delivery-" + i);
            newestFirst.add(0, call(event).body().path("jobId").asText());
        }
        jobs.create(new JobRequest(JobType.DRIFT_CHECK, "app", new JobTrigger.Manual("drift-1")), clock.instant());

        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            Answer page = call(get("/jobs?type=deploy&status=QUEUED&limit=2" + (token == null ? "" : "&pageToken=" + token)));
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body().path("jobs").size()).isLessThanOrEqualTo(2);
            page.body().path("jobs").forEach(job -> seen.add(job.path("id").asText()));
            token = page.body().path("nextPageToken").isNull() ? null : page.body().path("nextPageToken").asText();
            pages++;
        } while (token != null && pages < 10);

        assertThat(seen).containsExactlyElementsOf(newestFirst);
        assertThat(pages).isGreaterThanOrEqualTo(3);
        Answer fixture = call(load("jobs-list.json"));
        assertThat(fixture.status()).isEqualTo(200);
        assertThat(fixture.body().path("jobs").size()).isEqualTo(5);
        assertThat(fixture.body().has("nextPageToken")).isTrue();
        assertThat(call(get("/jobs")).body().path("jobs").size()).isEqualTo(6);
    }

    @Test
    void saysWhichParameterIsWrongAndWhatIsAllowed_whenListingWithBadParameters() {
        Answer type = call(get("/jobs?type=bogus"));
        Answer status = call(get("/jobs?status=DONE"));
        Answer limit = call(get("/jobs?limit=101"));
        Answer notNumber = call(get("/jobs?limit=ten"));
        Answer token = call(get("/jobs?pageToken=forged"));

        assertThat(List.of(type, status, limit, notNumber, token)).extracting(Answer::status).containsOnly(400);
        assertThat(type.message()).startsWith("invalid query parameter type 'bogus'").contains("DEPLOY").contains("DRIFT_CHECK");
        assertThat(status.message()).startsWith("invalid query parameter status 'DONE'").contains("QUEUED");
        assertThat(limit.message()).isEqualTo("invalid query parameter limit '101': expected an integer from 1 to 100");
        assertThat(notNumber.message()).startsWith("invalid query parameter limit 'ten'");
        assertThat(token.message()).startsWith("invalid query parameter pageToken");
    }

    @Test
    void answersJson404_whenNoRouteMatches() {
        ObjectNode event = get("/nowhere");
        ObjectNode delete = get("/jobs/" + RELEASE_JOB);
        ((ObjectNode) delete.path("requestContext").path("http")).put("method", "DELETE");

        Answer answer = call(event);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.headers()).containsEntry("content-type", "application/json");
        assertThat(answer.message()).isEqualTo("no route for GET /nowhere");
        assertThat(call(delete).status()).isEqualTo(404);
    }

    @Test
    void routesByPath_whenApiSendsEverythingToTheDefaultRoute() {
        ObjectNode event = load("webhook-release.json");
        event.put("routeKey", "$default");
        event.remove("pathParameters");

        assertThat(call(event).status()).isEqualTo(202);
        ObjectNode job = load("jobs-get.json");
        job.put("routeKey", "$default");
        job.remove("pathParameters");
        assertThat(call(job).body().path("id").asText()).isEqualTo(RELEASE_JOB);
    }

    @Test
    void wiresEverythingFromTheEnvironment_whenBuiltByFromEnvironment() {
        AwsClientFactory clients = new AwsClientFactory(TestCredentials.environment(Map.of(
                "AWS_ENDPOINT_URL_DYNAMODB", dynamo.endpoint().toString(),
                "AWS_ENDPOINT_URL_SFN", WIRE.baseUrl(),
                "AWS_ENDPOINT_URL_SECRETSMANAGER", WIRE.baseUrl(),
                "STATE_TABLE", table,
                "DEPLOYMENT_STATE_MACHINE_ARN", STATE_MACHINE,
                "EVENT_BUS_NAME", "caretaker-bus",
                "WEBHOOK_SECRET_ID", "caretaker/webhooks")), TestCredentials.provider());

        ApiRouter fromEnvironment = ApiRouterFactory.fromEnvironment(clients, jobs, clock);

        assertThat(call(fromEnvironment, load("webhook-release.json")).status()).isEqualTo(202);
        assertThat(call(fromEnvironment, load("jobs-get.json")).status()).isEqualTo(200);
        assertThat(call(fromEnvironment, load("webhook-release.json")).status()).isEqualTo(409);
        ObjectNode deployment = load("deployments-get.json");
        deployment.put("rawPath", "/deployments/" + RELEASE_JOB);
        ((ObjectNode) deployment.path("pathParameters")).put("id", RELEASE_JOB);
        Answer record = call(fromEnvironment, deployment);
        assertThat(record.status()).isEqualTo(200);
        assertThat(record.body().path("origin").path("deliveryId").asText()).isEqualTo(RELEASE_DELIVERY);
        assertThat(record.body().path("jobStatus").asText()).isEqualTo("QUEUED");
        WIRE.verify(1, requestedOperation(GET_SECRET).withRequestBody(matchingJsonPath("$.SecretId",
                equalTo("caretaker/webhooks"))));
    }

    @Test
    void refusesToStart_whenBothSecretSourcesAreConfigured() {
        AwsClientFactory clients = new AwsClientFactory(TestCredentials.environment(Map.of(
                "STATE_TABLE", table,
                "EVENT_BUS_NAME", "caretaker-bus",
                "DEPLOYMENT_STATE_MACHINE_ARN", STATE_MACHINE,
                "WEBHOOK_SECRET_ID", "caretaker/webhooks",
                "WEBHOOK_SECRET_PARAMETER_PREFIX", "/caretaker/webhooks")), TestCredentials.provider());

        assertThatThrownBy(() -> ApiRouterFactory.fromEnvironment(clients, jobs, clock))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("WEBHOOK_SECRET_ID").hasMessageContaining("WEBHOOK_SECRET_PARAMETER_PREFIX");
    }
}
