package dev.caretaker.deployment.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.json.Json;
import java.util.Map;

/** Turns the {@code {Error, Cause}} Step Functions' Catch records into a line a person can act on. */
public final class StepErrors {

    private StepErrors() {
    }

    /**
     * For a Lambda function error the Error is the exception's class name and the Cause Lambda's JSON
     * error document; an operator needs "TEMPLATE_MISMATCH: the template at … has SHA-256 …", not
     * the stack trace. A {@code PermanentFailure}'s message is shown alone; other exceptions keep their
     * simple class name in front; {@code States.*} errors stay whole.
     */
    public static String describe(Map<?, ?> error) {
        if (error == null || error.isEmpty()) {
            return null;
        }
        String name = error.get("Error") == null ? "" : error.get("Error").toString();
        // A Java class name (dev.caretaker.work.PermanentFailure) shortens; States.Timeout and friends stay whole.
        String shortName = name.matches("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*\\.[A-Z][\\w$]*")
                ? name.substring(name.lastIndexOf('.') + 1) : name;
        String cause = error.get("Cause") == null ? "" : error.get("Cause").toString();
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
        if ("PermanentFailure".equals(shortName) && !message.isEmpty()) {
            return message;
        }
        if (shortName.isEmpty()) {
            return message;
        }
        return message.isEmpty() ? shortName : shortName + ": " + message;
    }
}
