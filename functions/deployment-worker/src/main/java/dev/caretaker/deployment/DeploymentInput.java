package dev.caretaker.deployment;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The execution input the orchestrator starts the state machine with: which deployment, of what,
 * and who asked. {@code now} asks to deploy outside the maintenance windows (if the configuration
 * allows it); {@code promotedFrom} names the environment and deployment a promotion came from.
 * A drift remediation has {@code mode} {@value #REVERT_DRIFT}, no manifest, the drift check it
 * remediates in {@code remediationOf}, and {@code approval} {@code required} or {@code auto}, as the
 * drift configuration decided.
 */
public record DeploymentInput(String deploymentId, String jobId, String stack, String version, String manifest,
                              String source, String deliveryId, String requestedBy, boolean now,
                              Map<String, Object> promotedFrom, String mode, String approval, String remediationOf) {

    public static final String REVERT_DRIFT = "REVERT_DRIFT";

    public DeploymentInput {
        promotedFrom = promotedFrom == null ? Map.of() : Map.copyOf(promotedFrom);
    }

    @SuppressWarnings("unchecked")
    public static DeploymentInput from(Map<String, Object> input) {
        if (input == null) {
            throw new IllegalArgumentException("deployment task input is missing");
        }
        String jobId = required(input, "jobId");
        String deploymentId = optional(input, "deploymentId");
        Object promoted = input.get("promotedFrom");
        if (promoted != null && !(promoted instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("deployment task input: 'promotedFrom' must be an object");
        }
        return new DeploymentInput(deploymentId == null ? jobId : deploymentId, jobId, required(input, "stack"),
                required(input, "version"), optional(input, "manifest"), optional(input, "source"),
                optional(input, "deliveryId"), optional(input, "requestedBy"), Boolean.TRUE.equals(input.get("now")),
                (Map<String, Object>) promoted, optional(input, "mode"), optional(input, "approval"), optional(input, "remediationOf"));
    }

    public boolean revertsDrift() {
        return REVERT_DRIFT.equals(mode);
    }

    /** Who asked, as the deployment record keeps it. */
    public Map<String, Object> origin() {
        Map<String, Object> origin = new LinkedHashMap<>();
        if (source != null) {
            origin.put("source", source);
        }
        if (deliveryId != null) {
            origin.put("deliveryId", deliveryId);
        }
        if (requestedBy != null) {
            origin.put("requestedBy", requestedBy);
        }
        if (!promotedFrom.isEmpty()) {
            origin.put("promotedFrom", promotedFrom);
        }
        if (remediationOf != null) {
            origin.put("remediationOf", remediationOf);
        }
        return origin;
    }

    private static String required(Map<String, Object> input, String field) {
        Object value = input.get(field);
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException("deployment task input lacks '" + field + "'");
        }
        return value.toString();
    }

    private static String optional(Map<String, Object> input, String field) {
        Object value = input.get(field);
        return value == null || value.toString().isBlank() ? null : value.toString();
    }
}
