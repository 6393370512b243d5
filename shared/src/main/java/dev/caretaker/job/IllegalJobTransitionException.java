package dev.caretaker.job;

/** A transition the job's current state does not allow, or one attempted by a worker that no longer owns the job. */
public final class IllegalJobTransitionException extends RuntimeException {

    private final String jobId;
    private final JobStatus from;
    private final JobStatus to;

    public IllegalJobTransitionException(String jobId, JobStatus from, JobStatus to, String detail) {
        super("job " + jobId + " cannot move from " + (from == null ? "<absent>" : from) + " to " + to
                + (detail == null || detail.isBlank() ? "" : ": " + detail));
        this.jobId = jobId;
        this.from = from;
        this.to = to;
    }

    public String jobId() {
        return jobId;
    }

    public JobStatus from() {
        return from;
    }

    public JobStatus to() {
        return to;
    }
}
