package dev.caretaker.job;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One unit of Caretaker's work as recorded in the state table.
 *
 * @param target      what the job acts on: a stack name, or "*" for an account-wide job
 * @param triggerKind schedule, webhook, parent or manual
 * @param triggerKey  the deduplication key the id was derived from
 * @param attempts    how many times a worker claimed it; the current owner holds this number
 * @param leaseUntil  while RUNNING, when the owner's claim lapses and another delivery may take over
 * @param result      what the worker reported on success, empty otherwise
 * @param error       why it failed (or why the last attempt failed), null when it did not
 */
public record Job(
        String id,
        JobType type,
        String target,
        String triggerKind,
        String triggerKey,
        JobStatus status,
        int attempts,
        Instant createdAt,
        Instant updatedAt,
        Instant startedAt,
        Instant finishedAt,
        Instant leaseUntil,
        String parentId,
        String correlationId,
        Map<String, Object> result,
        String error) {

    public Job {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        result = result == null ? Map.of() : Map.copyOf(result);
    }

    /** A new job as a trigger creates it: QUEUED, never attempted. */
    public static Job queued(JobRequest request, Instant now) {
        String id = JobIds.of(request.type(), request.trigger());
        String parentId = request.trigger() instanceof JobTrigger.Parent parent ? parent.parentJobId() : null;
        String correlationId = request.correlationId() != null ? request.correlationId() : id;
        return new Job(id, request.type(), request.target(), request.trigger().kind(), request.trigger().key(),
                JobStatus.QUEUED, 0, now, now, null, null, null, parentId, correlationId, Map.of(), null);
    }
}
