package dev.caretaker.deployment.workflow;

import dev.caretaker.deployment.stack.StackOperations;
import dev.caretaker.deployments.Deployment;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Gets a stack out of UPDATE_ROLLBACK_FAILED. The first attempt skips nothing: the cause may have
 * passed (a throttled API, a dependency that is back). The second skips exactly the resources whose
 * rollback failed, as the record lists them: a skipped resource stays as the failed update left it,
 * out of step with the template, so the list stays as short as the failure, and the deployment's
 * reason names every skipped resource for a person to check.
 */
public final class ContinueRollbackStep implements WorkflowStep {

    private final StackOperations stacks;
    private final DeploymentRecords records;

    public ContinueRollbackStep(StackOperations stacks, DeploymentRecords records) {
        this.stacks = Objects.requireNonNull(stacks, "stacks");
        this.records = Objects.requireNonNull(records, "records");
    }

    @Override
    public Map<String, Object> run(StepInput in) {
        Deployment deployment = records.open(in.deployment().deploymentId());
        int attempt = in.previous("continueRollback", "attempt", 0) + 1;
        List<String> skip = attempt == 1 ? List.of() : failedRollbacks(deployment);
        stacks.continueUpdateRollback(deployment.stack(), skip, DeploymentRecords.operationId(deployment), attempt);
        Instant now = records.now();
        records.update(deployment.id(), current -> current.withEvent("continueRollback", "ContinueUpdateRollback attempt "
                + attempt + (skip.isEmpty() ? ", skipping nothing" : ", skipping " + skip), now));
        return Map.of("attempt", attempt, "skipped", skip, "continuedFrom", in.previousLong("watch", "statusAt", 0));
    }

    private static List<String> failedRollbacks(Deployment deployment) {
        return deployment.progress().get("rollbackFailedResources") instanceof List<?> resources
                ? resources.stream().map(String::valueOf).toList() : List.of();
    }
}
