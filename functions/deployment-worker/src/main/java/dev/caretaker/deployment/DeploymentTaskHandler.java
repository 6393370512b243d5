package dev.caretaker.deployment;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.aws.AwsClientFactory;
import dev.caretaker.events.EventBridgePublisher;
import dev.caretaker.job.DynamoDbJobStore;
import dev.caretaker.json.Json;
import dev.caretaker.observability.Observability;
import java.time.Clock;
import java.util.Map;
import org.slf4j.MDC;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * Lambda entry point for the deployment state machine's tasks. The state machine passes
 * {@code {"action": "...", "input": <execution state>}}; an exception fails the task and the
 * state machine's Catch records the failure.
 */
public final class DeploymentTaskHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final DeploymentTasks tasks;

    public DeploymentTaskHandler() {
        this(AwsClientFactory.fromEnvironment());
    }

    /** The same wiring as in Lambda from an injected environment: what the local runtime and end-to-end tests use. */
    public DeploymentTaskHandler(AwsClientFactory clients) {
        this(new DeploymentTasks(
                new DynamoDbJobStore(clients.build(DynamoDbClient.builder(), "DYNAMODB"), clients.require("STATE_TABLE")),
                new CloudFormationStackInspector(clients.build(CloudFormationClient.builder(), "CLOUDFORMATION")),
                new EventBridgePublisher(clients.build(EventBridgeClient.builder(), "EVENTBRIDGE"), clients.require("EVENT_BUS_NAME")),
                Clock.systemUTC()));
    }

    DeploymentTaskHandler(DeploymentTasks tasks) {
        this.tasks = tasks;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return Observability.invocation(context, () -> dispatch(event));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> dispatch(Map<String, Object> event) {
        Object action = event == null ? null : event.get("action");
        Object rawInput = event == null ? null : event.get("input");
        if (!(rawInput instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("deployment task event lacks an 'input' object");
        }
        DeploymentInput input = DeploymentInput.from((Map<String, Object>) rawInput);
        MDC.put("jobId", input.jobId());
        try {
            return switch (String.valueOf(action)) {
                case "begin" -> tasks.begin(input);
                case "checkStack" -> tasks.checkStack(input);
                case "complete" -> tasks.complete(input);
                case "fail" -> tasks.fail(input, errorOf((Map<String, Object>) rawInput));
                default -> throw new IllegalArgumentException("unknown deployment task action '" + action
                        + "'; expected begin, checkStack, complete or fail");
            };
        } finally {
            MDC.remove("jobId");
        }
    }

    /**
     * Step Functions' Catch puts {Error, Cause} at $.error. For a Lambda function error the Error
     * is the exception's class name and the Cause Lambda's JSON error document; an operator needs
     * "PermanentFailure: stack is UPDATE_ROLLBACK_FAILED: …", not the stack trace.
     */
    static String errorOf(Map<String, Object> input) {
        Object error = input.get("error");
        if (!(error instanceof Map<?, ?> map)) {
            return error == null ? null : error.toString();
        }
        String name = map.get("Error") == null ? "" : map.get("Error").toString();
        // A Java class name (dev.caretaker.work.PermanentFailure) shortens; States.Timeout and friends stay whole.
        String shortName = name.matches("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*\\.[A-Z]\\w*")
                ? name.substring(name.lastIndexOf('.') + 1) : name;
        String cause = map.get("Cause") == null ? "" : map.get("Cause").toString();
        String message = cause;
        if (cause.startsWith("{")) {
            try {
                JsonNode document = Json.mapper().readTree(cause);
                if (document.hasNonNull("errorMessage")) {
                    message = document.get("errorMessage").asText();
                }
            } catch (JsonProcessingException notLambdasDocument) {
                // Not Lambda's error document: keep the cause as it came.
            }
        }
        if (shortName.isEmpty()) {
            return message;
        }
        return message.isEmpty() ? shortName : shortName + ": " + message;
    }
}
