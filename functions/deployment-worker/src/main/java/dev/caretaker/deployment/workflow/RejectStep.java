package dev.caretaker.deployment.workflow;

import dev.caretaker.deployment.stack.DeploymentTokens;
import dev.caretaker.deployment.stack.StackOperations;
import dev.caretaker.deployments.Deployment;
import dev.caretaker.deployments.DeploymentStatus;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a deployment nobody approved: a person rejected it (the approval route failed the task with
 * {@code Caretaker.Rejected}) or the approval timed out. The unexecuted change set is deleted. When
 * the way back to the last known-good release is what was rejected, the stack keeps the release
 * whose alarm fired, and the deployment is FAILED rather than REJECTED: it did change the stack.
 */
public final class RejectStep implements WorkflowStep {

    static final String REJECTED_ERROR = "Caretaker.Rejected";
    private static final Logger LOG = LoggerFactory.getLogger(RejectStep.class);

    private final StackOperations stacks;
    private final DeploymentRecords records;

    public RejectStep(StackOperations stacks, DeploymentRecords records) {
        this.stacks = Objects.requireNonNull(stacks, "stacks");
        this.records = Objects.requireNonNull(records, "records");
    }

    @Override
    public Map<String, Object> run(StepInput in) {
        Deployment deployment = records.store().find(in.deployment().deploymentId()).orElse(null);
        if (deployment == null || deployment.status().isTerminal()) {
            return Map.of("status", deployment == null ? "UNKNOWN" : deployment.status().name());
        }
        Object error = in.error().get("Error");
        Object cause = in.error().get("Cause");
        String why = "States.Timeout".equals(error)
                ? "nobody approved within the approval timeout (deployment.approvalTimeout); start it again to ask again"
                : cause == null || cause.toString().isBlank() ? "rejected" : cause.toString();
        try {
            stacks.deleteChangeSet(deployment.stack(), DeploymentTokens.changeSetName(DeploymentRecords.operationId(deployment)));
        } catch (RuntimeException e) {
            // An unexecuted change set left behind changes nothing; the decision stands either way.
            LOG.warn("could not delete the rejected change set of deployment {}: {}", deployment.id(), e.toString());
        }
        Deployment ended = DeploymentRecords.recovering(deployment)
                ? records.finish(deployment.id(), DeploymentStatus.FAILED, PreviewStep.recoveryReason(deployment)
                        + "; the way back to the last known-good release was not approved (" + why + "): the stack keeps "
                        + deployment.version())
                : records.finish(deployment.id(), DeploymentStatus.REJECTED, why);
        return Map.of("status", ended.status().name());
    }
}
