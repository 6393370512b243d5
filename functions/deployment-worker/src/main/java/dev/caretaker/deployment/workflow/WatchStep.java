package dev.caretaker.deployment.workflow;

import dev.caretaker.deployment.progress.DeploymentProgress;
import dev.caretaker.deployment.progress.ProgressTracker;
import dev.caretaker.deployment.stack.DeploymentTokens;
import dev.caretaker.deployment.stack.StackEvent;
import dev.caretaker.deployment.stack.StackOperations;
import dev.caretaker.deployments.Deployment;
import dev.caretaker.deployments.DeploymentStatus;
import dev.caretaker.work.PermanentFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Follows the executed change from the stack's events and says where it stands. Only this
 * deployment's events count: those at or after its execution started (less a margin for clock skew)
 * that carry its own request tokens. Ends the deployment where the outcome is final; hands over to
 * the health check, or to the continued rollback, where it is not.
 */
public final class WatchStep implements WorkflowStep {

    /** CloudFormation stamps events with its own clock; ours may be a little ahead. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
    static final long FIRST_WAIT_SECONDS = 5;
    static final long MAX_WAIT_SECONDS = 60;
    /** One ContinueUpdateRollback as it is, one skipping the resources whose rollback failed; then a person. */
    static final int MAX_CONTINUE_ATTEMPTS = 2;

    private final StackOperations stacks;
    private final DeploymentRecords records;

    public WatchStep(StackOperations stacks, DeploymentRecords records) {
        this.stacks = Objects.requireNonNull(stacks, "stacks");
        this.records = Objects.requireNonNull(records, "records");
    }

    @Override
    public Map<String, Object> run(StepInput in) {
        Deployment deployment = records.open(in.deployment().deploymentId());
        boolean recovering = DeploymentRecords.recovering(deployment);
        String tokens = DeploymentTokens.changeSetName(DeploymentRecords.operationId(deployment));
        Instant started = deployment.timings().get(TwoWayStep.EXECUTE.name(deployment));
        if (started == null) {
            throw new PermanentFailure("deployment " + deployment.id() + " is watched before its change set was executed");
        }
        List<StackEvent> events = stacks.stackEventsSince(deployment.stack(), started.minus(CLOCK_SKEW)).stream()
                .filter(event -> event.clientRequestToken() == null || event.clientRequestToken().startsWith(tokens))
                .toList();
        DeploymentProgress progress = ProgressTracker.progress(deployment.stack(), events, totalChanges(deployment, recovering));
        Instant statusAt = latestStackEvent(deployment.stack(), events);
        record(deployment, progress, statusAt);

        int attempts = in.previous("continueRollback", "attempt", 0);
        return switch (progress.outcome()) {
            case IN_PROGRESS -> inProgress(in);
            case SUCCEEDED -> recovering ? recovered(deployment) : Map.of("state", "SUCCEEDED");
            case ROLLED_BACK -> rolledBack(deployment, recovering, progress, in);
            case FAILED -> {
                if ("UPDATE_ROLLBACK_FAILED".equals(progress.stackStatus()) && statusAt != null
                        && !statusAt.isAfter(Instant.ofEpochMilli(in.previousLong("continueRollback", "continuedFrom", 0)))) {
                    // The last failure is the one already continued from: the continued rollback has not shown yet.
                    yield inProgress(in);
                }
                if ("UPDATE_ROLLBACK_FAILED".equals(progress.stackStatus()) && attempts < MAX_CONTINUE_ATTEMPTS) {
                    records.step(deployment.id(), DeploymentStatus.ROLLING_BACK, "watch", "the rollback failed ("
                            + progress.stackStatusReason() + "); resources whose rollback failed: "
                            + progress.rollbackFailedResources() + "; continuing the rollback");
                    yield Map.of("state", "ROLLBACK_FAILED", "statusAt", statusAt == null ? 0L : statusAt.toEpochMilli());
                }
                yield failed(deployment, recovering, progress, attempts);
            }
        };
    }

    private static Map<String, Object> inProgress(StepInput in) {
        int polls = in.previous("watch", "polls", 0) + 1;
        long wait = Math.min(MAX_WAIT_SECONDS, FIRST_WAIT_SECONDS << Math.min(polls - 1, 4));
        return Map.of("state", "IN_PROGRESS", "waitSeconds", wait, "polls", polls);
    }

