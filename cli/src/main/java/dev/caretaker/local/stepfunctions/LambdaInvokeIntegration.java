package dev.caretaker.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * {@code arn:aws:states:::lambda:invoke} against local functions. The result has the shape of the
 * real integration's ({@code {"ExecutedVersion", "Payload", "SdkHttpMetadata", "SdkResponseMetadata",
 * "StatusCode"}}), and a function's exception becomes the error Step Functions reports for a Java
 * function: named after the exception's class as the Java runtime reports it
 * ({@code getClass().getName()}, the fully qualified name), with the runtime's error document
 * ({@code {"errorMessage","errorType","stackTrace"}}) as the cause.
 */
final class LambdaInvokeIntegration {

    /** Step Functions keeps at most this much of a cause. */
    private static final int MAX_CAUSE = 32768;

    private final Map<String, TaskFunction> functions;

    LambdaInvokeIntegration(Map<String, TaskFunction> functions) {
        this.functions = Map.copyOf(functions);
    }

    JsonNode invoke(JsonNode parameters) throws StateFailure, InterruptedException {
        JsonNode name = parameters.get("FunctionName");
        if (name == null || !name.isTextual()) {
            throw StateFailure.runtime("The value for the field 'FunctionName' must be a STRING, not " + name);
        }
        TaskFunction function = functions.get(name.asText());
        if (function == null) {
            throw new StateFailure("Lambda.ResourceNotFoundException", "Function not found: " + name.asText()
                    + " (Service: Lambda, Status Code: 404); the local runtime has " + new TreeSet<>(functions.keySet()));
        }
        JsonNode payload = parameters.has("Payload") ? parameters.get("Payload") : JsonNodeFactory.instance.objectNode();
        JsonNode result;
        try {
            result = function.invoke(payload.deepCopy());
        } catch (LambdaServiceError serviceError) {
            throw new StateFailure(serviceError.error(), serviceError.getMessage());
        } catch (InterruptedException interrupted) {
            throw interrupted;
        } catch (Exception functionError) {
            throw failureOf(functionError);
        }
        return response(result == null ? JsonNodeFactory.instance.nullNode() : result);
    }

    private static ObjectNode response(JsonNode payload) {
        String requestId = UUID.randomUUID().toString();
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        response.put("ExecutedVersion", "$LATEST");
        response.set("Payload", payload);
        ObjectNode http = response.putObject("SdkHttpMetadata");
        ObjectNode headers = http.putObject("HttpHeaders");
        headers.put("Content-Type", "application/json");
        headers.put("X-Amz-Executed-Version", "$LATEST");
        headers.put("x-amzn-RequestId", requestId);
        http.put("HttpStatusCode", 200);
        response.putObject("SdkResponseMetadata").put("RequestId", requestId);
        response.put("StatusCode", 200);
        return response;
    }

    private static StateFailure failureOf(Exception exception) {
        String type = exception.getClass().getName();
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.put("errorMessage", exception.getMessage() == null ? type : exception.getMessage());
        document.put("errorType", type);
        ArrayNode trace = document.putArray("stackTrace");
        for (StackTraceElement frame : exception.getStackTrace()) {
            // The Java runtime leaves its own frames out; here the interpreter's frames are the runtime's.
            if (frame.getClassName().startsWith(LambdaInvokeIntegration.class.getPackageName() + ".")) {
                break;
            }
            trace.add(frame.toString());
        }
        String cause = document.toString();
        return new StateFailure(type, cause.length() > MAX_CAUSE ? cause.substring(0, MAX_CAUSE) : cause);
    }
}
