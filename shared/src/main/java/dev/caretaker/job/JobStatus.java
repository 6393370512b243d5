package dev.caretaker.job;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of a job: QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELLED.
 *
 * <p>RUNNING → QUEUED is the one way back: a worker that hits a transient error releases the job
 * so the redelivered message can claim it again. Terminal states have no way out, which is what
 * makes duplicates harmless.
 */
public enum JobStatus {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    /** The states from which a job may move to this one. */
    public Set<JobStatus> allowedPredecessors() {
        return switch (this) {
            case QUEUED -> EnumSet.of(RUNNING);
            case RUNNING -> EnumSet.of(QUEUED, RUNNING);
            case SUCCEEDED -> EnumSet.of(RUNNING);
            case FAILED, CANCELLED -> EnumSet.of(QUEUED, RUNNING);
        };
    }

    public boolean canMoveTo(JobStatus next) {
        return next.allowedPredecessors().contains(this);
    }

    public static JobStatus parse(String value) {
        for (JobStatus status : values()) {
            if (status.name().equalsIgnoreCase(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown job status '" + value + "'; expected one of "
                + java.util.Arrays.toString(values()));
    }
}
