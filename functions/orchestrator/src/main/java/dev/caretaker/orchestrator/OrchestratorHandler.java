package dev.caretaker.orchestrator;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.aws.AwsClientFactory;
import dev.caretaker.events.Severity;
import dev.caretaker.job.DynamoDbJobStore;
import dev.caretaker.job.JobStore;
import dev.caretaker.job.JobType;
import dev.caretaker.json.Json;
import dev.caretaker.notify.SnsNotifier;
import dev.caretaker.observability.Observability;
import dev.caretaker.orchestrator.notify.NotificationRouter;
import dev.caretaker.orchestrator.schedule.EnvironmentStackSource;
import dev.caretaker.orchestrator.schedule.ScheduleEvents;
import dev.caretaker.orchestrator.schedule.ScheduleOutcome;
import dev.caretaker.orchestrator.schedule.ScheduleService;
import dev.caretaker.orchestrator.schedule.SqsWorkQueues;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The orchestrator's Lambda entry point. One function serves three event sources, told apart by
 * shape: EventBridge Scheduler input and classic scheduled events (→ jobs and work items),
 * result events from the Caretaker bus (→ notifications). A stream handler keeps the event
 * parsing in our hands: one Jackson pass, no reflective POJO mapping on the cold path.
 */
public final class OrchestratorHandler implements RequestStreamHandler {

    private final ScheduleService schedules;
    private final NotificationRouter notifications;

    public OrchestratorHandler() {
        this(AwsClientFactory.fromEnvironment(), Clock.systemUTC());
    }

    /** The same wiring as in Lambda from an injected environment: what the local runtime and end-to-end tests use. */
    public OrchestratorHandler(AwsClientFactory clients, Clock clock) {
        this(clients, clock, new DynamoDbJobStore(clients.build(DynamoDbClient.builder(), "DYNAMODB"), clients.require("STATE_TABLE")));
    }

    private OrchestratorHandler(AwsClientFactory clients, Clock clock, JobStore jobs) {
        this(new ScheduleService(jobs,
                        new SqsWorkQueues(clients.build(SqsClient.builder(), "SQS"), Map.of(
                                JobType.DRIFT_CHECK, clients.require("DRIFT_QUEUE_URL"),
                                JobType.COST_REPORT, clients.require("COST_QUEUE_URL"),
                                JobType.BACKUP, clients.require("BACKUP_QUEUE_URL"))),
                        new EnvironmentStackSource(clients.optional("DRIFT_STACKS", "")),
                        clock),
                new NotificationRouter(new SnsNotifier(clients.build(SnsClient.builder(), "SNS"),
                        clients.require("NOTIFICATION_TOPIC_ARN")), Severity.WARNING));
    }

    OrchestratorHandler(ScheduleService schedules, NotificationRouter notifications) {
        this.schedules = schedules;
        this.notifications = notifications;
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
        if (ScheduleEvents.isSchedulerInput(event) || ScheduleEvents.isClassicScheduledEvent(event)) {
            return describe(schedules.handle(ScheduleEvents.parse(event)));
        }
        if (NotificationRouter.isResultEvent(event)) {
            return Map.of("notified", notifications.route(event));
        }
        throw new IllegalArgumentException("unrecognised orchestrator event: expected an HTTP API request, a schedule"
                + " or a caretaker.* result event (top-level keys: " + fieldNames(event) + ")");
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
