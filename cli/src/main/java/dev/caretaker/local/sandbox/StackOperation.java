package dev.caretaker.local.sandbox;

import dev.caretaker.template.Template;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One stack operation (a change set's execution, then any rollback and continued rollback) as a
 * queue of steps. Each step is one resource's or one stack status's progress, with the events
 * CloudFormation emits for it; the sandbox runs steps when the stack is looked at, so progress is
 * driven by calls, never by wall time, and is the same on every run.
 *
 * <p>Forward: the stack goes IN_PROGRESS ("User Initiated"), each added or modified resource is
 * created or updated in template order, the rollback triggers are watched (during the resources and
 * for MonitoringTimeInMinutes after), then an update cleans up (removed resources and the old
 * halves of replacements are deleted) and completes. A scripted resource failure or a trigger in
 * ALARM rolls back instead: modified resources are updated back in reverse order (with the drift
 * they had), added ones deleted in the rollback cleanup; a scripted rollback failure leaves the stack in UPDATE_ROLLBACK_FAILED,
 * suspended here until ContinueUpdateRollback.
 */
final class StackOperation {

    static final String USER_INITIATED = "User Initiated";
    /** The reason of a skipped resource's UPDATE_COMPLETE in a continued rollback. */
    static final String SKIPPED = "Resource update skipped";

    enum Kind { CREATE, UPDATE, DELETE }

    private record Applied(ProposedChange change, SandboxResource before, SandboxResource after, boolean failed) {
        String logicalId() {
            return change.logicalId();
        }
    }

    private final LiveStack stack;
    private final Kind kind;
    private final OperationContext context;
    private final Optional<SandboxChangeSet> changeSet;
    private final SandboxChangeSet.Target target;
    private final ResolvedValues targetValues;
    private final Optional<DeploymentFault> fault;
    private final Map<String, String> rollbackFailures = new LinkedHashMap<>();
    private final Set<String> skipped = new HashSet<>();
    private final Deque<Runnable> steps = new ArrayDeque<>();
    private final List<Applied> applied = new ArrayList<>();
    private final Deque<Applied> pendingRollback = new ArrayDeque<>();
    private final Set<String> failedRollbacks = new LinkedHashSet<>();
    private String token;
    private boolean deployed;
    private Instant monitorUntil;
    private boolean finished;
    private boolean suspended;

    private StackOperation(LiveStack stack, Kind kind, OperationContext context, Optional<SandboxChangeSet> changeSet,
                           SandboxChangeSet.Target target, ResolvedValues targetValues, Optional<DeploymentFault> fault, String token) {
        this.stack = stack;
        this.kind = kind;
        this.context = context;
        this.changeSet = changeSet;
        this.target = target;
        this.targetValues = targetValues;
        this.fault = fault;
        this.token = token;
        fault.flatMap(DeploymentFault::rollbackFailure).ifPresent(failure -> rollbackFailures.put(failure.resource(), failure.reason()));
    }

    /** Starts executing {@code changeSet}: the stack goes IN_PROGRESS at once, as ExecuteChangeSet makes it. */
    static StackOperation execute(LiveStack stack, SandboxChangeSet changeSet, ResolvedValues targetValues, Optional<DeploymentFault> fault,
                                  String token, OperationContext context) {
        Kind kind = changeSet.type.equals("CREATE") ? Kind.CREATE : Kind.UPDATE;
        StackOperation operation = new StackOperation(stack, kind, context, Optional.of(changeSet), changeSet.target, targetValues, fault,
                token);
        operation.begin(changeSet.changes);
        return operation;
    }

    /**
     * A scenario stack that starts in UPDATE_ROLLBACK_FAILED: its rollback is suspended on
     * {@code failedResources}, whose rollback fails again unless skipped.
     */
    static StackOperation stuckInRollback(LiveStack stack, List<String> failedResources, OperationContext context) {
        SandboxChangeSet.Target current = new SandboxChangeSet.Target(stack.template, stack.parameters, stack.tags, stack.capabilities,
                stack.rollback);
        StackOperation operation = new StackOperation(stack, Kind.UPDATE, context, Optional.empty(), current, null, Optional.empty(), null);
        for (String logicalId : failedResources) {
            SandboxResource resource = stack.resources.get(logicalId);
            if (resource == null) {
                throw new IllegalArgumentException("stack " + stack.name + " has no resource " + logicalId + " whose rollback could fail");
            }
            Applied stuck = new Applied(new ProposedChange(ProposedChange.Action.Modify, logicalId, resource.physicalId(), resource.type(),
                    "False", List.of("Properties"), List.of()), resource, resource, false);
            operation.applied.add(stuck);
            operation.pendingRollback.add(stuck);
            operation.rollbackFailures.put(logicalId, "Rolling back " + logicalId
                    + " failed before the sandbox started (scripted by the scenario)");
            operation.failedRollbacks.add(logicalId);
        }
        operation.suspended = true;
        return operation;
    }

    /** DeleteStack: the stack goes DELETE_IN_PROGRESS at once, then its resources go, newest first, then the stack. */
    static StackOperation delete(LiveStack stack, String token, OperationContext context) {
        SandboxChangeSet.Target current = new SandboxChangeSet.Target(stack.template, stack.parameters, stack.tags, stack.capabilities,
                stack.rollback);
        StackOperation operation = new StackOperation(stack, Kind.DELETE, context, Optional.empty(), current, null, Optional.empty(), token);
        stack.stopsRunning(context.now());
        stack.stackEvent(context.eventTime(), "DELETE_IN_PROGRESS", USER_INITIATED, token);
        for (SandboxResource resource : List.copyOf(stack.resources.values()).reversed()) {
            operation.steps.add(() -> {
                stack.resources.remove(resource.logicalId());
                operation.delete(resource, resource.type());
            });
        }
        operation.steps.add(() -> {
            stack.stackEvent(context.eventTime(), "DELETE_COMPLETE", null, token);
            operation.finished = true;
        });
        return operation;
    }

    /** Runs up to {@code count} steps; false once there is nothing left to run (finished or suspended). */
    boolean advance(int count) {
        for (int i = 0; i < count && !finished && !suspended && !steps.isEmpty(); i++) {
            steps.poll().run();
        }
        return !finished && !suspended;
    }

    boolean finished() {
        return finished;
    }

    boolean suspended() {
        return suspended;
    }

    /** The resources whose rollback failed, which ContinueUpdateRollback may skip. */
    Set<String> failedRollbacks() {
        return Set.copyOf(failedRollbacks);
    }

    /** Resumes a suspended rollback, skipping {@code skip} (checked by the caller to be among the failed ones). */
    void continueRollback(List<String> skip, String continueToken) {
        token = continueToken;
        suspended = false;
        failedRollbacks.clear();
        skipped.addAll(skip);
        stack.stackEvent(context.eventTime(), "UPDATE_ROLLBACK_IN_PROGRESS", USER_INITIATED, token);
        for (String logicalId : skip) {
            steps.add(() -> {
                pendingRollback.removeIf(applied -> applied.logicalId().equals(logicalId));
                SandboxResource resource = stack.resources.get(logicalId);
                stack.resourceEvent(context.eventTime(), logicalId, resource == null ? null : resource.physicalId(),
                        resource == null ? null : resource.type(), "UPDATE_COMPLETE", SKIPPED, token);
            });
        }
        steps.add(this::rollbackNext);
    }

    private void begin(List<ProposedChange> changes) {
        if (kind == Kind.CREATE) {
            commitTarget();
            stack.stackEvent(context.eventTime(), "CREATE_IN_PROGRESS", USER_INITIATED, token);
        } else {
            Instant at = context.eventTime();
            stack.lastUpdatedTime = at;
            stack.stackEvent(at, "UPDATE_IN_PROGRESS", USER_INITIATED, token);
        }
        changeSet.ifPresent(set -> set.executionStatus = "EXECUTE_IN_PROGRESS");
        for (ProposedChange change : changes) {
            if (change.action() != ProposedChange.Action.Remove) {
                steps.add(() -> apply(change));
            }
        }
        steps.add(this::monitor);
        steps.add(kind == Kind.UPDATE ? () -> cleanup(changes) : this::complete);
    }

    private void apply(ProposedChange change) {
        Optional<String> trigger = context.triggerFired(target.rollback());
        if (trigger.isPresent()) {
            rollBack(trigger.get());
            return;
        }
        String verb = change.action() == ProposedChange.Action.Add ? "CREATE" : "UPDATE";
        SandboxResource before = stack.resources.get(change.logicalId());
        String beforeId = before == null ? null : before.physicalId();
        if (fault.filter(scripted -> scripted.resource().equals(change.logicalId())).isPresent()) {
            DeploymentFault fired = fault.get();
            stack.resourceEvent(context.eventTime(), change.logicalId(), beforeId, change.resourceType(), verb + "_IN_PROGRESS", null, token);
            stack.resourceEvent(context.eventTime(), change.logicalId(), beforeId, change.resourceType(), verb + "_FAILED", fired.reason(),
                    token);
            context.faultFired(fired);
            applied.add(new Applied(change, before, null, true));
            steps.clear();
            String reason = kind == Kind.CREATE
                    ? "The following resource(s) failed to create: [" + change.logicalId() + "]. Rollback requested by user."
                    : "The following resource(s) failed to update: [" + change.logicalId() + "]. ";
            steps.add(() -> rollBack(reason));
            return;
        }
        SandboxResource after;
        if (change.action() == ProposedChange.Action.Add) {
            String physicalId = newPhysicalId(change);
            stack.resourceEvent(context.eventTime(), change.logicalId(), null, change.resourceType(), "CREATE_IN_PROGRESS", null, token);
            stack.resourceEvent(context.eventTime(), change.logicalId(), physicalId, change.resourceType(), "CREATE_IN_PROGRESS",
                    "Resource creation Initiated", token);
            stack.resourceEvent(context.eventTime(), change.logicalId(), physicalId, change.resourceType(), "CREATE_COMPLETE", null, token);
            after = SandboxResource.inSync(change.logicalId(), change.resourceType(), physicalId);
        } else if (change.replaces()) {
            String physicalId = newPhysicalId(change);
            stack.resourceEvent(context.eventTime(), change.logicalId(), beforeId, change.resourceType(), "UPDATE_IN_PROGRESS",
                    "Requested update requires the creation of a new physical resource; hence creating one.", token);
            stack.resourceEvent(context.eventTime(), change.logicalId(), physicalId, change.resourceType(), "UPDATE_IN_PROGRESS",
                    "Resource creation Initiated", token);
            stack.resourceEvent(context.eventTime(), change.logicalId(), physicalId, change.resourceType(), "UPDATE_COMPLETE", null, token);
            after = SandboxResource.inSync(change.logicalId(), change.resourceType(), physicalId);
        } else {
            stack.resourceEvent(context.eventTime(), change.logicalId(), beforeId, change.resourceType(), "UPDATE_IN_PROGRESS", null, token);
            stack.resourceEvent(context.eventTime(), change.logicalId(), beforeId, change.resourceType(), "UPDATE_COMPLETE", null, token);
            // An ordinary update leaves drift the template change does not touch; a drift-aware one puts the resource back.
            after = changeSet.filter(SandboxChangeSet::revertsDrift).isPresent() ? DriftRevert.reverted(before) : before;
        }
        stack.resources.put(change.logicalId(), after);
        applied.add(new Applied(change, before, after, false));
    }

    private String newPhysicalId(ProposedChange change) {
        Template.Resource declared = target.template().resources().get(change.logicalId());
        Object givenName = CreateOnlyProperties.nameProperty(change.resourceType())
                .map(property -> targetValues.resolve(declared.properties().get(property)))
                .orElse(null);
        return context.physicalId(stack, change.logicalId(), change.resourceType(), givenName);
    }

    /** After the resources: the template runs now; the triggers are watched for the monitoring time. */
    private void monitor() {
        if (!deployed) {
            deployed = true;
            Instant now = context.now();
            stack.runs(target.template(), now);
            monitorUntil = now.plus(context.monitoringMinute().multipliedBy(target.rollback().monitoringMinutes()));
        }
        Optional<String> trigger = context.triggerFired(target.rollback());
        if (trigger.isPresent()) {
            rollBack(trigger.get());
        } else if (context.now().isBefore(monitorUntil)) {
            steps.addFirst(this::monitor);
        }
    }

    private void cleanup(List<ProposedChange> changes) {
        commitTarget();
        stack.stackEvent(context.eventTime(), "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", null, token);
        for (Applied replaced : applied) {
            if (replaced.change().replaces() && replaced.before() != null) {
                steps.add(() -> delete(replaced.before(), replaced.before().type()));
            }
        }
        for (ProposedChange change : changes) {
            if (change.action() == ProposedChange.Action.Remove) {
                steps.add(() -> {
                    SandboxResource removed = stack.resources.remove(change.logicalId());
                    delete(removed == null ? SandboxResource.inSync(change.logicalId(), change.resourceType(), "") : removed,
                            change.resourceType());
                });
            }
        }
        steps.add(this::complete);
    }

    private void delete(SandboxResource resource, String type) {
        String physicalId = resource.physicalId().isEmpty() ? null : resource.physicalId();
        stack.resourceEvent(context.eventTime(), resource.logicalId(), physicalId, type, "DELETE_IN_PROGRESS", null, token);
        stack.resourceEvent(context.eventTime(), resource.logicalId(), physicalId, type, "DELETE_COMPLETE", null, token);
    }

    private void complete() {
        stack.stackEvent(context.eventTime(), kind == Kind.CREATE ? "CREATE_COMPLETE" : "UPDATE_COMPLETE", null, token);
        finish("EXECUTE_COMPLETE");
    }

    private void commitTarget() {
        stack.template = target.template();
        stack.templateGiven = true;
        stack.parameters = target.parameters();
        stack.tags = target.tags();
        stack.capabilities = target.capabilities();
        stack.rollback = target.rollback();
    }

    private void rollBack(String reason) {
        steps.clear();
        Instant now = context.now();
        if (kind == Kind.UPDATE) {
            if (deployed) {
                stack.runs(stack.template, now);
            }
            stack.stackEvent(context.eventTime(), "UPDATE_ROLLBACK_IN_PROGRESS", reason, token);
            applied.reversed().stream().filter(done -> done.change().action() == ProposedChange.Action.Modify)
                    .forEach(pendingRollback::add);
        } else {
            stack.stopsRunning(now);
            stack.stackEvent(context.eventTime(), "ROLLBACK_IN_PROGRESS", reason, token);
            applied.reversed().forEach(pendingRollback::add);
        }
        steps.add(this::rollbackNext);
    }

    private void rollbackNext() {
        Applied next = pendingRollback.poll();
        if (next == null) {
            if (kind == Kind.UPDATE) {
                rollbackCleanup();
            } else {
                stack.stackEvent(context.eventTime(), "ROLLBACK_COMPLETE", null, token);
                finish("EXECUTE_FAILED");
            }
            return;
        }
        String type = next.change().resourceType();
        String failure = rollbackFailures.get(next.logicalId());
        if (kind == Kind.CREATE) {
            String physicalId = next.after() == null ? null : next.after().physicalId();
            stack.resourceEvent(context.eventTime(), next.logicalId(), physicalId, type, "DELETE_IN_PROGRESS", null, token);
            if (failure != null) {
                stack.resourceEvent(context.eventTime(), next.logicalId(), physicalId, type, "DELETE_FAILED", failure, token);
                steps.add(() -> {
                    stack.stackEvent(context.eventTime(), "ROLLBACK_FAILED",
                            "The following resource(s) failed to delete: [" + next.logicalId() + "]. ", token);
                    finish("EXECUTE_FAILED");
                });
                return;
            }
            stack.resourceEvent(context.eventTime(), next.logicalId(), physicalId, type, "DELETE_COMPLETE", null, token);
            stack.resources.remove(next.logicalId());
            steps.add(this::rollbackNext);
            return;
        }
        SandboxResource current = stack.resources.get(next.logicalId());
        String currentId = current == null ? next.before().physicalId() : current.physicalId();
        stack.resourceEvent(context.eventTime(), next.logicalId(), currentId, type, "UPDATE_IN_PROGRESS", null, token);
        if (failure != null) {
            stack.resourceEvent(context.eventTime(), next.logicalId(), currentId, type, "UPDATE_FAILED", failure, token);
            pendingRollback.addFirst(next);
            failedRollbacks.add(next.logicalId());
            steps.add(() -> {
                stack.stackEvent(context.eventTime(), "UPDATE_ROLLBACK_FAILED",
                        "The following resource(s) failed to update: [" + next.logicalId() + "].", token);
                changeSet.ifPresent(set -> set.executionStatus = "EXECUTE_FAILED");
                suspended = true;
            });
            return;
        }
        stack.resourceEvent(context.eventTime(), next.logicalId(), next.before().physicalId(), type, "UPDATE_COMPLETE", null, token);
        stack.resources.put(next.logicalId(), next.before());
        steps.add(this::rollbackNext);
    }

    /** Deletes what the failed update created: added resources and the new halves of replacements not skipped. */
    private void rollbackCleanup() {
        stack.stackEvent(context.eventTime(), "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS", null, token);
        for (Applied done : applied.reversed()) {
            boolean added = done.change().action() == ProposedChange.Action.Add;
            boolean replacedNotSkipped = done.change().replaces() && !done.failed() && !skipped.contains(done.logicalId());
            if (added || replacedNotSkipped) {
                steps.add(() -> {
                    if (added && done.before() != null) {
                        // A resource deleted by hand that a drift-aware change set created again: deleted it stays.
                        stack.resources.put(done.logicalId(), done.before());
                    } else if (added) {
                        stack.resources.remove(done.logicalId());
                    }
                    String physicalId = done.after() == null ? null : done.after().physicalId();
                    String type = done.change().resourceType();
                    stack.resourceEvent(context.eventTime(), done.logicalId(), physicalId, type, "DELETE_IN_PROGRESS", null, token);
                    String failure = rollbackFailures.get(done.logicalId());
                    // Failures in the cleanup leave the resource behind but do not fail the rollback, as in AWS.
                    stack.resourceEvent(context.eventTime(), done.logicalId(), physicalId, type,
                            failure == null ? "DELETE_COMPLETE" : "DELETE_FAILED", failure, token);
                });
            }
        }
        steps.add(() -> {
            stack.stackEvent(context.eventTime(), "UPDATE_ROLLBACK_COMPLETE", null, token);
            finish("EXECUTE_FAILED");
        });
    }

    private void finish(String executionStatus) {
        finished = true;
        changeSet.ifPresent(set -> set.executionStatus = executionStatus);
    }
}
