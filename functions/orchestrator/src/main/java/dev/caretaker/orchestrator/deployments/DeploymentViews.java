package dev.caretaker.orchestrator.deployments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caretaker.deployments.Deployment;
import dev.caretaker.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The public JSON shapes of a deployment record. */
public final class DeploymentViews {

    private DeploymentViews() {
    }

    /**
     * The whole record, every field under its record name, except the approval step's task token (a
     * credential for answering it), plus {@code approval.decision} and the job's status.
     */
    public static ObjectNode view(Deployment deployment, String jobStatus) {
        ObjectNode view = Json.mapper().valueToTree(deployment);
        view.remove("approvalToken");
        if (deployment.approval() != null && view.path("approval").isObject()) {
            ((ObjectNode) view.get("approval")).put("decision", deployment.approval().decision());
        }
        view.put("jobStatus", jobStatus);
        return view;
    }

    /** One line of a stack's history. */
    public static Map<String, Object> summary(Deployment deployment) {
        Instant ended = deployment.status().isTerminal()
                ? deployment.timings().getOrDefault("end", deployment.updatedAt()) : null;
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("id", deployment.id());
        summary.put("stack", deployment.stack());
        summary.put("version", deployment.version());
        summary.put("manifest", deployment.manifest());
        summary.put("environment", deployment.environment());
        summary.put("rollback", deployment.rollback());
        summary.put("status", deployment.status().name());
        summary.put("reason", deployment.reason());
        summary.put("createdAt", iso(deployment.createdAt()));
        summary.put("updatedAt", iso(deployment.updatedAt()));
        summary.put("endedAt", iso(ended));
        summary.put("durationSeconds", ended == null || deployment.createdAt() == null
                ? null : Duration.between(deployment.createdAt(), ended).toSeconds());
        summary.put("origin", deployment.origin());
        return summary;
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
