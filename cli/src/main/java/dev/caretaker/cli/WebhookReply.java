package dev.caretaker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the webhook API answered a delivery, as the operator reads it. */
sealed interface WebhookReply {

    static WebhookReply of(ApiResponse response) {
        if (!response.isSuccess()) {
            return new Refused(response.status(), response.errorMessage());
        }
        JsonNode body = null;
        try {
            body = Json.mapper().readTree(response.body());
        } catch (Exception notJson) {
            // shown as text below
        }
        if (body != null && body.path("jobId").isTextual()) {
            return new Accepted(body.path("jobId").asText(), body.path("status").asText(""),
                    body.path("duplicate").asBoolean(false), response.body());
        }
        return new Answered(response.status(), body, response.body());
    }

    /** A deployment job exists for this delivery (new, or the one an earlier attempt made). */
    record Accepted(String jobId, String status, boolean duplicate, String body) implements WebhookReply {
        Table table() {
            return new Table(List.of("JOB", "STATUS", "DUPLICATE"), List.of(List.of(jobId, status, String.valueOf(duplicate))));
        }
    }

    /** A 2xx without a job: a ping, or an event Caretaker ignores. */
    record Answered(int status, JsonNode json, String body) implements WebhookReply {
        Table table() {
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("HTTP", String.valueOf(status)));
            if (json != null && json.isObject()) {
                json.properties().forEach(field -> rows.add(List.of(field.getKey().toUpperCase(Locale.ROOT),
                        field.getValue().isValueNode() ? field.getValue().asText() : field.getValue().toString())));
            } else if (!body.isBlank()) {
                rows.add(List.of("BODY", body));
            }
            return new Table(List.of(), rows);
        }
    }

    record Refused(int status, String message) implements WebhookReply {
    }
}
