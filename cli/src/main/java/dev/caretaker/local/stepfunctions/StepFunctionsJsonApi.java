package dev.caretaker.local.stepfunctions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caretaker.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The Step Functions operations the local runtime serves, in the AWS JSON 1.0 protocol: a request
 * body and {@code X-Amz-Target: AWSStepFunctions.<Operation>} in, a status and body out, errors as
 * {@code {"__type": "...#<Code>", "message": "..."}} so the SDK raises its modelled exceptions.
 */
final class StepFunctionsJsonApi {

    record Response(int status, String body) {
    }

    private static final String TARGET_PREFIX = "AWSStepFunctions.";
    private static final String ERROR_NAMESPACE = "com.amazonaws.swf.service.v2.model#";
    private static final Pattern STATE_MACHINE_ARN = Pattern.compile("arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}:stateMachine:.+");
    private static final Pattern EXECUTION_ARN = Pattern.compile("arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}:execution:[^:]+:.+");

    private final List<LocalStateMachine> machines;

    StepFunctionsJsonApi(List<LocalStateMachine> machines) {
        this.machines = List.copyOf(machines);
    }

    Response handle(String target, String body) {
        JsonNode request;
        try {
            request = Json.mapper().readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (JsonProcessingException e) {
            return error(400, "SerializationException", "request body is not JSON: " + e.getOriginalMessage());
        }
        String operation = target != null && target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : "";
        try {
            ObjectNode answer = switch (operation) {
                case "StartExecution" -> startExecution(request);
                case "DescribeExecution" -> describeExecution(request);
                case "StopExecution" -> stopExecution(request);
                case "SendTaskSuccess" -> sendTaskSuccess(request);
                case "SendTaskFailure" -> sendTaskFailure(request);
                default -> null;
            };
            if (answer == null) {
                return error(400, "UnknownOperationException", "the local Step Functions does not serve '" + target
                        + "'; it serves StartExecution, DescribeExecution, StopExecution, SendTaskSuccess and SendTaskFailure");
            }
            return new Response(200, answer.toString());
        } catch (StepFunctionsApiException refused) {
            return error(400, refused.code().awsCode(), refused.getMessage());
        }
    }

    private ObjectNode startExecution(JsonNode request) {
        String arn = required(request, "stateMachineArn");
        LocalStateMachine machine = machines.stream().filter(m -> m.stateMachineArn().equals(arn)).findFirst()
                .orElseThrow(() -> STATE_MACHINE_ARN.matcher(arn).matches()
                        ? new StepFunctionsApiException(StepFunctionsApiException.Code.STATE_MACHINE_DOES_NOT_EXIST,
                                "State Machine Does Not Exist: '" + arn + "'")
                        : invalidArn(arn));
        StartedExecution started = machine.startExecution(optional(request, "name"), optional(request, "input"));
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("executionArn", started.executionArn());
        answer.put("startDate", epochSeconds(started.startDate()));
        return answer;
    }

    private ObjectNode describeExecution(JsonNode request) {
        ExecutionDescription execution = located(required(request, "executionArn")).describe();
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("executionArn", execution.executionArn());
        answer.put("stateMachineArn", execution.stateMachineArn());
        answer.put("name", execution.name());
        answer.put("status", execution.status().name());
        answer.put("startDate", epochSeconds(execution.startDate()));
        if (execution.stopDate() != null) {
            answer.put("stopDate", epochSeconds(execution.stopDate()));
        }
        answer.put("input", execution.input());
        answer.putObject("inputDetails").put("included", true);
        if (execution.output() != null) {
            answer.put("output", execution.output());
            answer.putObject("outputDetails").put("included", true);
        }
        if (execution.error() != null) {
            answer.put("error", execution.error());
        }
        if (execution.cause() != null) {
            answer.put("cause", execution.cause());
        }
        return answer;
    }

    private ObjectNode stopExecution(JsonNode request) {
        Located execution = located(required(request, "executionArn"));
        Instant stopped = execution.machine().stopExecution(execution.name(), optional(request, "error"), optional(request, "cause"));
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("stopDate", epochSeconds(stopped));
        return answer;
    }

    private ObjectNode sendTaskSuccess(JsonNode request) {
        String token = required(request, "taskToken");
        machineIssuing(token).sendTaskSuccess(token, required(request, "output"));
        return JsonNodeFactory.instance.objectNode();
    }

    private ObjectNode sendTaskFailure(JsonNode request) {
        String token = required(request, "taskToken");
        machineIssuing(token).sendTaskFailure(token, optional(request, "error"), optional(request, "cause"));
        return JsonNodeFactory.instance.objectNode();
    }

    private record Located(LocalStateMachine machine, String name) {
        ExecutionDescription describe() {
            return machine.describeExecution(name);
        }
    }

    private Located located(String executionArn) {
        for (LocalStateMachine machine : machines) {
            String prefix = machine.executionArn("");
            if (executionArn.startsWith(prefix)) {
                return new Located(machine, executionArn.substring(prefix.length()));
            }
        }
        if (!EXECUTION_ARN.matcher(executionArn).matches()) {
            throw invalidArn(executionArn);
        }
        throw new StepFunctionsApiException(StepFunctionsApiException.Code.EXECUTION_DOES_NOT_EXIST,
                "Execution Does Not Exist: '" + executionArn + "'");
    }

    private LocalStateMachine machineIssuing(String token) {
        return machines.stream().filter(machine -> machine.issuedTaskToken(token)).findFirst()
                .orElseThrow(() -> new StepFunctionsApiException(StepFunctionsApiException.Code.INVALID_TOKEN,
                        "Invalid Token: 'Invalid token'"));
    }

    private static String required(JsonNode request, String field) {
        String value = optional(request, field);
        if (value == null) {
            throw new StepFunctionsApiException(StepFunctionsApiException.Code.VALIDATION, "1 validation error detected:"
                    + " Value null at '" + field + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    private static String optional(JsonNode request, String field) {
        JsonNode value = request.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static StepFunctionsApiException invalidArn(String arn) {
        return new StepFunctionsApiException(StepFunctionsApiException.Code.INVALID_ARN, "Invalid Arn: '" + arn + "'");
    }

    /** The JSON protocol's timestamps: seconds since the epoch, with the milliseconds as a fraction. */
    private static double epochSeconds(Instant instant) {
        return instant.toEpochMilli() / 1000.0;
    }

    private static Response error(int status, String code, String message) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("__type", ERROR_NAMESPACE + Objects.requireNonNull(code));
        body.put("message", message);
        return new Response(status, body.toString());
    }
}
