package dev.caretaker.orchestrator.webhook;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.json.Json;
import java.io.IOException;

/** Reading webhook bodies with errors that name the field ("release.version") and never echo the body. */
final class JsonBody {

    private JsonBody() {
    }

    static JsonNode parseObject(byte[] body, String hint) throws InvalidWebhookException {
        if (body.length == 0) {
            throw new InvalidWebhookException("body is empty; expected a JSON object" + hint);
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new InvalidWebhookException("body is not JSON" + where + hint);
        } catch (IOException e) {
            throw new InvalidWebhookException("body is not JSON" + hint);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidWebhookException("body must be a JSON object" + hint);
        }
        return root;
    }

    static JsonNode object(JsonNode parent, String path) throws InvalidWebhookException {
        JsonNode value = parent.get(leaf(path));
        if (value == null || value.isNull()) {
            throw new InvalidWebhookException("missing field " + path);
        }
        if (!value.isObject()) {
            throw new InvalidWebhookException("invalid field " + path + ": must be an object");
        }
        return value;
    }

    static String text(JsonNode parent, String path) throws InvalidWebhookException {
        JsonNode value = parent.get(leaf(path));
        if (value == null || value.isNull()) {
            throw new InvalidWebhookException("missing field " + path);
        }
        if (!value.isTextual()) {
            throw new InvalidWebhookException("invalid field " + path + ": must be a string");
        }
        String text = value.asText().trim();
        if (text.isEmpty()) {
            throw new InvalidWebhookException("missing field " + path + ": it is empty");
        }
        return text;
    }

    private static String leaf(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }
}
