package dev.caretaker.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;

/** How a state ended: on to the next state, the execution succeeded, or a Fail state failed it. */
sealed interface StepResult {

    record Next(String state, JsonNode output) implements StepResult {
    }

    record Succeeded(JsonNode output) implements StepResult {
    }

    record Failed(String error, String cause) implements StepResult {
    }

    static StepResult after(Transition transition, JsonNode output) {
        return switch (transition) {
            case Transition.Next next -> new Next(next.state(), output);
            case Transition.End end -> new Succeeded(output);
        };
    }
}
