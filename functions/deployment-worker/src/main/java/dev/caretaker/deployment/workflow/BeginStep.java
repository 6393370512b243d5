package dev.caretaker.deployment.workflow;

import dev.caretaker.deployment.DeploymentInput;
import dev.caretaker.deployments.Deployment;
import dev.caretaker.job.ClaimOutcome;
import dev.caretaker.job.JobStore;
import dev.caretaker.work.PermanentFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Claims the DEPLOY job and creates the deployment record. The execution name is the job id, so the
 * only other holder of the claim is this execution's earlier try; the record is created if absent,
 * by whichever of the orchestrator and this step comes first.
 */
public final class BeginStep implements WorkflowStep {

    /** A Standard workflow may wait days for a window or an approval; the lease covers the whole execution. */
    static final Duration EXECUTION_LEASE = Duration.ofDays(30);

    private final JobStore jobs;
    private final DeploymentRecords records;
    private final String environment;

    /**
     * @param environment the installation's environment, the record's label (the orchestrator, which
     *                    usually creates the record first, labels it the same way)
     */
    public BeginStep(JobStore jobs, DeploymentRecords records, String environment) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.records = Objects.requireNonNull(records, "records");
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    @Override
    public Map<String, Object> run(StepInput in) {
        DeploymentInput input = in.deployment();
        Instant now = records.now();
        int attempt = switch (jobs.claim(input.jobId(), now, now.plus(EXECUTION_LEASE))) {
            case ClaimOutcome.Claimed claimed -> claimed.job().attempts();
            case ClaimOutcome.HeldByAnother held -> held.job().attempts();
            case ClaimOutcome.AlreadyFinished finished -> throw new PermanentFailure(
                    "deployment " + input.jobId() + " already ended as " + finished.job().status());
            case ClaimOutcome.NotFound missing -> throw new PermanentFailure("deployment job " + input.jobId() + " does not exist");
        };
        Deployment record = records.store().createIfAbsent(Deployment.started(input.deploymentId(), input.stack(),
                input.version(), input.manifest(), environment, false, null, input.origin(), now));
        if (record.status().isTerminal()) {
            throw new PermanentFailure("deployment " + record.id() + " already ended as " + record.status());
        }
        return Map.of("attempt", attempt, "status", record.status().name());
    }
}
