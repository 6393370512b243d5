package dev.caretaker.work;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import dev.caretaker.events.EventPublisher;
import dev.caretaker.events.ResultEvent;
import dev.caretaker.events.Severity;
import dev.caretaker.job.ClaimOutcome;
import dev.caretaker.job.IllegalJobTransitionException;
import dev.caretaker.job.Job;
import dev.caretaker.job.JobStatus;
import dev.caretaker.job.JobStore;
import dev.caretaker.job.JobType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The one way every worker runs an SQS batch: each message on its own (partial batch response),
 * the job claimed by conditional write before any work, the work's result remembered in the
 * idempotency store before the job is marked done, and exactly one terminal state per job.
 *
 * <p>The queue's redrive policy sends a message to the DLQ after {@code maxReceiveCount}
 * deliveries; on the last one this runtime fails the job with the reason, so the DLQ never holds
 * a message whose job still looks alive.
 */
public final class WorkerRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerRuntime.class);
    private static final Duration FALLBACK_LEASE = Duration.ofMinutes(15);
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(5);
    /** A well-formed job id no job has: ids are hashes of their triggers, never all zeros. */
    static final String PRIMING_JOB_ID = "drift-000000000000000000000000";

    private final WorkerIdentity identity;
    private final JobStore jobs;
    private final IdempotencyStore idempotency;
    private final EventPublisher events;
    private final DeadLetterLog deadLetters;
    private final WorkerMetrics metrics;
    private final Clock clock;
    private final int maxReceiveCount;
    private final Work work;

    public WorkerRuntime(WorkerIdentity identity, JobStore jobs, IdempotencyStore idempotency, EventPublisher events,
                         DeadLetterLog deadLetters, WorkerMetrics metrics, Clock clock, int maxReceiveCount, Work work) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.idempotency = Objects.requireNonNull(idempotency, "idempotency");
        this.events = Objects.requireNonNull(events, "events");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.work = Objects.requireNonNull(work, "work");
        if (maxReceiveCount < 1) {
            throw new IllegalArgumentException("maxReceiveCount must be at least 1, was " + maxReceiveCount);
        }
        this.maxReceiveCount = maxReceiveCount;
    }

    /**
     * Runs a canned batch through the whole invocation path without side effects, for SnapStart
     * priming: one message for a job that cannot exist, so the store's conditional claim is refused
     * (nothing written) and the rejection goes to a dead-letter log, a bus and metrics that discard
     * it. The SQS event handling, work-item parsing, the claim and its refusal, the outcome and the
     * batch response are then loaded and linked in the snapshot, not on the first request after
     * restore. The work itself does not run (its calls could change something); its own
     * {@link Work#prime()} runs it on canned data.
     */
    public void prime() {
        SQSMessage canned = new SQSMessage();
        canned.setMessageId("snapstart-priming");
        canned.setBody(new WorkItem(PRIMING_JOB_ID, JobType.DRIFT_CHECK, "priming", null, Map.of()).toJson());
        canned.setAttributes(Map.of("ApproximateReceiveCount", "1"));
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(canned));
        new WorkerRuntime(identity, jobs, idempotency, discarded -> { }, (worker, messageId, reason, body, now) -> { },
                WorkerMetrics.NONE, clock, maxReceiveCount, work).process(event, null);
        work.prime();
    }

    /** Processes a batch and reports the messages SQS must deliver again. */
    public SQSBatchResponse process(SQSEvent event, Context context) {
        List<MessageOutcome> outcomes = processAll(event, context);
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (MessageOutcome outcome : outcomes) {
            if (outcome.redeliver()) {
                failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(outcome.messageId()).build());
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    /** The per-message outcomes, for callers (and tests) that want to know more than the failures. */
    public List<MessageOutcome> processAll(SQSEvent event, Context context) {
        List<SQSMessage> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        List<MessageOutcome> outcomes = new ArrayList<>(records.size());
        boolean fifoBlocked = false;
        try {
            for (SQSMessage message : records) {
                MessageOutcome outcome;
                if (fifoBlocked) {
                    outcome = new MessageOutcome.BlockedByFifoOrder(message.getMessageId());
                } else {
                    outcome = processOne(message, context);
                    fifoBlocked = outcome.redeliver() && isFifo(message);
                }
                metrics.record(outcome);
                outcomes.add(outcome);
            }
        } finally {
            flushMetrics();
        }
        return outcomes;
    }

    /** The batch's work is done and recorded by now: losing its metrics must not send it round again. */
    private void flushMetrics() {
        try {
            metrics.flush();
        } catch (RuntimeException e) {
            LOG.error("metrics not flushed: {}", e.toString());
        }
    }

    private MessageOutcome processOne(SQSMessage message, Context context) {
        String messageId = message.getMessageId();
        WorkItem item;
        try {
            item = WorkItem.parse(message.getBody());
        } catch (WorkItem.MalformedWorkItem malformed) {
            return rejectMalformed(message, malformed);
        }
        MDC.put("jobId", item.jobId());
        MDC.put("correlationId", item.correlationId() == null ? item.jobId() : item.correlationId());
        try {
            return runClaimed(message, item, context);
        } catch (RuntimeException unexpected) {
            // The store or the bus failed outside the work itself: nothing was finished, so try again,
            // unless this was the last delivery: then the job must not outlive its message.
            String reason = describe(unexpected);
            if (receiveCount(message) >= maxReceiveCount) {
                return giveUpAfterInfrastructureError(message, item, reason);
            }
            LOG.warn("infrastructure error on job {}: {}", item.jobId(), reason);
            return new MessageOutcome.Retry(messageId, item.jobId(), reason);
        } finally {
            MDC.remove("jobId");
            MDC.remove("correlationId");
        }
    }

    private MessageOutcome giveUpAfterInfrastructureError(SQSMessage message, WorkItem item, String reason) {
        String finalReason = "gave up after " + receiveCount(message) + " deliveries: " + reason;
        try {
            Job failed = jobs.fail(item.jobId(), null, finalReason, clock.instant());
            publishFailure(failed, finalReason, clock.instant());
        } catch (IllegalJobTransitionException alreadyEnded) {
            LOG.info("job {} already {} when its last delivery failed", item.jobId(), alreadyEnded.from());
        } catch (RuntimeException storeDown) {
            LOG.error("job {} could not be failed after its last delivery ({}); it stays {} until its lease lapses: {}",
                    item.jobId(), finalReason, "RUNNING or QUEUED", storeDown.toString());
        }
        return new MessageOutcome.GaveUp(message.getMessageId(), item.jobId(), finalReason);
    }

    private MessageOutcome rejectMalformed(SQSMessage message, WorkItem.MalformedWorkItem malformed) {
        Instant now = clock.instant();
        if (malformed.jobId() != null) {
            // The job is known: fail it with the reason now; retrying an unreadable message only wastes attempts.
            try {
                Job failed = jobs.fail(malformed.jobId(), null, malformed.getMessage(), now);
                publishFailure(failed, malformed.getMessage(), now);
                LOG.warn("job {} failed: {}", malformed.jobId(), malformed.getMessage());
                return new MessageOutcome.Finished(message.getMessageId(), malformed.jobId(), JobStatus.FAILED);
            } catch (IllegalJobTransitionException alreadyEnded) {
                return new MessageOutcome.Duplicate(message.getMessageId(), malformed.jobId());
            }
        }
        deadLetters.record(identity.name(), message.getMessageId(), malformed.getMessage(), message.getBody(), now);
        LOG.warn("message {} rejected: {}", message.getMessageId(), malformed.getMessage());
        return new MessageOutcome.Rejected(message.getMessageId(), malformed.getMessage());
    }

    private MessageOutcome runClaimed(SQSMessage message, WorkItem item, Context context) {
        String messageId = message.getMessageId();
        Instant now = clock.instant();
        Instant leaseUntil = now.plus(remaining(context)).plus(LEASE_MARGIN);
        ClaimOutcome claim = jobs.claim(item.jobId(), now, leaseUntil);
        switch (claim) {
            case ClaimOutcome.NotFound notFound -> {
                String reason = "job " + item.jobId() + " does not exist";
                deadLetters.record(identity.name(), messageId, reason, message.getBody(), now);
                return new MessageOutcome.Rejected(messageId, reason);
            }
            case ClaimOutcome.AlreadyFinished finished -> {
                LOG.info("job {} already {}: duplicate delivery ignored", item.jobId(), finished.job().status());
                return new MessageOutcome.Duplicate(messageId, item.jobId());
            }
            case ClaimOutcome.HeldByAnother held -> {
                // Its owner finishes it, or its lease lapses before this queue redelivers the owner's message.
                LOG.info("job {} is running under attempt {}: duplicate delivery ignored", item.jobId(), held.job().attempts());
                return new MessageOutcome.Duplicate(messageId, item.jobId());
            }
            case ClaimOutcome.Claimed claimed -> {
                return runWork(message, item, claimed.job(), leaseUntil);
            }
        }
    }

    private MessageOutcome runWork(SQSMessage message, WorkItem item, Job job, Instant leaseUntil) {
        String messageId = message.getMessageId();
        int attempt = job.attempts();
        String key = identity.name() + "#" + job.id();
        WorkResult result;
        try {
            result = switch (idempotency.begin(key, clock.instant(), leaseUntil)) {
                case IdempotencyStore.Start.AlreadyCompleted done -> {
                    LOG.info("job {}: reusing the result of an earlier attempt", job.id());
                    yield fromStored(done.result());
                }
                case IdempotencyStore.Start.InProgressElsewhere busy ->
                        throw new IllegalStateException("work for job " + job.id() + " is in progress elsewhere until " + busy.until());
                case IdempotencyStore.Start.Begun begun -> {
                    WorkResult fresh = work.run(item, job);
                    idempotency.complete(key, toStored(fresh), clock.instant());
                    yield fresh;
                }
            };
        } catch (PermanentFailure permanent) {
            idempotency.abandon(key);
            Instant now = clock.instant();
            Job failed = jobs.fail(job.id(), attempt, permanent.getMessage(), now);
            publishFailure(failed, permanent.getMessage(), now);
            LOG.warn("job {} failed permanently: {}", job.id(), permanent.getMessage());
            return new MessageOutcome.Finished(messageId, job.id(), JobStatus.FAILED);
        } catch (Exception transientError) {
            idempotency.abandon(key);
            return retryOrGiveUp(message, job, describe(transientError));
        }

        Instant now = clock.instant();
        try {
            events.publish(new ResultEvent(identity.eventSource(), identity.completedDetailType(), result.severity(),
                    job.id(), job.correlationId(), job.target(), result.summary(), now, result.data()));
        } catch (RuntimeException busDown) {
            // The result is remembered; the next delivery publishes it without redoing the work.
            return retryOrGiveUp(message, job, "could not publish result: " + describe(busDown));
        }
        jobs.succeed(job.id(), attempt, toStored(result), now);
        LOG.info("job {} succeeded: {}", job.id(), result.summary());
        return new MessageOutcome.Finished(messageId, job.id(), JobStatus.SUCCEEDED);
    }

    private MessageOutcome retryOrGiveUp(SQSMessage message, Job job, String reason) {
        Instant now = clock.instant();
        int received = receiveCount(message);
        if (received >= maxReceiveCount) {
            String finalReason = "gave up after " + received + " deliveries: " + reason;
            Job failed = jobs.fail(job.id(), job.attempts(), finalReason, now);
            publishFailure(failed, finalReason, now);
            LOG.error("job {} failed: {}", job.id(), finalReason);
            return new MessageOutcome.GaveUp(message.getMessageId(), job.id(), finalReason);
        }
        jobs.release(job.id(), job.attempts(), reason, now);
        LOG.warn("job {} will be retried (delivery {} of {}): {}", job.id(), received, maxReceiveCount, reason);
        return new MessageOutcome.Retry(message.getMessageId(), job.id(), reason);
    }

    private void publishFailure(Job job, String reason, Instant now) {
        try {
            events.publish(new ResultEvent(identity.eventSource(), identity.failedDetailType(), Severity.ERROR,
                    job.id(), job.correlationId(), job.target(), reason, now, Map.of("error", reason)));
        } catch (RuntimeException busDown) {
            // The job record already says FAILED with the reason; a lost event must not undo that.
            LOG.error("job {} failed but its failure event was not published: {}", job.id(), busDown.toString());
        }
    }

    private static Map<String, Object> toStored(WorkResult result) {
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("severity", result.severity().name());
        stored.put("summary", result.summary());
        stored.put("data", result.data());
        return stored;
    }

    @SuppressWarnings("unchecked")
    private static WorkResult fromStored(Map<String, Object> stored) {
        Object data = stored.get("data");
        return new WorkResult(Severity.parse(String.valueOf(stored.get("severity"))), String.valueOf(stored.get("summary")),
                data instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of());
    }

    private static Duration remaining(Context context) {
        return context == null ? FALLBACK_LEASE : Duration.ofMillis(Math.max(0, context.getRemainingTimeInMillis()));
    }

    private static int receiveCount(SQSMessage message) {
        Map<String, String> attributes = message.getAttributes();
        String count = attributes == null ? null : attributes.get("ApproximateReceiveCount");
        try {
            return count == null ? 1 : Integer.parseInt(count);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static boolean isFifo(SQSMessage message) {
        return message.getEventSourceArn() != null && message.getEventSourceArn().endsWith(".fifo");
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
