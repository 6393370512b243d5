package dev.caretaker.deployment.progress;

import java.util.List;

/**
 * How far a stack operation has come, from its events.
 *
 * @param done                    resources whose latest event is a completion
 * @param total                   resources the change touches (from the preview), at least {@code done}
 * @param currentResource         the resource being worked on now, null when none is
 * @param stackStatus             the stack's latest status from its own events, null before the first
 * @param firstFailure            "LogicalId STATUS: reason" of the first resource that failed, null if none did
 * @param rollbackFailedResources resources whose rollback failed: what ContinueUpdateRollback may skip
 */
public record DeploymentProgress(int done, int total, String currentResource, String stackStatus, StackOutcome outcome,
                                 String stackStatusReason, String firstFailure, List<String> rollbackFailedResources) {

    public DeploymentProgress {
        rollbackFailedResources = List.copyOf(rollbackFailedResources);
    }

    public boolean isTerminal() {
        return outcome.isTerminal();
    }
}
