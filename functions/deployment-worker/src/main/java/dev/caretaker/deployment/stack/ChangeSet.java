package dev.caretaker.deployment.stack;

import java.util.List;

/** A described change set, all pages of its changes together. */
public record ChangeSet(String changeSetId, String changeSetName, String stackName, ChangeSetStatus status,
                        String statusReason, String executionStatus, List<ResourceChange> changes) {

    public ChangeSet {
        changes = List.copyOf(changes);
    }
}
