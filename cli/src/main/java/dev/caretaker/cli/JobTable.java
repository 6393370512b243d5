package dev.caretaker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Jobs as the API returns them (JobViews' JSON), laid out for a terminal. */
final class JobTable {

    // Wide enough to recognise an error, short enough to keep a row on one line.
    static final int ERROR_CHARS = 60;

    static final List<String> LIST_HEADERS = List.of("ID", "TYPE", "TARGET", "STATUS", "ATTEMPTS", "CREATED", "ERROR");

    private JobTable() {
    }

    static Table list(List<JsonNode> jobs) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode job : jobs) {
            rows.add(List.of(
                    text(job, "id"),
                    text(job, "type"),
                    text(job, "target"),
                    text(job, "status"),
                    text(job, "attempts"),
                    text(job, "createdAt"),
                    Table.truncate(text(job, "error"), ERROR_CHARS)));
        }
        return new Table(LIST_HEADERS, rows);
    }

    /** One job, field by field, nothing truncated. */
    static Table details(JsonNode job) {
        JsonNode trigger = job.path("trigger");
        String triggerText = trigger.isObject()
                ? (text(trigger, "kind") + " " + text(trigger, "key")).strip()
                : text(job, "trigger");
        JsonNode result = job.path("result");
        String resultText = result.isMissingNode() || result.isNull() || (result.isContainerNode() && result.isEmpty())
                ? ""
                : result.isValueNode() ? result.asText() : result.toString();
        return new Table(List.of(), List.of(
                List.of("ID", text(job, "id")),
                List.of("TYPE", text(job, "type")),
                List.of("TARGET", text(job, "target")),
                List.of("STATUS", text(job, "status")),
                List.of("ATTEMPTS", text(job, "attempts")),
                List.of("TRIGGER", triggerText),
                List.of("CREATED", text(job, "createdAt")),
                List.of("UPDATED", text(job, "updatedAt")),
                List.of("STARTED", text(job, "startedAt")),
                List.of("FINISHED", text(job, "finishedAt")),
                List.of("PARENT", text(job, "parentId")),
                List.of("CORRELATION", text(job, "correlationId")),
                List.of("ERROR", text(job, "error")),
                List.of("RESULT", resultText)));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? "" : value.asText();
    }
}
