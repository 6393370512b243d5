package dev.caretaker.local.stepfunctions;

/** An execution's status, as DescribeExecution reports it. */
public enum ExecutionStatus {
    RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED;

    public boolean isClosed() {
        return this != RUNNING;
    }
}