    private Map<String, Object> recovered(Deployment deployment) {
        records.finish(deployment.id(), DeploymentStatus.ROLLED_BACK, PreviewStep.recoveryReason(deployment)
                + "; returned to the last known-good release " + deployment.recovery().get("version")
                + " (deployment " + deployment.recovery().get("deploymentId") + ")");
        return Map.of("state", "RECOVERED");
    }

    private Map<String, Object> rolledBack(Deployment deployment, boolean recovering, DeploymentProgress progress, StepInput in) {
        String failure = progress.firstFailure() == null ? String.valueOf(progress.stackStatusReason()) : progress.firstFailure();
        List<String> skipped = in.previousList("continueRollback", "skipped");
        String skippedNote = skipped.isEmpty() ? "" : "; the rollback was continued skipping " + skipped
                + ": those resources are out of step with the template, check them by hand";
        if (recovering) {
            records.finish(deployment.id(), DeploymentStatus.FAILED, PreviewStep.recoveryReason(deployment)
                    + "; the way back to " + deployment.recovery().get("version") + " failed and CloudFormation undid it ("
                    + failure + "): the stack keeps " + deployment.version() + skippedNote);
        } else {
            String created = "ROLLBACK_COMPLETE".equals(progress.stackStatus())
                    ? "; the stack was never created and is left in ROLLBACK_COMPLETE: delete it before deploying again" : "";
            records.finish(deployment.id(), DeploymentStatus.ROLLED_BACK, "CloudFormation rolled the change back: " + failure
                    + skippedNote + created);
        }
        return Map.of("state", "ROLLED_BACK");
    }

    private Map<String, Object> failed(Deployment deployment, boolean recovering, DeploymentProgress progress, int attempts) {
        String what = switch (String.valueOf(progress.stackStatus())) {
            case "UPDATE_ROLLBACK_FAILED" -> "the rollback failed again after " + attempts + " attempts to continue it (resources"
                    + " whose rollback failed: " + progress.rollbackFailedResources() + "): fix those resources by hand, then run"
                    + " ContinueUpdateRollback skipping them, and deploy again";
            case "ROLLBACK_FAILED" -> "creating the stack failed and so did deleting what was created: delete the stack"
                    + " (retaining the resources that block it), then deploy again";
            default -> "the stack is " + progress.stackStatus() + ": see its events";
        };
        String failure = progress.firstFailure() == null ? "" : " (first failure: " + progress.firstFailure() + ")";
        records.finish(deployment.id(), DeploymentStatus.FAILED, (recovering ? PreviewStep.recoveryReason(deployment)
                + "; returning to the last known-good release failed: " : "") + what + failure);
        return Map.of("state", "FAILED");
    }

    private void record(Deployment deployment, DeploymentProgress progress, Instant statusAt) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("done", progress.done());
        view.put("total", progress.total());
        view.put("currentResource", progress.currentResource());
        view.put("stackStatus", progress.stackStatus());
        view.put("stackStatusAt", statusAt == null ? null : statusAt.toString());
        view.put("firstFailure", progress.firstFailure());
        view.put("rollbackFailedResources", progress.rollbackFailedResources());
        Instant now = records.now();
        records.update(deployment.id(), current -> {
            Deployment updated = current.withProgress(view, now);
            Object previous = current.progress().get("stackStatus");
            if (progress.stackStatus() != null && !progress.stackStatus().equals(previous)) {
                updated = updated.withEvent("watch", progress.stackStatus() + " (" + progress.done() + "/" + progress.total()
                        + " resources" + (progress.firstFailure() == null ? "" : "; " + progress.firstFailure()) + ")", now);
            }
            return updated;
        });
    }

    private static int totalChanges(Deployment deployment, boolean recovering) {
        Object preview = recovering ? deployment.recovery().get("preview") : deployment.preview();
        return preview instanceof Map<?, ?> map && map.get("changes") instanceof List<?> changes ? changes.size() : 0;
    }

    private static Instant latestStackEvent(String stack, List<StackEvent> events) {
        Instant latest = null;
        for (StackEvent event : events) {
            if (event.isStackEvent(stack)) {
                latest = event.timestamp();
            }
        }
        return latest;
    }
}
