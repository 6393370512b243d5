package dev.caretaker.local.sandbox;

import java.util.List;
import java.util.Objects;

/**
 * One resource change of a change set, as DescribeChangeSet reports it. {@code physicalId} is null
 * for an Add; {@code replacement} ("True" or "False") only for a Modify.
 */
record ProposedChange(Action action, String logicalId, String physicalId, String resourceType, String replacement,
                      List<String> scope, List<Detail> details) {

    ProposedChange {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(resourceType, "resourceType");
        scope = List.copyOf(scope);
        details = List.copyOf(details);
    }

    boolean replaces() {
        return "True".equals(replacement);
    }

    enum Action {
        Add, Modify, Remove
    }

    /** One ResourceChangeDetail: what changed on the resource, why, and whether it forces a new one. */
    record Detail(String attribute, String name, String requiresRecreation, String evaluation, String changeSource,
                  String causingEntity) {
    }
}
