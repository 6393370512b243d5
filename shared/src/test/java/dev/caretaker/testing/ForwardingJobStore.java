package dev.caretaker.testing;

import dev.caretaker.job.ClaimOutcome;
import dev.caretaker.job.CreateOutcome;
import dev.caretaker.job.Job;
import dev.caretaker.job.JobPage;
import dev.caretaker.job.JobQuery;
import dev.caretaker.job.JobRequest;
import dev.caretaker.job.JobStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** A real store with one operation overridden, for tests of what happens when that one write fails. */
public class ForwardingJobStore implements JobStore {

    private final JobStore delegate;

    public ForwardingJobStore(JobStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public CreateOutcome create(JobRequest request, Instant now) {
        return delegate.create(request, now);
    }

    @Override
    public Optional<Job> find(String jobId) {
        return delegate.find(jobId);
    }

    @Override
    public ClaimOutcome claim(String jobId, Instant now, Instant leaseUntil) {
        return delegate.claim(jobId, now, leaseUntil);
    }

    @Override
    public Job succeed(String jobId, int attempt, Map<String, Object> result, Instant now) {
        return delegate.succeed(jobId, attempt, result, now);
    }

    @Override
    public Job fail(String jobId, Integer attempt, String error, Instant now) {
        return delegate.fail(jobId, attempt, error, now);
    }

    @Override
    public Job release(String jobId, int attempt, String error, Instant now) {
        return delegate.release(jobId, attempt, error, now);
    }

    @Override
    public Job cancel(String jobId, String reason, Instant now) {
        return delegate.cancel(jobId, reason, now);
    }

    @Override
    public JobPage list(JobQuery query) {
        return delegate.list(query);
    }
}
