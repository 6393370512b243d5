package dev.caretaker.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caretaker.deployments.ApprovalDecision;
import dev.caretaker.deployments.Deployment;
import dev.caretaker.deployments.DeploymentStatus;
import dev.caretaker.events.ResultEvent;
import dev.caretaker.json.Json;
import dev.caretaker.orchestrator.deployments.DeploymentApprovals;
import dev.caretaker.orchestrator.deployments.DeploymentCancellation;
import dev.caretaker.orchestrator.deployments.DeploymentLauncher;
import dev.caretaker.orchestrator.deployments.DeploymentsEndpoint;
import dev.caretaker.orchestrator.deployments.WorkflowControl;
import dev.caretaker.orchestrator.testing.InMemoryDeploymentStore;
import dev.caretaker.orchestrator.webhook.Delivery;
import dev.caretaker.orchestrator.webhook.DeliveryReplayGuard;
import dev.caretaker.orchestrator.webhook.SecretLookup;
import dev.caretaker.orchestrator.webhook.StartOutcome;
import dev.caretaker.orchestrator.webhook.WebhookEndpoint;
import dev.caretaker.testing.InMemoryJobStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The deployment routes through the router, by route key and by path alone; collaborators are hand-written fakes. */
class DeploymentRoutesTest {

    private static final Instant NOW = Instant.parse("2026-11-21T03:00:00Z");
    private static final String ID = "deploy-0123456789abcdef01234567";

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final List<String> workflowCalls = new ArrayList<>();
    private final List<ResultEvent> published = new ArrayList<>();
    private final InMemoryDeploymentStore deployments = new InMemoryDeploymentStore();

    private final InMemoryJobStore jobs = new InMemoryJobStore();

    private final WorkflowControl workflow = new WorkflowControl() {
        @Override
        public Answer answerApproval(String taskToken, ApprovalDecision decision) {
            workflowCalls.add("answer " + decision.decision());
            return new Answer.Done();
        }

        @Override
        public Answer stop(String deploymentId, String error, String cause) {
            workflowCalls.add("stop " + deploymentId);
            return new Answer.Done();
        }
    };

    private final DeploymentLauncher launcher = new DeploymentLauncher(deployments,
            start -> new StartOutcome.Started("arn:execution:" + start.jobId()), "test", clock);
    private final DeploymentApprovals approvals = new DeploymentApprovals(deployments, workflow, clock);
    private final DeploymentsEndpoint endpoint = new DeploymentsEndpoint(jobs, deployments, launcher, approvals,
            new DeploymentCancellation(deployments, jobs, workflow, published::add, clock), clock);
    private final WebhookEndpoint webhooks = new WebhookEndpoint(source -> new SecretLookup.UnknownSource(),
            new DeliveryReplayGuard() {
                @Override
                public boolean isConsumed(Delivery delivery, Instant now) {
                    return false;
                }

                @Override
                public boolean markConsumed(Delivery delivery, String jobId, Instant now) {
                    return true;
                }
            }, jobs, launcher, approvals, Optional.empty(), clock);
    private final ApiRouter router = new ApiRouter(webhooks, new JobsEndpoint(jobs), endpoint);

