package dev.caretaker.deployment.workflow;

import dev.caretaker.deployment.DeploymentInput;
import java.util.Map;
import java.util.Objects;

/**
 * What a task step receives: the deployment it works on, the execution state (the input plus earlier
 * steps' results under their names, as the state machine passes it) and, for the approval step,
 * the task token.
 */
public record StepInput(DeploymentInput deployment, Map<String, Object> state, String taskToken) {

    public StepInput {
        Objects.requireNonNull(deployment, "deployment");
        state = state == null ? Map.of() : state;
    }

    /** A number an earlier run of {@code step} returned (its ResultSelector puts it under payload), or the fallback. */
    public int previous(String step, String field, int fallback) {
        Object value = payload(step).get(field);
        return value instanceof Number number ? number.intValue() : fallback;
    }

    public String previousText(String step, String field, String fallback) {
        Object value = payload(step).get(field);
        return value == null ? fallback : value.toString();
    }

    public long previousLong(String step, String field, long fallback) {
        Object value = payload(step).get(field);
        return value instanceof Number number ? number.longValue() : fallback;
    }

    public java.util.List<String> previousList(String step, String field) {
        Object value = payload(step).get(field);
        return value instanceof java.util.List<?> list ? list.stream().map(String::valueOf).toList() : java.util.List.of();
    }

    /** Step Functions' Catch puts {Error, Cause} at $.error. */
    public Map<?, ?> error() {
        return state.get("error") instanceof Map<?, ?> error ? error : Map.of();
    }

    private Map<?, ?> payload(String step) {
        if (state.get(step) instanceof Map<?, ?> result && result.get("payload") instanceof Map<?, ?> payload) {
            return payload;
        }
        return Map.of();
    }
}
