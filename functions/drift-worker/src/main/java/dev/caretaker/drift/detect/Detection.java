package dev.caretaker.drift.detect;

import dev.caretaker.drift.report.StackDrift;
import java.util.List;

/** What one detection run found, root stack first, and what it cost in calls and time. */
public record Detection(List<StackDrift> stacks, CallStats calls) {

    public Detection {
        stacks = List.copyOf(stacks);
        if (stacks.isEmpty()) {
            throw new IllegalArgumentException("a detection covers at least its root stack");
        }
    }

    public StackDrift root() {
        return stacks.getFirst();
    }
}
