package dev.caretaker.local.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A sandbox stack as it is now: status, the template and parameters it runs, its resources, every
 * event so far, the templates it has run (for alarm rules) and the operation under way, if any.
 * Mutated only under the CloudFormation sandbox's lock.
 */
final class LiveStack {

    static final String STACK_TYPE = "AWS::CloudFormation::Stack";

    final String name;
    final String id;
    final Instant creationTime;
    String status;
    String statusReason;
    Instant lastUpdatedTime;
    SandboxTemplate template;
    /** Whether the template was given (a scenario stack declared by resources alone runs a synthesized one). */
    boolean templateGiven;
    Map<String, String> parameters = Map.of();
    Map<String, String> tags = Map.of();
    List<String> capabilities = List.of();
    RollbackSettings rollback = RollbackSettings.NONE;
    final Map<String, SandboxResource> resources = new LinkedHashMap<>();
    /** Oldest first; DescribeStackEvents reverses. */
    final List<SandboxStackEvent> events = new ArrayList<>();
    final List<RunningPeriod> history = new ArrayList<>();
    /** Under way, or suspended in UPDATE_ROLLBACK_FAILED. */
    StackOperation operation;
    final Set<String> continueTokens = new HashSet<>();
    private int stackEvents;

    LiveStack(String name, String id, Instant creationTime, String status) {
        this.name = name;
        this.id = id;
        this.creationTime = creationTime;
        this.status = status;
    }

    /** A stack-level event: the stack's status changes to {@code newStatus}. */
    void stackEvent(Instant at, String newStatus, String reason, String token) {
        status = newStatus;
        statusReason = reason;
        String eventId = UUID.nameUUIDFromBytes((id + "/" + ++stackEvents).getBytes(StandardCharsets.UTF_8)).toString();
        events.add(new SandboxStackEvent(eventId, name, id, STACK_TYPE, at, newStatus, reason, token));
    }

    void resourceEvent(Instant at, String logicalId, String physicalId, String type, String resourceStatus, String reason,
                       String token) {
        events.add(new SandboxStackEvent(logicalId + "-" + resourceStatus + "-" + at, logicalId, physicalId, type, at,
                resourceStatus, reason, token));
    }

    Optional<RunningPeriod> running() {
        return history.isEmpty() || history.getLast().until().isPresent() ? Optional.empty() : Optional.of(history.getLast());
    }

    /** From {@code at} the stack runs {@code next}: the period of what ran before ends. */
    void runs(SandboxTemplate next, Instant at) {
        stopsRunning(at);
        history.add(new RunningPeriod(next, at, Optional.empty()));
    }

    /** Nothing of the stack runs any more (a failed creation rolled back). */
    void stopsRunning(Instant at) {
        running().ifPresent(current -> history.set(history.size() - 1, new RunningPeriod(current.template(), current.from(),
                Optional.of(at))));
    }

    boolean inProgress() {
        return status.endsWith("_IN_PROGRESS") && !status.equals("REVIEW_IN_PROGRESS");
    }
}
