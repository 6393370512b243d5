package dev.caretaker.deployment.workflow;

import dev.caretaker.deployments.Deployment;
import dev.caretaker.deployments.DeploymentStatus;
import dev.caretaker.events.EventPublisher;
import dev.caretaker.events.ResultEvent;
import dev.caretaker.events.Severity;
import dev.caretaker.job.IllegalJobTransitionException;
import dev.caretaker.job.Job;
import dev.caretaker.job.JobStore;
import dev.caretaker.work.PermanentFailure;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Carries the deployment's terminal status to the job and the bus. The step that decided the outcome
 * already wrote it on the record; this one publishes the result event and ends the job accordingly
 * (SUCCEEDED → job SUCCEEDED, CANCELLED → job CANCELLED, any other → job FAILED with the status and
 * reason). As {@code fail}, it first ends a deployment an unexpected error stopped as FAILED with
 * that error. Publish comes before the job update, so a retry after a bus failure still finds the
 * job open and publishes; consumers dedupe repeats by job id.
 */
public final class FinishStep implements WorkflowStep {

    private final DeploymentRecords records;
    private final JobStore jobs;
    private final EventPublisher events;
    private final boolean afterError;

    /** @param afterError true for the {@code fail} action: $.error holds what stopped the workflow */
    public FinishStep(DeploymentRecords records, JobStore jobs, EventPublisher events, boolean afterError) {
        this.records = Objects.requireNonNull(records, "records");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.events = Objects.requireNonNull(events, "events");
        this.afterError = afterError;
    }

    @Override
    public Map<String, Object> run(StepInput in) {
        String id = in.deployment().deploymentId();
        Deployment deployment = records.store().find(id).orElse(null);
        if (deployment == null) {
            if (!afterError) {
                throw new PermanentFailure("deployment " + id + " has no record");
            }
            // Begin never got to create it: the job still carries the reason.
            return failJobOnly(in, StepErrors.describe(in.error()));
        }
        if (!deployment.status().isTerminal()) {
            String reason = afterError ? StepErrors.describe(in.error())
                    : "the workflow ended without an outcome (a Caretaker bug): the stack is " + deployment.status();
            deployment = records.finish(id, DeploymentStatus.FAILED, reason == null ? "deployment failed" : reason);
        }
        Job job = jobs.find(in.deployment().jobId()).orElse(null);
        if (job != null && !job.status().isTerminal()) {
            publish(deployment, job);
            endJob(deployment, job);
        }
        String reason = deployment.reason() == null ? deployment.status().name() : deployment.reason();
        return Map.of("status", deployment.status().name(), "error", "Caretaker." + deployment.status().name(), "reason", reason);
    }

    private void publish(Deployment deployment, Job job) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("deploymentId", deployment.id());
        data.put("stack", deployment.stack());
        data.put("version", deployment.version());
        data.put("status", deployment.status().name());
        data.put("reason", deployment.reason() == null ? "" : deployment.reason());
        String summary = deployment.stack() + " " + deployment.version() + " " + deployment.status()
                + (deployment.reason() == null ? "" : ": " + deployment.reason());
        events.publish(new ResultEvent("caretaker.deployment", detailType(deployment.status()), severity(deployment.status()),
                job.id(), job.correlationId(), deployment.stack(), summary, records.now(), data));
    }

    private void endJob(Deployment deployment, Job job) {
        Instant now = records.now();
        try {
            switch (deployment.status()) {
                case SUCCEEDED -> {
                    Map<String, Object> result = new LinkedHashMap<>();
                    result.put("deploymentId", deployment.id());
                    result.put("stack", deployment.stack());
                    result.put("version", deployment.version());
                    result.put("reason", deployment.reason() == null ? "" : deployment.reason());
                    jobs.succeed(job.id(), job.attempts(), result, now);
                }
                case CANCELLED -> jobs.cancel(job.id(), String.valueOf(deployment.reason()), now);
                default -> jobs.fail(job.id(), null, deployment.status() + ": " + deployment.reason(), now);
            }
        } catch (IllegalJobTransitionException alreadyEnded) {
            // An operator's cancel or an earlier try ended the job first: one terminal state, whoever wrote it.
        }
    }

    private Map<String, Object> failJobOnly(StepInput in, String reason) {
        String why = reason == null ? "deployment failed" : reason;
        jobs.find(in.deployment().jobId()).filter(job -> !job.status().isTerminal()).ifPresent(job -> {
            events.publish(new ResultEvent("caretaker.deployment", "DeploymentFailed", Severity.ERROR, job.id(),
                    job.correlationId(), in.deployment().stack(), in.deployment().stack() + " " + in.deployment().version()
                    + " FAILED: " + why, records.now(), Map.of("stack", in.deployment().stack(), "status", "FAILED", "reason", why)));
            try {
                jobs.fail(job.id(), null, "FAILED: " + why, records.now());
            } catch (IllegalJobTransitionException alreadyEnded) {
                // Ended meanwhile: nothing left to record.
            }
        });
        return Map.of("status", "FAILED", "error", "Caretaker.FAILED", "reason", why);
    }

    static String detailType(DeploymentStatus status) {
        return switch (status) {
            case SUCCEEDED -> "DeploymentCompleted";
            case ROLLED_BACK -> "DeploymentRolledBack";
            case REJECTED -> "DeploymentRejected";
            case CANCELLED -> "DeploymentCancelled";
            default -> "DeploymentFailed";
        };
    }

    static Severity severity(DeploymentStatus status) {
        return switch (status) {
            case SUCCEEDED -> Severity.INFO;
            case REJECTED, CANCELLED -> Severity.WARNING;
            default -> Severity.ERROR;
        };
    }
}
