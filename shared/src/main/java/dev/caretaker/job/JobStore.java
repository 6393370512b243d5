package dev.caretaker.job;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Where jobs live. Every transition is conditional on the state it leaves, so two workers can
 * never both run a job and a finished job never changes.
 *
 * <p>Transitions out of RUNNING take the {@code attempt} the caller claimed with: a worker whose
 * lease lapsed and whose job another delivery took over cannot finish it.
 */
public interface JobStore {

    CreateOutcome create(JobRequest request, Instant now);

    Optional<Job> find(String jobId);

    /** QUEUED → RUNNING, or RUNNING → RUNNING when the previous owner's lease has lapsed. */
    ClaimOutcome claim(String jobId, Instant now, Instant leaseUntil);

    /** RUNNING → SUCCEEDED, by the owner of {@code attempt}. */
    Job succeed(String jobId, int attempt, Map<String, Object> result, Instant now);

    /** RUNNING → FAILED by the owner of {@code attempt}; a null attempt fails a QUEUED or RUNNING job regardless of owner. */
    Job fail(String jobId, Integer attempt, String error, Instant now);

    /** RUNNING → QUEUED: the owner gives the job back after a transient error so a redelivery can claim it. */
    Job release(String jobId, int attempt, String error, Instant now);

    /** QUEUED or RUNNING → CANCELLED. */
    Job cancel(String jobId, String reason, Instant now);

    JobPage list(JobQuery query);
}
