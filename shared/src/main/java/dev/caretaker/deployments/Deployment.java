package dev.caretaker.deployments;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The record of one deployment: what was released, what the preview showed, who approved, how far
 * it came, and how it ended. The DEPLOY job with the same id stays the job (claimed, finished);
 * this carries the detail. {@code revision} is the optimistic lock every update checks.
 *
 * @param release     what verification established: version, keyId, templateUrl, templateSha256, parameters, capabilities
 * @param preview     the classified change set as {@code PreviewSummary.json} gives it, empty before the preview
 * @param approvalToken the task token the approval step waits on, null when none is pending
 * @param progress    resources done/total and the current resource, from the stack events
 * @param events      what happened, oldest first, one line each ("2026-11-22T03:00:00Z verify: ...")
 * @param timings     when each step started, by step name
 * @param rollbackOf  the deployment this one rolls back, null for an ordinary deployment
 * @param origin      who asked for it: {@code source}/{@code deliveryId} for a webhook, {@code requestedBy} for the API,
 *                    {@code promotedFrom} ({@code environment}, {@code deploymentId}) for a promotion
 * @param recovery    set when the deployment returns the stack to its last known-good release after a failed
 *                    health check: {@code deploymentId}, {@code version}, {@code manifest}, {@code reason}
 */
public record Deployment(String id, String stack, String version, String manifest, String environment, boolean rollback,
                         String rollbackOf, DeploymentStatus status, String reason, Instant createdAt, Instant updatedAt,
                         Map<String, Object> release, Map<String, Object> preview, String approvalToken,
                         ApprovalDecision approval, Map<String, Object> progress, List<String> events,
                         Map<String, Instant> timings, Map<String, Object> origin, Map<String, Object> recovery,
                         long revision) {

    /** The record keeps the latest events; older ones remain in the execution history. */
    public static final int MAX_EVENTS = 100;

    public Deployment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(status, "status");
        release = release == null ? Map.of() : unmodifiable(release);
        preview = preview == null ? Map.of() : unmodifiable(preview);
        progress = progress == null ? Map.of() : unmodifiable(progress);
        events = events == null ? List.of() : List.copyOf(events);
        timings = timings == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(timings));
        origin = origin == null ? Map.of() : unmodifiable(origin);
        recovery = recovery == null ? Map.of() : unmodifiable(recovery);
    }

    public static Deployment started(String id, String stack, String version, String manifest, String environment,
                                     boolean rollback, String rollbackOf, Map<String, Object> origin, Instant now) {
        return new Deployment(id, stack, version, manifest, environment, rollback, rollbackOf, DeploymentStatus.VERIFYING,
                null, now, now, Map.of(), Map.of(), null, null, Map.of(), List.of(), Map.of(), origin, Map.of(), 0);
    }

    /** Moves to a running status and notes the step; a terminal record is left as it is. */
    public Deployment step(DeploymentStatus next, String step, String message, Instant now) {
        if (status.isTerminal()) {
            return this;
        }
        Map<String, Instant> newTimings = new LinkedHashMap<>(timings);
        newTimings.putIfAbsent(step, now);
        return copy(next, reason, release, preview, approvalToken, approval, progress, log(step, message, now), newTimings, now);
    }

    public Deployment finish(DeploymentStatus terminal, String why, Instant now) {
        if (!terminal.isTerminal()) {
            throw new IllegalArgumentException(terminal + " is not a terminal status");
        }
        if (status.isTerminal()) {
            return this;
        }
        Map<String, Instant> newTimings = new LinkedHashMap<>(timings);
        newTimings.putIfAbsent("end", now);
        return copy(terminal, why, release, preview, null, approval, progress,
                log("end", terminal + (why == null ? "" : ": " + why), now), newTimings, now);
    }

    public Deployment withRelease(Map<String, Object> value, Instant now) {
        return copy(status, reason, value, preview, approvalToken, approval, progress, events, timings, now);
    }

    public Deployment withPreview(Map<String, Object> value, Instant now) {
        return copy(status, reason, release, value, approvalToken, approval, progress, events, timings, now);
    }

    public Deployment withApprovalToken(String token, Instant now) {
        return copy(status, reason, release, preview, token, approval, progress, events, timings, now);
    }

    /**
     * Opens an approval request answered by {@code token}. An earlier decision (on the change before the
     * way back to a known-good release, say) is for another change: it is cleared, and stays in the events.
     */
    public Deployment withApprovalRequest(String token, Instant now) {
        return copy(status, reason, release, preview, token, null, progress, events, timings, now);
    }

    public Deployment withApproval(ApprovalDecision decision, Instant now) {
        return copy(status, reason, release, preview, approvalToken, decision, progress,
                log("approval", decision.decision() + " by " + decision.by() + (decision.reason() == null ? "" : ": " + decision.reason()), now),
                timings, now);
    }

    public Deployment withProgress(Map<String, Object> value, Instant now) {
        return copy(status, reason, release, preview, approvalToken, approval, value, events, timings, now);
    }

    /** Starts the return to the last known-good release; the record keeps the release that failed under {@code release}. */
    public Deployment withRecovery(Map<String, Object> value, Instant now) {
        return new Deployment(id, stack, version, manifest, environment, rollback, rollbackOf, status, reason, createdAt, now,
                release, preview, approvalToken, approval, progress, events, timings, origin, value, revision);
    }

    public Deployment withEvent(String step, String message, Instant now) {
        return copy(status, reason, release, preview, approvalToken, approval, progress, log(step, message, now), timings, now);
    }

    /** The same record one revision on: what the store writes after checking {@code revision}. */
    public Deployment nextRevision() {
        return new Deployment(id, stack, version, manifest, environment, rollback, rollbackOf, status, reason, createdAt,
                updatedAt, release, preview, approvalToken, approval, progress, events, timings, origin, recovery, revision + 1);
    }

    private List<String> log(String step, String message, Instant now) {
        List<String> lines = new ArrayList<>(events);
        lines.add(now + " " + step + ": " + message);
        return lines.size() > MAX_EVENTS ? lines.subList(lines.size() - MAX_EVENTS, lines.size()) : lines;
    }

    private Deployment copy(DeploymentStatus newStatus, String newReason, Map<String, Object> newRelease,
                            Map<String, Object> newPreview, String newToken, ApprovalDecision newApproval,
                            Map<String, Object> newProgress, List<String> newEvents, Map<String, Instant> newTimings,
                            Instant now) {
        return new Deployment(id, stack, version, manifest, environment, rollback, rollbackOf, newStatus, newReason, createdAt,
                now, newRelease, newPreview, newToken, newApproval, newProgress, newEvents, newTimings, origin, recovery, revision);
    }

    private static Map<String, Object> unmodifiable(Map<String, Object> map) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
