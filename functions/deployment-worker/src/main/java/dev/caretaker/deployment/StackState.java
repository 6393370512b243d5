package dev.caretaker.deployment;

/** The deployability of a stack as CloudFormation reports it; plain values, no SDK types. */
public sealed interface StackState {

    /** No such stack yet: the deployment creates it. */
    record Absent() implements StackState {
    }

    record Present(String status) implements StackState {

        /** A stack mid-operation cannot take another change; UPDATE_ROLLBACK_FAILED needs recovery first. */
        public String blocker() {
            if ("REVIEW_IN_PROGRESS".equals(status)) {
                return "stack is REVIEW_IN_PROGRESS: a change set that would create it was never executed;"
                        + " execute or delete that change set, or delete the stack, before deploying";
            }
            if (status.endsWith("_IN_PROGRESS")) {
                return "stack is " + status + ": wait for the running operation to finish";
            }
            if ("UPDATE_ROLLBACK_FAILED".equals(status)) {
                return "stack is UPDATE_ROLLBACK_FAILED: continue the rollback (ContinueUpdateRollback) before deploying";
            }
            if ("ROLLBACK_COMPLETE".equals(status) || "ROLLBACK_FAILED".equals(status) || "DELETE_FAILED".equals(status)) {
                return "stack is " + status + ": it must be deleted before it can be created again";
            }
            return null;
        }
    }
}
