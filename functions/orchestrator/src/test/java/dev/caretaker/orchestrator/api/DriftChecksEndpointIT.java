package dev.caretaker.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.job.DynamoDbJobStore;
import dev.caretaker.job.Job;
import dev.caretaker.job.JobStatus;
import dev.caretaker.job.JobType;
import dev.caretaker.json.Json;
import dev.caretaker.orchestrator.deployments.DeploymentApprovals;
import dev.caretaker.orchestrator.deployments.DeploymentLauncher;
import dev.caretaker.orchestrator.schedule.DriftFanOut;
import dev.caretaker.orchestrator.testing.InMemoryDeploymentStore;
import dev.caretaker.orchestrator.testing.UnreachableWorkflow;
import dev.caretaker.orchestrator.schedule.WorkQueues;
import dev.caretaker.orchestrator.webhook.Delivery;
import dev.caretaker.orchestrator.webhook.DeliveryReplayGuard;
import dev.caretaker.orchestrator.webhook.SecretLookup;
import dev.caretaker.orchestrator.webhook.WebhookEndpoint;
import dev.caretaker.testing.EmbeddedDynamoDb;
import dev.caretaker.testing.StateTables;
import dev.caretaker.work.WorkItem;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /drift/checks through the router, with jobs on DynamoDB Local and a queue that records what it was handed. */
class DriftChecksEndpointIT {

    private static final Instant NOW = Instant.parse("2026-11-21T09:15:00Z");
    private static EmbeddedDynamoDb dynamo;

    private DynamoDbJobStore jobs;
    private final List<WorkItem> sent = new CopyOnWriteArrayList<>();
    private List<String> configured = List.of("app", "billing");
    private ApiRouter router;

    @BeforeAll
    static void startEngine() {
        dynamo = EmbeddedDynamoDb.start();
    }

    @AfterAll
    static void stopEngine() {
        dynamo.close();
    }

    @BeforeEach
    void freshTable() {
        String table = "state-" + UUID.randomUUID();
        StateTables.createStateTable(dynamo.client(), table);
        jobs = new DynamoDbJobStore(dynamo.client(), table);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        WorkQueues queues = sent::addAll;
        // Webhooks are not what this test is about: every source is unknown, nothing is started.
        WebhookEndpoint webhooks = new WebhookEndpoint(source -> new SecretLookup.UnknownSource(), new DeliveryReplayGuard() {
            @Override
            public boolean isConsumed(Delivery delivery, Instant now) {
                return false;
            }

            @Override
            public boolean markConsumed(Delivery delivery, String jobId, Instant now) {
                return true;
            }
        }, jobs, new DeploymentLauncher(new InMemoryDeploymentStore(), start -> {
            throw new AssertionError("no deployment is started here");
        }, "test", clock), new DeploymentApprovals(new InMemoryDeploymentStore(), new UnreachableWorkflow(), clock), Optional.empty(), clock);
        router = new ApiRouter(webhooks, new JobsEndpoint(jobs),
                new DriftChecksEndpoint(new DriftFanOut(jobs, queues, clock), () -> configured, jobs));
    }

    private HttpResponse post(String body, String requestId) {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/json");
        if (requestId != null) {
            headers.put("X-Caretaker-Request-Id", requestId);
        }
        return router.handle(new HttpRequest("POST", "/drift/checks", ApiRouter.DRIFT_CHECKS_ROUTE, Map.of(), Map.of(), headers,
                body.getBytes(StandardCharsets.UTF_8), "req-1"));
    }

    private static JsonNode json(HttpResponse response) {
        return Json.read(response.body(), JsonNode.class);
    }

    @Test
    void startsOneChildPerConfiguredStack_whenTheBodyIsEmpty() {
        HttpResponse response = post("", "ops-1");

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode body = json(response);
        Job parent = jobs.find(body.path("jobId").asText()).orElseThrow();
        assertThat(parent.type()).isEqualTo(JobType.DRIFT_CHECK);
        assertThat(parent.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(parent.id()).isEqualTo(dev.caretaker.job.JobIds.of(JobType.DRIFT_CHECK, new dev.caretaker.job.JobTrigger.Manual("ops-1")));
        assertThat(body.path("duplicate").asBoolean()).isFalse();
        assertThat(body.path("stacks").toString()).isEqualTo("[\"app\",\"billing\"]");
        List<String> children = new ArrayList<>();
        body.path("children").forEach(child -> children.add(child.asText()));
        assertThat(sent).extracting(WorkItem::jobId).containsExactlyElementsOf(children);
        assertThat(sent).extracting(WorkItem::target).containsExactly("app", "billing");
    }

    @Test
    void checksOnlyTheNamedStack_whenTheBodyNamesOne() {
        HttpResponse response = post("{\"stack\": \"legacy\"}", "ops-2");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(sent).extracting(WorkItem::target).containsExactly("legacy");
        assertThat(jobs.find(json(response).path("jobId").asText()).orElseThrow().target()).isEqualTo("legacy");
    }

    @Test
    void findsTheSameCheckAndSendsNothing_whenTheRequestIsRetried() {
        String first = json(post("{\"stack\": \"app\"}", "ops-3")).path("jobId").asText();

        HttpResponse again = post("{\"stack\": \"app\"}", "ops-3");

        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(json(again).path("jobId").asText()).isEqualTo(first);
        assertThat(json(again).path("duplicate").asBoolean()).isTrue();
        assertThat(json(again).path("children")).hasSize(1);
        assertThat(sent).hasSize(1);
    }

    @Test
    void answers400NamingTheProblem_whenTheStackNameIsInvalid() {
        HttpResponse response = post("{\"stack\": \"not a stack\"}", null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("message").asText()).startsWith("invalid stack 'not a stack'");
        assertThat(sent).isEmpty();
    }

    @Test
    void answers409_whenNoStacksAreConfiguredAndNoneIsNamed() {
        configured = List.of();

        HttpResponse response = post("{}", null);

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(json(response).path("error").asText()).isEqualTo("no_stacks");
        assertThat(json(response).path("message").asText()).as("names what decides the scope: the configuration")
                .contains("{\"stack\": \"NAME\"}").contains("drift.stacks").contains("drift.tagSelector")
                .doesNotContain("DRIFT_STACKS");
        assertThat(sent).isEmpty();
    }

    @Test
    void routesByMethodAndPath_whenTheApiSendsEverythingToDefault() {
        HttpResponse response = router.handle(new HttpRequest("POST", "/drift/checks", "$default", Map.of(), Map.of(),
                Map.of(), new byte[0], "req-2"));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(sent).hasSize(2);
    }
}
