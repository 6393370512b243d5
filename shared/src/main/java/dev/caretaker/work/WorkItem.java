package dev.caretaker.work;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.job.JobIds;
import dev.caretaker.job.JobType;
import dev.caretaker.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The body of a message on a worker queue: which job to run, on what. The job record is the
 * source of truth; the message only points at it.
 */
public record WorkItem(String jobId, JobType type, String target, String correlationId, Map<String, String> parameters) {

    public WorkItem {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(target, "target");
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    public String toJson() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jobId", jobId);
        body.put("type", type.name());
        body.put("target", target);
        body.put("correlationId", correlationId);
        body.put("parameters", parameters);
        return Json.write(body);
    }

    /**
     * Reads a message body, naming the first thing wrong with it. A body whose job id is readable
     * but which is otherwise broken still yields the id through {@link MalformedWorkItem#jobId()},
     * so that job can be failed with the reason instead of waiting forever.
     */
    public static WorkItem parse(String body) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(body == null ? "" : body);
        } catch (Exception e) {
            throw new MalformedWorkItem(null, "body is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedWorkItem(null, "body is not a JSON object");
        }
        String jobId = text(root, "jobId");
        if (jobId == null) {
            throw new MalformedWorkItem(null, "missing jobId");
        }
        if (!JobIds.looksValid(jobId)) {
            throw new MalformedWorkItem(null, "jobId '" + abbreviate(jobId) + "' is not a Caretaker job id");
        }
        String type = text(root, "type");
        if (type == null) {
            throw new MalformedWorkItem(jobId, "missing type");
        }
        JobType jobType;
        try {
            jobType = JobType.parse(type);
        } catch (IllegalArgumentException e) {
            throw new MalformedWorkItem(jobId, e.getMessage());
        }
        String target = text(root, "target");
        if (target == null || target.isBlank()) {
            throw new MalformedWorkItem(jobId, "missing target");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        JsonNode params = root.get("parameters");
        if (params != null && !params.isNull()) {
            if (!params.isObject()) {
                throw new MalformedWorkItem(jobId, "parameters must be an object of strings");
            }
            params.properties().forEach(entry -> parameters.put(entry.getKey(), entry.getValue().asText()));
        }
        return new WorkItem(jobId, jobType, target, text(root, "correlationId"), parameters);
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        return node == null || node.isNull() || !node.isTextual() ? null : node.asText();
    }

    private static String abbreviate(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "…";
    }

    /** A message that can never be processed; retrying it would only fail again. */
    public static final class MalformedWorkItem extends RuntimeException {

        private final String jobId;

        public MalformedWorkItem(String jobId, String reason) {
            super("malformed work item: " + reason);
            this.jobId = jobId;
        }

        /** The job the message names, when that much could be read. */
        public String jobId() {
            return jobId;
        }
    }
}
