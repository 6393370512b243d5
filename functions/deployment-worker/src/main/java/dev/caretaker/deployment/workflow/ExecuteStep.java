package dev.caretaker.deployment.workflow;

import dev.caretaker.deployment.stack.ChangeSet;
import dev.caretaker.deployment.stack.DeploymentTokens;
import dev.caretaker.deployment.stack.StackOperations;
import dev.caretaker.deployments.Deployment;
import dev.caretaker.work.PermanentFailure;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Executes the previewed change set. The record moves to EXECUTING first, through the optimistic
 * update: a cancel that got there before wins, and nothing is executed. A repeat finds the change
 * set already executing (its execution status is no longer AVAILABLE) and does not execute it again.
 */
public final class ExecuteStep implements WorkflowStep {

    private final StackOperations stacks;
    private final DeploymentRecords records;

    public ExecuteStep(StackOperations stacks, DeploymentRecords records) {
        this.stacks = Objects.requireNonNull(stacks, "stacks");
        this.records = Objects.requireNonNull(records, "records");
    }

    @Override
    public Map<String, Object> run(StepInput in) {
        Deployment deployment = records.open(in.deployment().deploymentId());
        String operation = DeploymentRecords.operationId(deployment);
        String name = DeploymentTokens.changeSetName(operation);
        Instant now = records.now();
        Deployment executing = records.update(deployment.id(), current -> current
                .step(TwoWayStep.EXECUTE.status(deployment), TwoWayStep.EXECUTE.name(deployment),
                        "executing change set " + name, now)
                .withApprovalToken(null, now));
        if (executing.status().isTerminal()) {
            throw new PermanentFailure("deployment " + deployment.id() + " ended as " + executing.status()
                    + " before its change set was executed: nothing was changed");
        }
        ChangeSet changeSet = stacks.describeChangeSet(deployment.stack(), name);
        String execution = String.valueOf(changeSet.executionStatus());
        if ("AVAILABLE".equals(execution)) {
            stacks.executeChangeSet(deployment.stack(), name, operation);
        } else if (!execution.startsWith("EXECUTE_")) {
            throw new PermanentFailure("CHANGE_SET_NOT_EXECUTABLE: change set " + name + " is " + execution
                    + (changeSet.statusReason() == null ? "" : " (" + changeSet.statusReason() + ")")
                    + ": the stack changed after the preview. Start the deployment again for a fresh preview");
        }
        return Map.of("changeSet", name);
    }
}
