package dev.caretaker.local.sandbox;

import java.util.List;
import java.util.Objects;

/**
 * One resource change of a change set, as DescribeChangeSet reports it. {@code physicalId} is null
 * for an Add; {@code replacement} ("True" or "False") only for a Modify; {@code resourceDriftStatus}
 * only in a drift-aware change set (DeploymentMode REVERT_DRIFT), and there not for a resource the
 * stack does not have yet.
 */
record ProposedChange(Action action, String logicalId, String physicalId, String resourceType, String replacement,
                      List<String> scope, List<Detail> details, String resourceDriftStatus) {

    ProposedChange {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(resourceType, "resourceType");
        scope = List.copyOf(scope);
        details = List.copyOf(details);
    }

    /** A change of an ordinary change set, which says nothing about drift. */
    ProposedChange(Action action, String logicalId, String physicalId, String resourceType, String replacement, List<String> scope,
                   List<Detail> details) {
        this(action, logicalId, physicalId, resourceType, replacement, scope, details, null);
    }

    boolean replaces() {
        return "True".equals(replacement);
    }

    enum Action {
        Add, Modify, Remove
    }

    /**
     * One ResourceChangeDetail: what changed on the resource, why, and whether it forces a new one;
     * {@code revertedDrift} when the change puts a drifted property back to its template value.
     */
    record Detail(String attribute, String name, String requiresRecreation, String evaluation, String changeSource,
                  String causingEntity, RevertedDrift revertedDrift) {

        Detail(String attribute, String name, String requiresRecreation, String evaluation, String changeSource, String causingEntity) {
            this(attribute, name, requiresRecreation, evaluation, changeSource, causingEntity, null);
        }
    }

    /**
     * A drifted property a drift-aware change set puts back: its path, the AttributeChangeType, and
     * its template and actual values as JSON text (null for the side that does not exist: the
     * template value of something added by hand, the actual value of something removed by hand).
     */
    record RevertedDrift(String path, String attributeChangeType, String templateValue, String actualValue) {
        RevertedDrift {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(attributeChangeType, "attributeChangeType");
        }
    }
}
