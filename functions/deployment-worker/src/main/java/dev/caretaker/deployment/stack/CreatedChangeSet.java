package dev.caretaker.deployment.stack;

/** The change set a deployment proposed. */
public record CreatedChangeSet(String changeSetId, String changeSetName, String stackId, ChangeSetType type) {
}
