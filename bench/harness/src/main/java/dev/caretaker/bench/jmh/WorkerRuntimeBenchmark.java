package dev.caretaker.bench.jmh;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.caretaker.events.Severity;
import dev.caretaker.job.ClaimOutcome;
import dev.caretaker.job.CreateOutcome;
import dev.caretaker.job.Job;
import dev.caretaker.job.JobPage;
import dev.caretaker.job.JobQuery;
import dev.caretaker.job.JobRequest;
import dev.caretaker.job.JobStatus;
import dev.caretaker.job.JobStore;
import dev.caretaker.job.JobTrigger;
import dev.caretaker.job.JobType;
import dev.caretaker.work.IdempotencyStore;
import dev.caretaker.work.WorkItem;
import dev.caretaker.work.WorkResult;
import dev.caretaker.work.WorkerIdentity;
import dev.caretaker.work.WorkerMetrics;
import dev.caretaker.work.WorkerRuntime;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A 10-record SQS batch through the worker runtime, I/O excluded: the stores, the bus and the
 * metrics are in memory and answer at once, the work itself returns a ready result. What is left
 * is the runtime's own cost per batch: parsing each body into a work item, claiming, the
 * idempotency bracket, the result event, the outcome and the partial batch response (goal: 160 µs).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class WorkerRuntimeBenchmark {

    private static final WorkerIdentity IDENTITY = new WorkerIdentity("drift", "caretaker.drift", "DriftCheckCompleted", "DriftCheckFailed");

    private WorkerRuntime runtime;
    private SQSEvent batch;

    @Setup
    public void setUp() {
        Instant now = Instant.parse("2026-11-21T03:00:00Z");
        Map<String, Job> jobs = new HashMap<>();
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Job job = Job.queued(new JobRequest(JobType.DRIFT_CHECK, "app-" + i, new JobTrigger.Parent("drift-parent", "app-" + i)), now);
            jobs.put(job.id(), job);
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId("message-" + i);
            message.setBody(new WorkItem(job.id(), JobType.DRIFT_CHECK, job.target(), job.correlationId(), Map.of()).toJson());
            message.setAttributes(Map.of("ApproximateReceiveCount", "1"));
            message.setEventSourceArn("arn:aws:sqs:eu-west-1:000000000000:caretaker-drift");
            records.add(message);
        }
        batch = new SQSEvent();
        batch.setRecords(records);
        WorkResult result = new WorkResult(Severity.INFO, "in sync", Map.of("stack", "app", "status", "IN_SYNC"));
        runtime = new WorkerRuntime(IDENTITY, new AnsweringJobStore(jobs), new AnsweringIdempotencyStore(), event -> { },
                (worker, messageId, reason, body, at) -> { }, WorkerMetrics.NONE, Clock.systemUTC(), 5, (item, job) -> result);
    }

    @Benchmark
    public SQSBatchResponse tenRecordBatch() {
        return runtime.process(batch, null);
    }

    /** Claims every job and takes every transition, without keeping state: a store that answers at once. */
    static final class AnsweringJobStore implements JobStore {
        private final Map<String, Job> jobs;

        AnsweringJobStore(Map<String, Job> jobs) {
            this.jobs = jobs;
        }

        private Job withStatus(String id, JobStatus status) {
            Job job = jobs.get(id);
            return new Job(job.id(), job.type(), job.target(), job.triggerKind(), job.triggerKey(), status, 1, job.createdAt(),
                    job.updatedAt(), job.createdAt(), null, null, job.parentId(), job.correlationId(), Map.of(), null);
        }

        @Override
        public CreateOutcome create(JobRequest request, Instant now) {
            return new CreateOutcome.Created(Job.queued(request, now));
        }

        @Override
        public Optional<Job> find(String jobId) {
            return Optional.ofNullable(jobs.get(jobId));
        }

        @Override
        public ClaimOutcome claim(String jobId, Instant now, Instant leaseUntil) {
            return jobs.containsKey(jobId) ? new ClaimOutcome.Claimed(withStatus(jobId, JobStatus.RUNNING)) : new ClaimOutcome.NotFound(jobId);
        }

        @Override
        public Job succeed(String jobId, int attempt, Map<String, Object> result, Instant now) {
            return withStatus(jobId, JobStatus.SUCCEEDED);
        }

        @Override
        public Job fail(String jobId, Integer attempt, String error, Instant now) {
            return withStatus(jobId, JobStatus.FAILED);
        }

        @Override
        public Job release(String jobId, int attempt, String error, Instant now) {
            return withStatus(jobId, JobStatus.QUEUED);
        }

        @Override
        public Job cancel(String jobId, String reason, Instant now) {
            return withStatus(jobId, JobStatus.CANCELLED);
        }

        @Override
        public JobPage list(JobQuery query) {
            throw new UnsupportedOperationException("not on the worker's path");
        }
    }

    static final class AnsweringIdempotencyStore implements IdempotencyStore {
        @Override
        public Start begin(String key, Instant now, Instant inProgressUntil) {
            return new Start.Begun();
        }

        @Override
        public void complete(String key, Map<String, Object> result, Instant now) {
        }

        @Override
        public void abandon(String key) {
        }
    }
}