    private static HttpRequest request(String method, String path, String routeKey, Map<String, String> pathParameters,
                                       Map<String, String> query, String body) {
        return new HttpRequest(method, path, routeKey, pathParameters, query, Map.of("content-type", "application/json"),
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), "req-1", "arn:aws:iam::123456789012:user/ops");
    }

    private static Map<?, ?> body(HttpResponse response) {
        return Json.read(response.body(), Map.class);
    }

    private void awaitingApproval() {
        deployments.put(Deployment.started(ID, "app", "1.4.0", "s3://bucket/m.json", "test", false, null, Map.of(), NOW)
                .step(DeploymentStatus.AWAITING_APPROVAL, "approval", "waiting", NOW).withApprovalToken("token", NOW));
    }

    @Test
    void routesEveryDeploymentRoute_byRouteKey() {
        HttpResponse started = router.handle(request("POST", "/deployments", ApiRouter.START_DEPLOYMENT_ROUTE, null, null,
                "{\"stack\":\"app\",\"version\":\"1.4.0\",\"manifest\":\"s3://bucket/m.json\",\"requestId\":\"r-1\"}"));
        String id = (String) body(started).get("deploymentId");
        HttpResponse one = router.handle(request("GET", "/deployments/" + id, ApiRouter.DEPLOYMENT_ROUTE, Map.of("id", id), null, null));
        HttpResponse list = router.handle(request("GET", "/deployments", ApiRouter.DEPLOYMENTS_ROUTE, null, Map.of("stack", "app"), null));
        HttpResponse approval = router.handle(request("POST", "/deployments/" + id + "/approval", ApiRouter.APPROVAL_ROUTE,
                Map.of("id", id), null, "{\"decision\":\"approve\"}"));
        HttpResponse cancel = router.handle(request("POST", "/deployments/" + id + "/cancel", ApiRouter.CANCEL_ROUTE,
                Map.of("id", id), null, "{}"));

        assertThat(started.statusCode()).isEqualTo(202);
        assertThat(body(started).get("status")).isEqualTo("VERIFYING");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(body(one).get("origin")).isEqualTo(Map.of("requestedBy", "arn:aws:iam::123456789012:user/ops"));
        assertThat((List<?>) body(list).get("deployments")).hasSize(1);
        assertThat(approval.statusCode()).isEqualTo(409);
        assertThat(body(approval).get("message")).isEqualTo("deployment " + id + " is not awaiting approval; it is VERIFYING");
        assertThat(cancel.statusCode()).isEqualTo(200);
        assertThat(body(cancel)).isEqualTo(Map.of("deploymentId", id, "status", "CANCELLED"));
        assertThat(workflowCalls).containsExactly("stop " + id);
        assertThat(published).extracting(ResultEvent::detailType).containsExactly("DeploymentCancelled");
    }

    @Test
    void routesByMethodAndPath_whenTheApiSendsEverythingToDefault() {
        awaitingApproval();

        HttpResponse one = router.handle(request("GET", "/deployments/" + ID + "/", "$default", null, null, null));
        HttpResponse list = router.handle(request("GET", "/deployments", "$default", null, Map.of("stack", "app"), null));
        HttpResponse approval = router.handle(request("POST", "/deployments/" + ID + "/approval", "$default", null, null,
                "{\"decision\":\"reject\",\"reason\":\"not now\"}"));
        HttpResponse cancel = router.handle(request("POST", "/deployments/" + ID + "/cancel", "$default", null, null, null));
        HttpResponse wrongMethod = router.handle(request("DELETE", "/deployments/" + ID, "$default", null, null, null));

        assertThat(body(one).get("id")).isEqualTo(ID);
        assertThat(body(one).containsKey("approvalToken")).isFalse();
        assertThat(one.body()).doesNotContain("token");
        assertThat((List<?>) body(list).get("deployments")).hasSize(1);
        assertThat(body(approval)).isEqualTo(Map.of("deploymentId", ID, "decision", "reject",
                "by", "arn:aws:iam::123456789012:user/ops", "status", "AWAITING_APPROVAL"));
        assertThat(cancel.statusCode()).isEqualTo(200);
        assertThat(workflowCalls).containsExactly("answer reject", "stop " + ID);
        assertThat(wrongMethod.statusCode()).isEqualTo(404);
    }

    @Test
    void answers404_whenTheRouterHasNoDeploymentRoutes() {
        ApiRouter without = new ApiRouter(webhooks, new JobsEndpoint(jobs));

        HttpResponse byKey = without.handle(request("GET", "/deployments/" + ID, ApiRouter.DEPLOYMENT_ROUTE, Map.of("id", ID), null, null));
        HttpResponse byPath = without.handle(request("POST", "/deployments", "$default", null, null, "{}"));

        assertThat(byKey.statusCode()).isEqualTo(404);
        assertThat(byPath.statusCode()).isEqualTo(404);
        assertThat(body(byPath).get("message")).isEqualTo("no route for POST /deployments");
    }

    @Test
    void refusesAnOversizedBody_beforeReadingIt() {
        HttpResponse response = router.handle(request("POST", "/deployments", ApiRouter.START_DEPLOYMENT_ROUTE, null, null,
                "{\"pad\":\"" + "x".repeat(DeploymentsEndpoint.MAX_BODY_BYTES) + "\"}"));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(jobs.all()).isEmpty();
    }
}
