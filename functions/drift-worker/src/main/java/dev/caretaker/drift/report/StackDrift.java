package dev.caretaker.drift.report;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What detection found on one stack: every resource it reported (any status) and what it could not
 * find out. A check with problems is <em>partial</em>: what it found is true, but absence of drift
 * is not proven.
 *
 * @param parent   the stack this one is nested in, if it is a nested stack
 * @param problems why the check is partial, one line each ("Function: Rate exceeded")
 */
public record StackDrift(String stack, Optional<String> parent, List<ResourceDrift> resources, List<String> problems) {

    public StackDrift {
        Objects.requireNonNull(stack, "stack");
        parent = parent == null ? Optional.empty() : parent;
        resources = List.copyOf(resources);
        problems = List.copyOf(problems);
    }

    public static StackDrift root(String stack, List<ResourceDrift> resources, List<String> problems) {
        return new StackDrift(stack, Optional.empty(), resources, problems);
    }

    public boolean partial() {
        return !problems.isEmpty();
    }
}
