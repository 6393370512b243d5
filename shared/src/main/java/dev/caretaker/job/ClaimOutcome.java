package dev.caretaker.job;

/** What a worker learns when it tries to take a job. Only {@link Claimed} lets it run. */
public sealed interface ClaimOutcome {

    /** The worker owns the job; {@code job().attempts()} is its ownership token. */
    record Claimed(Job job) implements ClaimOutcome {
    }

    /** The job already ended: a duplicate or late delivery, nothing to do. */
    record AlreadyFinished(Job job) implements ClaimOutcome {
    }

    /** Another worker holds an unexpired lease on it. */
    record HeldByAnother(Job job) implements ClaimOutcome {
    }

    record NotFound(String jobId) implements ClaimOutcome {
    }
}
