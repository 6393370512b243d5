package dev.caretaker.deployment.workflow;

import dev.caretaker.config.CaretakerConfig;
import dev.caretaker.deployments.Deployment;
import dev.caretaker.deployments.DeploymentStatus;
import dev.caretaker.events.EventPublisher;
import dev.caretaker.events.ResultEvent;
import dev.caretaker.events.Severity;
import dev.caretaker.job.Job;
import dev.caretaker.job.JobStore;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Opens the approval: the task token goes on the record (where the orchestrator's approval route
 * finds it) and the preview goes to the notification channels as a {@code DeploymentApprovalRequested}
 * event. The state machine then waits for the token's answer; this step's own result is ignored.
 * A repeat with a new token replaces the old one: only the latest token can still be answered.
 */
public final class RequestApprovalStep implements WorkflowStep {

    private final DeploymentRecords records;
    private final JobStore jobs;
    private final EventPublisher events;
    private final Supplier<CaretakerConfig> config;

    public RequestApprovalStep(DeploymentRecords records, JobStore jobs, EventPublisher events, Supplier<CaretakerConfig> config) {
        this.records = Objects.requireNonNull(records, "records");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.events = Objects.requireNonNull(events, "events");
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public Map<String, Object> run(StepInput in) {
        if (in.taskToken() == null || in.taskToken().isBlank()) {
            throw new IllegalArgumentException("requestApproval needs the task token ($$.Task.Token) as taskToken");
        }
        Deployment deployment = records.open(in.deployment().deploymentId());
        StackPolicy policy = StackPolicy.of(config.get(), deployment.stack());
        Instant now = records.now();
        Instant expires = now.plus(policy.approvalTimeout());
        String how = "approve with `caretaker deploy approve " + deployment.id() + "`, reject with `caretaker deploy reject "
                + deployment.id() + " --reason TEXT`";
        Deployment waiting = records.update(deployment.id(), current -> current
                .step(DeploymentStatus.AWAITING_APPROVAL, "approval", "waiting for a person until " + expires + ": " + how, now)
                .withApprovalRequest(in.taskToken(), now));
        if (waiting.status() != DeploymentStatus.AWAITING_APPROVAL) {
            // Cancelled between the preview and now: nobody is to be asked.
            return Map.of("requested", false, "status", waiting.status().name());
        }
        Map<String, Object> preview = DeploymentRecords.recovering(waiting) && waiting.recovery().get("preview") instanceof Map<?, ?>
                ? cast(waiting.recovery().get("preview")) : waiting.preview();
        Job job = jobs.find(in.deployment().jobId()).orElse(null);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("deploymentId", deployment.id());
        data.put("stack", deployment.stack());
        data.put("version", KeptRelease.of(waiting).version());
        data.put("risky", Boolean.TRUE.equals(preview.get("risky")));
        data.put("preview", String.valueOf(preview.getOrDefault("text", "")));
        data.put("expires", expires.toString());
        data.put("approve", "caretaker deploy approve " + deployment.id());
        data.put("reject", "caretaker deploy reject " + deployment.id() + " --reason TEXT");
        events.publish(new ResultEvent("caretaker.deployment", "DeploymentApprovalRequested", Severity.WARNING,
                in.deployment().jobId(), job == null ? in.deployment().jobId() : job.correlationId(), deployment.stack(),
                deployment.stack() + " " + data.get("version") + " waits for approval until " + expires + "; " + how,
                now, data));
        return Map.of("requested", true, "expires", expires.toString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object map) {
        return (Map<String, Object>) map;
    }
}
