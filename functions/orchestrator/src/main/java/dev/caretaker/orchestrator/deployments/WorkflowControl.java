package dev.caretaker.orchestrator.deployments;

import dev.caretaker.deployments.ApprovalDecision;

/**
 * Port: what the orchestrator asks of a running deployment workflow besides starting it: answer the
 * approval step waiting on a task token, and stop an execution.
 */
public interface WorkflowControl {

    /**
     * Answers the approval step: its task succeeds with the decision for an approval and fails with
     * {@code Caretaker.Rejected} for a rejection.
     */
    Answer answerApproval(String taskToken, ApprovalDecision decision);

    /** Stops the execution named after the deployment, with {@code error} and {@code cause} in its history. */
    Answer stop(String deploymentId, String error, String cause);

    /** How the workflow took it. */
    sealed interface Answer {

        /** Done as asked. */
        record Done() implements Answer {
        }

        /**
         * Nothing left to answer or stop: the token was answered already, timed out or was never
         * valid (TaskTimedOut, InvalidToken), or no execution has that name (ExecutionDoesNotExist).
         */
        record Gone(String code) implements Answer {
        }

        /** Throttled or unreachable: the same call later should work. */
        record Unavailable(String reason) implements Answer {
        }

        /** Refused for a reason retrying will not fix (no permission, a malformed request). */
        record Failed(String reason) implements Answer {
        }
    }
}
