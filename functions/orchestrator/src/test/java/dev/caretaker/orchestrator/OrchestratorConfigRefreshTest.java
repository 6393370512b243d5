package dev.caretaker.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.config.ConfigMetrics;
import dev.caretaker.config.ConfigProvider;
import dev.caretaker.config.ConfigSource;
import dev.caretaker.config.ConfigValidator;
import dev.caretaker.events.Severity;
import dev.caretaker.job.ClaimOutcome;
import dev.caretaker.job.CreateOutcome;
import dev.caretaker.job.Job;
import dev.caretaker.job.JobPage;
import dev.caretaker.job.JobQuery;
import dev.caretaker.job.JobRequest;
import dev.caretaker.job.JobStore;
import dev.caretaker.json.Json;
import dev.caretaker.notify.Notification;
import dev.caretaker.orchestrator.api.ApiRouter;
import dev.caretaker.orchestrator.api.ConfigEndpoint;
import dev.caretaker.orchestrator.api.JobsEndpoint;
import dev.caretaker.orchestrator.deployments.DeploymentApprovals;
import dev.caretaker.orchestrator.deployments.DeploymentLauncher;
import dev.caretaker.orchestrator.notify.NotificationRouter;
import dev.caretaker.orchestrator.schedule.ScheduleService;
import dev.caretaker.orchestrator.webhook.Delivery;
import dev.caretaker.orchestrator.webhook.DeliveryReplayGuard;
import dev.caretaker.orchestrator.webhook.SecretLookup;
import dev.caretaker.orchestrator.webhook.StartOutcome;
import dev.caretaker.orchestrator.testing.InMemoryDeploymentStore;
import dev.caretaker.orchestrator.testing.UnreachableWorkflow;
import dev.caretaker.orchestrator.webhook.WebhookEndpoint;
import dev.caretaker.testing.RepoRoot;
import dev.caretaker.work.WorkItem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Schedules fire on their own; each one also checks the configuration, so a bad push is noticed without anyone asking. */
class OrchestratorConfigRefreshTest {

    private static final String VALID = "schemaVersion: 2\ncustomer: {id: acme, account: \"123456789012\", region: eu-central-1}\n"
            + "environment: prod\n";

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T06:00:00Z"), ZoneOffset.UTC);
    private final List<ConfigSource.StoredConfig> stored = new ArrayList<>(List.of(new ConfigSource.StoredConfig("1", VALID)));
    private final List<Notification> notifications = new ArrayList<>();
    private final List<WorkItem> sent = new ArrayList<>();

    private final ConfigProvider provider = new ConfigProvider(new ConfigSource() {
        @Override
        public StoredConfig fetch() {
            return stored.getLast();
        }

        @Override
        public String describe() {
            return "ssm:/caretaker/acme/prod/config";
        }
    }, Duration.ZERO, clock, new ConfigValidator(), ConfigMetrics.NONE, notifications::add);

    private final JobStore jobs = new JobStore() {
        @Override
        public CreateOutcome create(JobRequest request, Instant now) {
            return new CreateOutcome.Created(Job.queued(request, now));
        }

        @Override
        public Optional<Job> find(String jobId) {
            return Optional.empty();
        }

        @Override
        public ClaimOutcome claim(String jobId, Instant now, Instant leaseUntil) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Job succeed(String jobId, int attempt, Map<String, Object> result, Instant now) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Job fail(String jobId, Integer attempt, String error, Instant now) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Job release(String jobId, int attempt, String error, Instant now) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Job cancel(String jobId, String reason, Instant now) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JobPage list(JobQuery query) {
            throw new UnsupportedOperationException();
        }
    };

    private final DeliveryReplayGuard replayGuard = new DeliveryReplayGuard() {
        @Override
        public boolean isConsumed(Delivery delivery, Instant now) {
            return false;
        }

        @Override
        public boolean markConsumed(Delivery delivery, String jobId, Instant now) {
            return true;
        }
    };

    private final OrchestratorHandler handler = new OrchestratorHandler(
            new ApiRouter(new WebhookEndpoint(source -> new SecretLookup.UnknownSource(), replayGuard, jobs,
                    new DeploymentLauncher(new InMemoryDeploymentStore(), start -> new StartOutcome.Started("arn:execution"),
                            "test", clock),
                    new DeploymentApprovals(new InMemoryDeploymentStore(), new UnreachableWorkflow(), clock), Optional.empty(), clock),
                    new JobsEndpoint(jobs), new ConfigEndpoint(Optional.of(provider))),
            new ScheduleService(jobs, sent::addAll, List::of, clock),
            new NotificationRouter(notification -> { }, Severity.WARNING),
            Optional.of(provider));

    private Object fireCostSchedule() {
        return handler.handle(Json.read(RepoRoot.read("events/schedule-cost.json"), JsonNode.class));
    }

    @Test
    void rejectsAnInvalidPush_whenTheNextScheduleFires_andStillDispatchesTheWork() {
        fireCostSchedule();
        stored.add(new ConfigSource.StoredConfig("2", VALID.replace("environment: prod", "environment: PROD")));

        fireCostSchedule();

        assertThat(notifications).singleElement().extracting(Notification::subject).isEqualTo("Configuration version 2 rejected");
        assertThat(provider.active().version()).isEqualTo("1");
        assertThat(sent).hasSize(2);
    }

    @Test
    void stillRunsTheSchedule_whenNoValidConfigurationWasEverLoaded() {
        stored.set(0, new ConfigSource.StoredConfig("1", "schemaVersion: 2\n"));

        Object outcome = fireCostSchedule();

        assertThat(Json.mapper().valueToTree(outcome).path("outcome").asText()).isEqualTo("DISPATCHED");
        assertThat(notifications).hasSize(1);
        assertThat(sent).hasSize(1);
    }
}
