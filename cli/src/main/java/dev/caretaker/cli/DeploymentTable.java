package dev.caretaker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Deployment records and answers as the API returns them, laid out for a terminal. */
final class DeploymentTable {

    static final List<String> HISTORY_HEADERS = List.of("ID", "VERSION", "STATUS", "STARTED", "DURATION", "REASON");
    // Wide enough to recognise a reason, short enough to keep a row on one line.
    static final int REASON_CHARS = 80;

    private DeploymentTable() {
    }

    /** One deployment, field by field, then its event lines. */
    static String details(JsonNode deployment) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("ID", text(deployment, "id")));
        rows.add(List.of("STACK", text(deployment, "stack")));
        rows.add(List.of("VERSION", text(deployment, "version") + (deployment.path("rollback").asBoolean(false) ? " (rollback)" : "")));
        rows.add(List.of("STATUS", text(deployment, "status")));
        rows.add(List.of("REASON", text(deployment, "reason")));
        rows.add(List.of("JOB", text(deployment, "jobStatus")));
        rows.add(List.of("ENVIRONMENT", text(deployment, "environment")));
        rows.add(List.of("MANIFEST", text(deployment, "manifest")));
        rows.add(List.of("ORIGIN", origin(deployment.path("origin"))));
        rows.add(List.of("CREATED", text(deployment, "createdAt")));
        rows.add(List.of("UPDATED", text(deployment, "updatedAt")));
        rows.add(List.of("PROGRESS", progress(deployment.path("progress"))));
        rows.add(List.of("PREVIEW", preview(deployment.path("preview"))));
        rows.add(List.of("APPROVAL", approval(deployment.path("approval"))));
        rows.add(List.of("RECOVERY", recovery(deployment.path("recovery"))));
        StringBuilder out = new StringBuilder(new Table(List.of(), rows).render());
        JsonNode events = deployment.path("events");
        if (events.isArray() && !events.isEmpty()) {
            out.append("EVENTS").append(System.lineSeparator());
            events.forEach(line -> out.append("  ").append(line.asText()).append(System.lineSeparator()));
        }
        return out.toString();
    }

    /** A stack's deployments, newest first. */
    static Table history(List<JsonNode> deployments) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode deployment : deployments) {
            JsonNode seconds = deployment.path("durationSeconds");
            rows.add(List.of(
                    text(deployment, "id"),
                    text(deployment, "version"),
                    text(deployment, "status"),
                    text(deployment, "createdAt"),
                    seconds.isNumber() ? duration(seconds.asLong()) : "",
                    Table.truncate(text(deployment, "reason"), REASON_CHARS)));
        }
        return new Table(HISTORY_HEADERS, rows);
    }

    /** An answer of the API, field by field under the given labels: label → JSON key. */
    static Table answer(JsonNode answer, Map<String, String> fields) {
        List<List<String>> rows = new ArrayList<>();
        fields.forEach((label, key) -> rows.add(List.of(label, text(answer, key))));
        return new Table(List.of(), rows);
    }

    /** "3/7 resources done, current: AppTable", from the record's progress; empty before any. */
    static String progress(JsonNode progress) {
        if (!progress.isObject() || progress.isEmpty() || !progress.has("total")) {
            return "";
        }
        String current = text(progress, "currentResource");
        return text(progress, "done") + "/" + text(progress, "total") + " resources done"
                + (current.isEmpty() ? "" : ", current: " + current);
    }

    /** "2 changes (add 1, modify 1), RISKY: …" from the preview summary; empty before the preview. */
    static String preview(JsonNode preview) {
        if (!preview.isObject() || preview.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        JsonNode counts = preview.path("counts");
        int total = 0;
        List<String> parts = new ArrayList<>();
        if (counts.isObject()) {
            for (var entry : counts.properties()) {
                total += entry.getValue().asInt();
                parts.add(entry.getKey() + " " + entry.getValue().asInt());
            }
        }
        JsonNode changes = preview.path("changes");
        if (changes.isArray() && parts.isEmpty()) {
            total = changes.size();
        }
        text.append(total).append(total == 1 ? " change" : " changes");
        if (!parts.isEmpty()) {
            text.append(" (").append(String.join(", ", parts)).append(")");
        }
        if (preview.path("risky").asBoolean(false)) {
            List<String> reasons = new ArrayList<>();
            preview.path("reasons").forEach(reason -> reasons.add(reason.asText()));
            text.append(", RISKY").append(reasons.isEmpty() ? "" : ": " + String.join("; ", reasons));
        } else if (preview.has("risky")) {
            text.append(", routine");
        }
        return text.toString();
    }

    static String approval(JsonNode approval) {
        if (!approval.isObject() || approval.isEmpty()) {
            return "";
        }
        String decision = approval.has("decision") ? text(approval, "decision")
                : approval.path("approved").asBoolean() ? "approve" : "reject";
        String reason = text(approval, "reason");
        return decision + " by " + text(approval, "by") + (reason.isEmpty() ? "" : ": " + reason) + " at " + text(approval, "at");
    }

    /** "45s", "3m 05s", "2h 07m". */
    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format("%dm %02ds", seconds / 60, seconds % 60);
        }
        return String.format("%dh %02dm", seconds / 3600, (seconds % 3600) / 60);
    }

    private static String origin(JsonNode origin) {
        if (!origin.isObject() || origin.isEmpty()) {
            return "";
        }
        if (origin.has("source")) {
            return "webhook " + text(origin, "source") + ", delivery " + text(origin, "deliveryId");
        }
        String text = "requested by " + text(origin, "requestedBy");
        JsonNode promoted = origin.path("promotedFrom");
        if (promoted.isObject()) {
            text += ", promoted from " + text(promoted, "environment") + " (" + text(promoted, "deploymentId") + ")";
        }
        return text;
    }

    private static String recovery(JsonNode recovery) {
        if (!recovery.isObject() || recovery.isEmpty()) {
            return "";
        }
        return "back to " + text(recovery, "version") + " (" + text(recovery, "deploymentId") + ")"
                + (recovery.hasNonNull("reason") ? ": " + text(recovery, "reason") : "");
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? "" : value.isValueNode() ? value.asText() : value.toString();
    }
}
