package dev.caretaker.deployment;

import java.util.Map;

/** The execution input the orchestrator starts the state machine with. */
public record DeploymentInput(String jobId, String stack, String version, String manifest) {

    public static DeploymentInput from(Map<String, Object> input) {
        if (input == null) {
            throw new IllegalArgumentException("deployment task input is missing");
        }
        return new DeploymentInput(required(input, "jobId"), required(input, "stack"),
                required(input, "version"), optional(input, "manifest"));
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
        return value == null ? null : value.toString();
    }
}
