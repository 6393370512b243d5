package dev.caretaker.deployment.progress;

import java.util.Set;

/** Where a stack operation ended, judged from the stack's own status. */
public enum StackOutcome {
    /** Still running (including cleanup after success or after rollback). */
    IN_PROGRESS,
    /** The change is in place. */
    SUCCEEDED,
    /** CloudFormation undid the change; the stack is as before. */
    ROLLED_BACK,
    /** The stack is stuck: the operation failed and could not be undone (e.g. UPDATE_ROLLBACK_FAILED). */
    FAILED;

    private static final Set<String> SUCCEEDED_STATUSES = Set.of("CREATE_COMPLETE", "UPDATE_COMPLETE", "IMPORT_COMPLETE");
    private static final Set<String> ROLLED_BACK_STATUSES = Set.of("UPDATE_ROLLBACK_COMPLETE", "ROLLBACK_COMPLETE",
            "IMPORT_ROLLBACK_COMPLETE");
    // CREATE_FAILED and UPDATE_FAILED are terminal only when rollback is disabled; otherwise a *_ROLLBACK_IN_PROGRESS follows.
    private static final Set<String> FAILED_STATUSES = Set.of("UPDATE_ROLLBACK_FAILED", "ROLLBACK_FAILED", "IMPORT_ROLLBACK_FAILED",
            "CREATE_FAILED", "UPDATE_FAILED", "DELETE_FAILED", "DELETE_COMPLETE");

    /** The outcome a stack status means; null (no stack event yet) and unknown statuses are still in progress. */
    public static StackOutcome of(String stackStatus) {
        if (stackStatus == null) {
            return IN_PROGRESS;
        }
        if (SUCCEEDED_STATUSES.contains(stackStatus)) {
            return SUCCEEDED;
        }
        if (ROLLED_BACK_STATUSES.contains(stackStatus)) {
            return ROLLED_BACK;
        }
        return FAILED_STATUSES.contains(stackStatus) ? FAILED : IN_PROGRESS;
    }

    public boolean isTerminal() {
        return this != IN_PROGRESS;
    }
}
