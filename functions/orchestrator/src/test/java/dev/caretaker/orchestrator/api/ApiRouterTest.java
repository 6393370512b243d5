package dev.caretaker.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caretaker.job.CreateOutcome;
import dev.caretaker.job.Job;
import dev.caretaker.job.JobPage;
import dev.caretaker.job.JobQuery;
import dev.caretaker.job.JobRequest;
import dev.caretaker.json.Json;
import dev.caretaker.orchestrator.deployments.DeploymentApprovals;
import dev.caretaker.orchestrator.deployments.DeploymentLauncher;
import dev.caretaker.orchestrator.testing.InMemoryDeploymentStore;
import dev.caretaker.orchestrator.testing.UnreachableWorkflow;
import dev.caretaker.orchestrator.webhook.Delivery;
import dev.caretaker.orchestrator.webhook.DeliveryReplayGuard;
import dev.caretaker.orchestrator.webhook.SecretLookup;
import dev.caretaker.orchestrator.webhook.SignatureVerifier;
import dev.caretaker.orchestrator.webhook.StartOutcome;
import dev.caretaker.orchestrator.webhook.WebhookEndpoint;
import dev.caretaker.testing.InMemoryJobStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/** How the router and the webhook endpoint answer when a collaborator fails; collaborators are hand-written fakes. */
class ApiRouterTest {

    private static final Instant NOW = Instant.parse("2026-11-21T03:00:00Z");
    private static final String SECRET = "unit-secret";
    private static final String BODY = "{\"event\":\"release.published\",\"release\":{\"stack\":\"app\","
            + "\"version\":\"1.4.0\",\"manifest\":\"s3://bucket/app/1.4.0/manifest.json\"}}";

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private Supplier<RuntimeException> storeFailure = () -> null;
    private SecretLookup secrets = new SecretLookup.Found(List.of(SECRET));
    private StartOutcome startOutcome = new StartOutcome.Started("arn:execution");
    private final Set<Delivery> consumed = new HashSet<>();

    private final InMemoryJobStore jobs = new InMemoryJobStore() {
        @Override
        public CreateOutcome create(JobRequest request, Instant now) {
            failIfAsked();
            return super.create(request, now);
        }

        @Override
        public Optional<Job> find(String jobId) {
            failIfAsked();
            return super.find(jobId);
        }

        @Override
        public JobPage list(JobQuery query) {
            failIfAsked();
            return super.list(query);
        }

        private void failIfAsked() {
            RuntimeException failure = storeFailure.get();
            if (failure != null) {
                throw failure;
            }
        }
    };

    private final DeliveryReplayGuard replayGuard = new DeliveryReplayGuard() {
        @Override
        public boolean isConsumed(Delivery delivery, Instant now) {
            return consumed.contains(delivery);
        }

        @Override
        public boolean markConsumed(Delivery delivery, String jobId, Instant now) {
            return consumed.add(delivery);
        }
    };

    private final InMemoryDeploymentStore deployments = new InMemoryDeploymentStore();
    private final DeploymentLauncher launcher = new DeploymentLauncher(deployments, start -> startOutcome, "test", clock);
    private final DeploymentApprovals approvals = new DeploymentApprovals(deployments, new UnreachableWorkflow(), clock);

    private final ApiRouter router = new ApiRouter(
            new WebhookEndpoint(source -> secrets, replayGuard, jobs, launcher, approvals, Optional.empty(), clock),
            new JobsEndpoint(jobs));

    private static HttpRequest webhook(String deliveryId) {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        return new HttpRequest("POST", "/webhooks/caretaker", ApiRouter.WEBHOOK_ROUTE, Map.of("source", "caretaker"),
                Map.of(), Map.of(
                        "X-Caretaker-Signature", SignatureVerifier.caretakerHeader(NOW.getEpochSecond(), body, SECRET),
                        "X-Caretaker-Delivery", deliveryId),
                body, "req-1");
    }

    private static HttpRequest getJobs() {
        return new HttpRequest("GET", "/jobs", ApiRouter.JOBS_ROUTE, null, null, null, null, "req-2");
    }

