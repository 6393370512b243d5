package dev.caretaker.orchestrator.deployments;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.json.Json;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;

/**
 * The JSON object body of a deployments request, read field by field with errors that name the
 * field and never echo more than a bounded piece of a value. Unknown fields are refused, so a typo
 * ({@code "reasn"}) is reported instead of silently ignored.
 */
final class RequestFields {

    /** Why a body cannot be acted on; the message goes back to the caller as a 400. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    private final JsonNode root;

    private RequestFields(JsonNode root) {
        this.root = root;
    }

    /** An empty body reads as {@code {}}. */
    static RequestFields parse(byte[] body, Set<String> allowed) throws Invalid {
        JsonNode root;
        if (body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            root = Json.mapper().createObjectNode();
        } else {
            try {
                root = Json.mapper().readTree(body);
            } catch (JsonProcessingException e) {
                JsonLocation at = e.getLocation();
                throw new Invalid("body is not JSON" + (at == null ? "" : " (line " + at.getLineNr() + ", column "
                        + at.getColumnNr() + ")"));
            } catch (IOException e) {
                throw new Invalid("body is not JSON");
            }
        }
        if (root == null || !root.isObject()) {
            throw new Invalid("body must be a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new Invalid("unknown field '" + shorten(name) + "'; expected only " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
        return new RequestFields(root);
    }

    /** A required non-blank string, trimmed. */
    String text(String field) throws Invalid {
        String value = optionalText(field, Integer.MAX_VALUE);
        if (value == null) {
            throw new Invalid("missing field " + field);
        }
        return value;
    }

    /** An optional string, trimmed; null when absent, null or blank. */
    String optionalText(String field, int maxChars) throws Invalid {
        return optionalText(root, field, field, maxChars);
    }

    boolean flag(String field) throws Invalid {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new Invalid("invalid field " + field + ": must be true or false");
        }
        return value.booleanValue();
    }

    /** An optional nested object; null when absent or null. */
    JsonNode optionalObject(String field) throws Invalid {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw new Invalid("invalid field " + field + ": must be an object");
        }
        return value;
    }

    static String optionalText(JsonNode parent, String field, String path, int maxChars) throws Invalid {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new Invalid("invalid field " + path + ": must be a string");
        }
        String text = value.asText().strip();
        if (text.isEmpty()) {
            return null;
        }
        if (text.length() > maxChars) {
            throw new Invalid("invalid field " + path + ": longer than " + maxChars + " characters");
        }
        if (text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            throw new Invalid("invalid field " + path + ": contains control characters");
        }
        return text;
    }

    static String shorten(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "…";
    }
}
