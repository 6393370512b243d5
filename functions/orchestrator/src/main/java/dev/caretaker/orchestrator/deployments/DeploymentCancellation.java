package dev.caretaker.orchestrator.deployments;

import dev.caretaker.deployments.Deployment;
import dev.caretaker.deployments.DeploymentStatus;
import dev.caretaker.deployments.DeploymentStore;
import dev.caretaker.events.EventPublisher;
import dev.caretaker.events.ResultEvent;
import dev.caretaker.events.Severity;
import dev.caretaker.job.IllegalJobTransitionException;
import dev.caretaker.job.Job;
import dev.caretaker.job.JobStore;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An operator stops a deployment before anything was applied.
 *
 * <p>Allowed while the deployment verifies, waits for its window, checks, previews or waits for
 * approval. From EXECUTING on CloudFormation is changing the stack: stopping the workflow there
 * would leave the stack half-changed with nobody watching, so Caretaker refuses and lets the
 * workflow finish (it rolls back on failure).
 *
 * <p>Each step is safe to repeat, and a repeated cancel finishes what an interrupted one began:
 * <ol>
 *   <li>the record becomes CANCELLED, conditionally on a cancellable status: the worker, which
 *       moves the record on its own, cannot leave CANCELLED (a terminal record does not change);</li>
 *   <li>the execution is stopped ({@code Caretaker.Cancelled}); one that is already closed or was
 *       never started is fine;</li>
 *   <li>the {@code DeploymentCancelled} result event is published, then the job is cancelled: the
 *       job still open is what tells a repeat that the event may not have gone out yet.</li>
 * </ol>
 */
public final class DeploymentCancellation {

    public static final String CANCELLED_ERROR = "Caretaker.Cancelled";
    public static final String EVENT_SOURCE = "caretaker.deployment";
    public static final String CANCELLED_DETAIL_TYPE = "DeploymentCancelled";
    /** Nothing has been applied to the stack in these. */
    public static final Set<DeploymentStatus> CANCELLABLE = EnumSet.of(DeploymentStatus.VERIFYING,
            DeploymentStatus.WAITING_FOR_WINDOW, DeploymentStatus.CHECKING, DeploymentStatus.PREVIEWING,
            DeploymentStatus.AWAITING_APPROVAL);

    private static final Logger LOG = LoggerFactory.getLogger(DeploymentCancellation.class);

    private final DeploymentStore store;
    private final JobStore jobs;
    private final WorkflowControl workflow;
    private final EventPublisher events;
    private final Clock clock;

    public DeploymentCancellation(DeploymentStore store, JobStore jobs, WorkflowControl workflow, EventPublisher events,
                                  Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.workflow = Objects.requireNonNull(workflow, "workflow");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param by     who cancels, as it will be recorded
     * @param reason why, optional
     */
    public ControlOutcome cancel(String deploymentId, String by, String reason) {
        Objects.requireNonNull(by, "by");
        Optional<Deployment> found = store.find(deploymentId);
        if (found.isEmpty()) {
            return new ControlOutcome.NotFound("no deployment " + deploymentId);
        }
        Deployment current = found.get();
        if (current.status() != DeploymentStatus.CANCELLED) {
            Optional<ControlOutcome> refusal = refusal(current);
            if (refusal.isPresent()) {
                return refusal.get();
            }
            Instant now = clock.instant();
            String why = "cancelled by " + by + (reason == null ? "" : ": " + reason);
            current = store.update(deploymentId, record -> CANCELLABLE.contains(record.status())
                    ? record.finish(DeploymentStatus.CANCELLED, why, now) : record);
            if (current.status() != DeploymentStatus.CANCELLED) {
                // The workflow moved on (or ended) between the read and the write.
                return refusal(current).orElseThrow();
            }
            LOG.info("deployment cancelled: deployment={} by={}", deploymentId, by);
        }
        return finish(current);
    }

    private ControlOutcome finish(Deployment cancelled) {
        WorkflowControl.Answer stopped = workflow.stop(cancelled.id(), CANCELLED_ERROR, cancelled.reason());
        switch (stopped) {
            case WorkflowControl.Answer.Done done -> LOG.info("deployment workflow stopped: deployment={}", cancelled.id());
            case WorkflowControl.Answer.Gone gone -> LOG.info("no deployment workflow to stop: deployment={} code={}",
                    cancelled.id(), gone.code());
            case WorkflowControl.Answer.Unavailable unavailable -> {
                LOG.warn("cancellation recorded but the workflow not stopped: deployment={} reason={}",
                        cancelled.id(), unavailable.reason());
                return new ControlOutcome.Unavailable("deployment " + cancelled.id() + " is recorded as cancelled but its"
                        + " workflow could not be stopped right now; cancel again to finish");
            }
            case WorkflowControl.Answer.Failed failed -> {
                LOG.error("cancellation recorded but the workflow refused to stop: deployment={} reason={}",
                        cancelled.id(), failed.reason());
                return new ControlOutcome.Failed("deployment " + cancelled.id() + " is recorded as cancelled but its workflow"
                        + " could not be stopped");
            }
        }
        Optional<Job> job = jobs.find(cancelled.id());
        if (job.isPresent() && !job.get().status().isTerminal()) {
            Instant now = clock.instant();
            events.publish(event(cancelled, job.get(), now));
            try {
                jobs.cancel(cancelled.id(), cancelled.reason(), now);
            } catch (IllegalJobTransitionException alreadyEnded) {
                LOG.info("deployment job already ended: deployment={} status={}", cancelled.id(), alreadyEnded.from());
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deploymentId", cancelled.id());
        body.put("status", cancelled.status().name());
        return new ControlOutcome.Done(body);
    }

    private static Optional<ControlOutcome> refusal(Deployment deployment) {
        if (deployment.status().isTerminal()) {
            return Optional.of(new ControlOutcome.Conflict("deployment " + deployment.id() + " already ended: "
                    + deployment.status() + (deployment.reason() == null ? "" : " (" + deployment.reason() + ")")));
        }
        if (!CANCELLABLE.contains(deployment.status())) {
            String why = switch (deployment.status()) {
                case VERIFYING_HEALTH -> ": the change is applied and its alarms are being watched; Caretaker cannot take it"
                        + " back by cancelling, and the workflow returns the stack to its last known-good release if an alarm"
                        + " fires.";
                case ROLLING_BACK -> ": the stack is being rolled back and Caretaker cannot stop that safely.";
                default -> ": CloudFormation is applying the change and Caretaker cannot stop it safely; the workflow rolls"
                        + " the stack back if the change fails.";
            };
            return Optional.of(new ControlOutcome.Conflict("deployment " + deployment.id() + " is " + deployment.status() + why
                    + " Follow it with: caretaker deploy status " + deployment.id() + " --follow"));
        }
        return Optional.empty();
    }

    private static ResultEvent event(Deployment cancelled, Job job, Instant now) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("deploymentId", cancelled.id());
        data.put("stack", cancelled.stack());
        data.put("status", cancelled.status().name());
        // ResultEvent keeps no nulls.
        if (cancelled.version() != null) {
            data.put("version", cancelled.version());
        }
        if (cancelled.reason() != null) {
            data.put("reason", cancelled.reason());
        }
        return new ResultEvent(EVENT_SOURCE, CANCELLED_DETAIL_TYPE, Severity.WARNING, job.id(), job.correlationId(),
                cancelled.stack(), cancelled.stack() + " deployment of " + cancelled.version() + " " + cancelled.reason(),
                now, data);
    }
}