    private static Map<?, ?> body(HttpResponse response) {
        return Json.read(response.body(), Map.class);
    }

    @Test
    void answers503_whenABackingServiceThrottles() {
        storeFailure = () -> DynamoDbException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException").build())
                .message("Rate exceeded").build();

        HttpResponse response = router.handle(getJobs());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(body(response).get("error")).isEqualTo("service_unavailable");
    }

    @Test
    void answers500WithRequestIdButNoDetail_whenSomethingUnexpectedFails() {
        storeFailure = () -> new IllegalStateException("table layout secret detail");

        HttpResponse response = router.handle(getJobs());

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers()).containsEntry("content-type", "application/json");
        assertThat(body(response)).isEqualTo(Map.of("error", "internal_error", "message", "internal error; request id req-2"));
    }

    @Test
    void answers503WithoutTouchingState_whenSecretsAreUnavailable() {
        secrets = new SecretLookup.Unavailable("throttled");

        HttpResponse response = router.handle(webhook("d-1"));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers()).containsKey("retry-after");
        assertThat(jobs.all()).isEmpty();
    }

    @Test
    void answers500WithoutTheReason_whenSecretsAreMisconfigured() {
        secrets = new SecretLookup.Misconfigured("secret caretaker/webhooks is not a JSON object");

        HttpResponse response = router.handle(webhook("d-1"));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).doesNotContain("JSON object");
    }

    @Test
    void leavesDeliveryUnconsumed_whenWorkflowStartFailsForGood() {
        startOutcome = new StartOutcome.Failed("StateMachineDoesNotExist");

        HttpResponse response = router.handle(webhook("d-1"));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(consumed).isEmpty();
        assertThat(jobs.all()).hasSize(1);
        // The record is there for the retry that starts the workflow: it is created once, whoever comes first.
        assertThat(deployments.find(jobs.all().keySet().iterator().next())).isPresent();
    }

    @Test
    void answers409_whenAConcurrentDuplicateRecordedTheDeliveryFirst() {
        DeliveryReplayGuard racing = new DeliveryReplayGuard() {
            @Override
            public boolean isConsumed(Delivery delivery, Instant now) {
                return false;
            }

            @Override
            public boolean markConsumed(Delivery delivery, String jobId, Instant now) {
                return false;
            }
        };
        ApiRouter api = new ApiRouter(
                new WebhookEndpoint(source -> secrets, racing, jobs, launcher, approvals, Optional.empty(), clock),
                new JobsEndpoint(jobs));

        assertThat(api.handle(webhook("d-1")).statusCode()).isEqualTo(409);
    }

    @Test
    void answers404_whenSourceNameCannotBeASource() {
        HttpRequest request = new HttpRequest("POST", "/webhooks/..%2Fetc", "$default", null, null, null, null, "r");

        HttpResponse response = router.handle(request);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(body(response).get("message")).isEqualTo("unknown webhook source '../etc'");
    }

    @Test
    void routesGetConfig_byRouteKeyAndByPathAlone() {
        ApiRouter api = new ApiRouter(
                new WebhookEndpoint(source -> secrets, replayGuard, jobs, launcher, approvals, Optional.empty(), clock),
                new JobsEndpoint(jobs), ConfigEndpoint.none());

        HttpResponse byRouteKey = api.handle(new HttpRequest("GET", "/config", ApiRouter.CONFIG_ROUTE, null, null, null, null, "req-3"));
        HttpResponse byPath = api.handle(new HttpRequest("GET", "/config/", "$default", null, null, null, null, "req-4"));
        HttpResponse wrongMethod = api.handle(new HttpRequest("POST", "/config", "$default", null, null, null, null, "req-5"));

        assertThat(byRouteKey.statusCode()).isEqualTo(404);
        assertThat(body(byRouteKey).get("message").toString()).contains("CONFIG_PARAMETER is not set");
        assertThat(byPath.body()).isEqualTo(byRouteKey.body());
        assertThat(body(wrongMethod).get("message").toString()).startsWith("no route for POST /config");
    }
}
