package dev.caretaker.deployment.workflow;

import java.util.Map;

/**
 * One task of the deployment state machine. Step Functions may run a step twice (a retry after a
 * lost answer), so every step is idempotent: it reads the deployment record, does what is still
 * undone, and returns what the next Choice state needs.
 */
@FunctionalInterface
public interface WorkflowStep {

    Map<String, Object> run(StepInput input);
}
