package dev.caretaker.testing;

import dev.caretaker.job.ClaimOutcome;
import dev.caretaker.job.CreateOutcome;
import dev.caretaker.job.Job;
import dev.caretaker.job.JobPage;
import dev.caretaker.job.JobQuery;
import dev.caretaker.job.JobRequest;
import dev.caretaker.job.JobStatus;
import dev.caretaker.job.JobStore;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The job store as the API side of the orchestrator uses it, in memory: jobs are created (once per
 * id), found, listed (one page, all of them) and cancelled. Running a job (claim, succeed, fail,
 * release) is the workers' side, which the stores on DynamoDB Local test; here it throws.
 */
public class InMemoryJobStore implements JobStore {

    private final Map<String, Job> stored = new LinkedHashMap<>();

    /** Every job created so far, by id, in the order created. */
    public Map<String, Job> all() {
        return Collections.unmodifiableMap(stored);
    }

    @Override
    public CreateOutcome create(JobRequest request, Instant now) {
        Job existing = stored.get(request.jobId());
        if (existing != null) {
            return new CreateOutcome.AlreadyExists(existing);
        }
        Job job = Job.queued(request, now);
        stored.put(job.id(), job);
        return new CreateOutcome.Created(job);
    }

    @Override
    public Optional<Job> find(String jobId) {
        return Optional.ofNullable(stored.get(jobId));
    }

    @Override
    public JobPage list(JobQuery query) {
        return new JobPage(List.copyOf(stored.values()), null);
    }

    @Override
    public Job cancel(String jobId, String reason, Instant now) {
        Job job = stored.get(jobId);
        Job cancelled = new Job(job.id(), job.type(), job.target(), job.triggerKind(), job.triggerKey(), JobStatus.CANCELLED,
                job.attempts(), job.createdAt(), now, job.startedAt(), now, null, job.parentId(), job.correlationId(), job.result(),
                reason);
        stored.put(jobId, cancelled);
        return cancelled;
    }

    @Override
    public ClaimOutcome claim(String jobId, Instant now, Instant leaseUntil) {
        throw new UnsupportedOperationException("running jobs is not what this store is for");
    }

    @Override
    public Job succeed(String jobId, int attempt, Map<String, Object> result, Instant now) {
        throw new UnsupportedOperationException("running jobs is not what this store is for");
    }

    @Override
    public Job fail(String jobId, Integer attempt, String error, Instant now) {
        throw new UnsupportedOperationException("running jobs is not what this store is for");
    }

    @Override
    public Job release(String jobId, int attempt, String error, Instant now) {
        throw new UnsupportedOperationException("running jobs is not what this store is for");
    }
}
