package dev.caretaker.local.stepfunctions;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.json.Json;
import java.util.Map;
import java.util.Objects;

/**
 * A Lambda function as the local Lambda integration invokes it: the task's Payload in, the
 * function's result out. An exception is a function error, reported as Lambda reports it; throw a
 * {@link LambdaServiceError} to stand for a failure of the Lambda service itself.
 */
@FunctionalInterface
public interface TaskFunction {

    JsonNode invoke(JsonNode payload) throws Exception;

    /**
     * A Lambda handler taking the payload as a map, called as the Java runtime calls it
     * ({@code handleRequest(payload, null)}: there is no Lambda context locally).
     */
    static TaskFunction of(RequestHandler<Map<String, Object>, ?> handler) {
        Objects.requireNonNull(handler, "handler");
        return payload -> {
            if (!payload.isObject()) {
                // What the Java runtime does when the event does not fit the handler's input type.
                throw new IllegalArgumentException("the payload " + payload + " is not a JSON object");
            }
            Map<String, Object> event = Json.mapper().convertValue(payload, new TypeReference<Map<String, Object>>() { });
            return Json.mapper().valueToTree(handler.handleRequest(event, null));
        };
    }
}
