package dev.caretaker.deployment.stack;

import java.util.List;

/** One resource's change in a change set. {@code physicalId} is null for a resource not created yet. */
public record ResourceChange(ChangeAction action, String logicalId, String physicalId, String resourceType,
                             Replacement replacement, List<String> scope, List<ChangeDetail> details) {

    public ResourceChange {
        scope = List.copyOf(scope);
        details = List.copyOf(details);
    }
}
