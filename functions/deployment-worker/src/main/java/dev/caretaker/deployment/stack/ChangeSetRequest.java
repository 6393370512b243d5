package dev.caretaker.deployment.stack;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What to propose to CloudFormation for one deployment. The change set's name and client token
 * derive from {@code operationId} (the deployment id, or a suffixed id for a second change set of
 * the same deployment), so a retried step finds the change set it already made.
 *
 * @param roleArn        the service role CloudFormation deploys with; null to use the caller's permissions
 * @param keepParameters parameters that keep the stack's current value (UsePreviousValue), NoEcho ones included
 * @param revertDrift    a drift-aware change set (DeploymentMode REVERT_DRIFT): it also brings every drifted
 *                       resource back to the template
 */
public record ChangeSetRequest(String operationId, String stackName, TemplateSource template, Map<String, String> parameters,
                               Map<String, String> tags, List<String> capabilities, RollbackTriggers rollbackTriggers,
                               String roleArn, Set<String> keepParameters, boolean revertDrift) {

    /** A change set to a new template or new parameter values: what a release deploys. */
    public ChangeSetRequest(String operationId, String stackName, TemplateSource template, Map<String, String> parameters,
                            Map<String, String> tags, List<String> capabilities, RollbackTriggers rollbackTriggers, String roleArn) {
        this(operationId, stackName, template, parameters, tags, capabilities, rollbackTriggers, roleArn, Set.of(), false);
    }

    public ChangeSetRequest {
        Objects.requireNonNull(operationId, "operationId");
        Objects.requireNonNull(stackName, "stackName");
        Objects.requireNonNull(template, "template");
        parameters = Map.copyOf(parameters);
        tags = Map.copyOf(tags);
        capabilities = List.copyOf(capabilities);
        Objects.requireNonNull(rollbackTriggers, "rollbackTriggers");
        keepParameters = Set.copyOf(keepParameters);
        for (String kept : keepParameters) {
            if (parameters.containsKey(kept)) {
                throw new IllegalArgumentException("parameter " + kept + " cannot both keep its value and take a new one");
            }
        }
    }
}
