package dev.caretaker.orchestrator;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caretaker.aws.AwsClientFactory;
import dev.caretaker.aws.SnapStartPriming;
import dev.caretaker.config.ConfigProvider;
import dev.caretaker.config.ConfigProviderFactory;
import dev.caretaker.config.ConfigUnavailableException;
import dev.caretaker.deployments.DynamoDbDeploymentStore;
import dev.caretaker.events.Severity;
import dev.caretaker.job.DynamoDbJobStore;
import dev.caretaker.job.JobStore;
import dev.caretaker.job.JobType;
import dev.caretaker.json.Json;
import dev.caretaker.notify.SnsNotifier;
import dev.caretaker.observability.Observability;
import dev.caretaker.observability.PowertoolsConfigMetrics;
import dev.caretaker.orchestrator.api.ApiRouter;
import dev.caretaker.orchestrator.api.ApiRouterFactory;
import dev.caretaker.orchestrator.api.DriftChecksEndpoint;
import dev.caretaker.orchestrator.api.HttpApiEvents;
import dev.caretaker.orchestrator.api.HttpRequest;
import dev.caretaker.orchestrator.api.HttpResponse;
import dev.caretaker.orchestrator.deployments.DriftRemediations;
import dev.caretaker.orchestrator.notify.NotificationRouter;
import dev.caretaker.orchestrator.schedule.CloudFormationTaggedStacks;
import dev.caretaker.orchestrator.schedule.ConfiguredStackSource;
import dev.caretaker.orchestrator.schedule.DriftFanOut;
import dev.caretaker.orchestrator.schedule.EnvironmentStackSource;
import dev.caretaker.orchestrator.schedule.ScheduleEvents;
import dev.caretaker.orchestrator.schedule.ScheduleOutcome;
import dev.caretaker.orchestrator.schedule.ScheduleService;
import dev.caretaker.orchestrator.schedule.SqsWorkQueues;
import dev.caretaker.orchestrator.schedule.StackSource;
import dev.caretaker.orchestrator.schedule.WorkQueues;
import dev.caretaker.orchestrator.webhook.StepFunctionsDeploymentStarter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The orchestrator's Lambda entry point. One function serves four event sources, told apart by
 * shape: HTTP API requests (→ webhooks and status routes), EventBridge Scheduler input and
 * classic scheduled events (→ jobs and work items), result events from the Caretaker bus
 * (→ notifications). A stream handler keeps the event
 * parsing in our hands: one Jackson pass, no reflective POJO mapping on the cold path.
 */
public final class OrchestratorHandler implements RequestStreamHandler {

    private static final String METRICS_NAMESPACE = "POWERTOOLS_METRICS_NAMESPACE";
    private static final Logger LOG = LoggerFactory.getLogger(OrchestratorHandler.class);

    private final ApiRouter api;
    private final ScheduleService schedules;
    private final NotificationRouter notifications;
    private final SnapStartPriming priming;
    private final Optional<ConfigProvider> config;
    private final Optional<DriftRemediations> remediations;

    public OrchestratorHandler() {
        this(AwsClientFactory.fromEnvironment(), Clock.systemUTC());
    }

    /** The same wiring as in Lambda from an injected environment: what the local runtime and end-to-end tests use. */
    public OrchestratorHandler(AwsClientFactory clients, Clock clock) {
        this(Wiring.from(clients, clock));
    }

    private OrchestratorHandler(Wiring wiring) {
        this(wiring.api(), wiring.schedules(), wiring.notifications(), wiring.config(), Optional.of(wiring.remediations()));
    }

    /** The parts built from the environment, in the order they depend on each other. */
    private record Wiring(ApiRouter api, ScheduleService schedules, NotificationRouter notifications,
                          Optional<ConfigProvider> config, DriftRemediations remediations) {

        static Wiring from(AwsClientFactory clients, Clock clock) {
            JobStore jobs = new DynamoDbJobStore(clients.build(DynamoDbClient.builder(), "DYNAMODB"), clients.require("STATE_TABLE"));
            WorkQueues queues = new SqsWorkQueues(clients.build(SqsClient.builder(), "SQS"), Map.of(
                    JobType.DRIFT_CHECK, clients.require("DRIFT_QUEUE_URL"),
                    JobType.COST_REPORT, clients.require("COST_QUEUE_URL"),
                    JobType.BACKUP, clients.require("BACKUP_QUEUE_URL")));
            SnsNotifier notifier = new SnsNotifier(clients.build(SnsClient.builder(), "SNS"), clients.require("NOTIFICATION_TOPIC_ARN"));
            String namespace = clients.optional(METRICS_NAMESPACE, "Caretaker");
            Optional<ConfigProvider> config = ConfigProviderFactory.fromEnvironment(clients, notifier,
                    new PowertoolsConfigMetrics(Observability.metrics(namespace), namespace, "config"), clock);
            StackSource stacks = new ConfiguredStackSource(config, new EnvironmentStackSource(clients.optional("DRIFT_STACKS", "")),
                    new CloudFormationTaggedStacks(() -> clients.build(CloudFormationClient.builder(), "CLOUDFORMATION"),
                            clients.optional("MANAGED_STACK_PREFIX", "")));
            ApiRouter api = ApiRouterFactory.fromEnvironment(clients, jobs, clock,
                    new DriftChecksEndpoint(new DriftFanOut(jobs, queues, clock), stacks, jobs), config);
            DriftRemediations remediations = new DriftRemediations(jobs,
                    new DynamoDbDeploymentStore(clients.build(DynamoDbClient.builder(), "DYNAMODB"), clients.require("STATE_TABLE")),
                    new StepFunctionsDeploymentStarter(clients.build(SfnClient.builder(), "SFN"),
                            clients.require(ApiRouterFactory.ENV_STATE_MACHINE)),
                    clients.optional(ApiRouterFactory.ENV_ENVIRONMENT, null), clock);
            return new Wiring(api, new ScheduleService(jobs, queues, stacks, clock), new NotificationRouter(notifier, Severity.WARNING),
                    config, remediations);
        }
    }

