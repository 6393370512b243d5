package dev.caretaker.deployment.progress;

import dev.caretaker.deployment.stack.StackEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a deployment's progress from the stack events since it started (oldest first, as
 * {@code StackOperations.stackEventsSince} returns them). A pure function of the events, so each
 * poll recomputes it from scratch and a repeated poll gives the same answer.
 */
public final class ProgressTracker {

    private ProgressTracker() {
    }

    /** @param totalResources the number of resource changes in the preview; 0 when unknown */
    public static DeploymentProgress progress(String stackName, List<StackEvent> eventsOldestFirst, int totalResources) {
        Map<String, StackEvent> latest = new LinkedHashMap<>();
        String stackStatus = null;
        String stackStatusReason = null;
        String firstFailure = null;
        boolean rollingBack = false;
        Map<String, StackEvent> failedDuringRollback = new LinkedHashMap<>();

        for (StackEvent event : eventsOldestFirst) {
            if (event.isStackEvent(stackName)) {
                stackStatus = event.status();
                stackStatusReason = event.statusReason();
                if (event.status().contains("ROLLBACK_IN_PROGRESS")) {
                    // No resource failed (a rollback trigger fired, say): the stack's own reason is why it rolled back.
                    if (firstFailure == null && !rollingBack && event.statusReason() != null) {
                        firstFailure = stackName + " " + event.status() + ": " + event.statusReason();
                    }
                    rollingBack = true;
                }
                continue;
            }
            latest.put(event.logicalId(), event);
            if (event.status().endsWith("_FAILED")) {
                if (firstFailure == null && !rollingBack) {
                    firstFailure = event.logicalId() + " " + event.status()
                            + (event.statusReason() == null ? "" : ": " + event.statusReason());
                }
                if (rollingBack) {
                    failedDuringRollback.put(event.logicalId(), event);
                }
            }
        }

        int done = 0;
        StackEvent current = null;
        for (StackEvent event : latest.values()) {
            if (isCompletion(event.status())) {
                done++;
            } else if (event.status().endsWith("_IN_PROGRESS") && (current == null || !event.timestamp().isBefore(current.timestamp()))) {
                current = event;
            }
        }
        // Only resources still failed at the end: one that failed, was retried and completed needs no skipping.
        List<String> rollbackFailed = new ArrayList<>();
        for (String logicalId : failedDuringRollback.keySet()) {
            if (latest.get(logicalId).status().endsWith("_FAILED")) {
                rollbackFailed.add(logicalId);
            }
        }
        int total = Math.max(totalResources, Math.max(done, totalResources == 0 ? latest.size() : 0));
        return new DeploymentProgress(done, total, current == null ? null : current.logicalId(), stackStatus,
                StackOutcome.of(stackStatus), stackStatusReason, firstFailure, rollbackFailed);
    }

    private static boolean isCompletion(String status) {
        return status.endsWith("_COMPLETE") || "DELETE_SKIPPED".equals(status);
    }
}