    OrchestratorHandler(ApiRouter api, ScheduleService schedules, NotificationRouter notifications) {
        this(api, schedules, notifications, Optional.empty());
    }

    OrchestratorHandler(ApiRouter api, ScheduleService schedules, NotificationRouter notifications, Optional<ConfigProvider> config) {
        this(api, schedules, notifications, config, Optional.empty());
    }

    OrchestratorHandler(ApiRouter api, ScheduleService schedules, NotificationRouter notifications, Optional<ConfigProvider> config,
                        Optional<DriftRemediations> remediations) {
        this.remediations = remediations;
        this.api = api;
        this.schedules = schedules;
        this.notifications = notifications;
        this.config = config;
        this.priming = SnapStartPriming.register(this::prime);
    }

    /** Walks the status route for a job that cannot exist: loads routing, Jackson and the DynamoDB path into the snapshot. */
    private void prime() {
        ObjectNode request = Json.mapper().createObjectNode();
        request.put("version", "2.0").put("routeKey", ApiRouter.JOB_ROUTE).put("rawPath", "/jobs/drift-000000000000000000000000");
        request.putObject("requestContext").put("requestId", "priming").putObject("http").put("method", "GET");
        request.putObject("pathParameters").put("id", "drift-000000000000000000000000");
        handle(request);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = Json.mapper().readTree(input);
        Object response = Observability.invocation(context, () -> handle(event));
        Json.mapper().writeValue(output, response);
    }

    Object handle(JsonNode event) {
        if (event == null || !event.isObject()) {
            throw new IllegalArgumentException("orchestrator event must be a JSON object");
        }
        if (HttpApiEvents.isHttpApiEvent(event)) {
            return HttpApiEvents.toResponseJson(answer(event));
        }
        if (ScheduleEvents.isSchedulerInput(event) || ScheduleEvents.isClassicScheduledEvent(event)) {
            refreshConfiguration();
            return describe(schedules.handle(ScheduleEvents.parse(event)));
        }
        if (remediations.isPresent() && DriftRemediations.isRequest(event)) {
            return remediations.get().launch(event);
        }
        if (NotificationRouter.isResultEvent(event)) {
            return Map.of("notified", notifications.route(event));
        }
        throw new IllegalArgumentException("unrecognised orchestrator event: expected an HTTP API request, a schedule"
                + " or a caretaker.* result event (top-level keys: " + fieldNames(event) + ")");
    }

    private HttpResponse answer(JsonNode event) {
        HttpRequest request;
        try {
            request = HttpApiEvents.toRequest(event);
        } catch (IllegalArgumentException malformed) {
            return HttpResponse.badRequest(malformed.getMessage());
        }
        return api.handle(request);
    }

    /**
     * Schedules fire on their own, so each one also checks for a new configuration version: a bad
     * push is rejected (metric, notification) within a schedule period even when nobody asks for
     * it. Nothing here depends on the configuration yet, so being unable to load one is only logged.
     */
    private void refreshConfiguration() {
        config.ifPresent(provider -> {
            try {
                provider.active();
            } catch (ConfigUnavailableException e) {
                LOG.warn("no valid configuration: {}", e.getMessage());
            }
        });
    }

    private static Map<String, Object> describe(ScheduleOutcome outcome) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("jobId", outcome.jobId());
        switch (outcome) {
            case ScheduleOutcome.Dispatched dispatched -> {
                result.put("outcome", "DISPATCHED");
                result.put("workItems", dispatched.workItemJobIds());
            }
            case ScheduleOutcome.AlreadyHandled handled -> result.put("outcome", "ALREADY_HANDLED");
            case ScheduleOutcome.InProgressElsewhere elsewhere -> result.put("outcome", "IN_PROGRESS_ELSEWHERE");
        }
        return result;
    }

    private static String fieldNames(JsonNode event) {
        StringBuilder names = new StringBuilder();
        event.fieldNames().forEachRemaining(name -> names.append(names.isEmpty() ? "" : ", ").append(name));
        return names.toString();
    }
}
