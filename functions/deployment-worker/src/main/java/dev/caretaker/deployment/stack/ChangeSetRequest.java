package dev.caretaker.deployment.stack;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to propose to CloudFormation for one deployment. The change set's name and client token
 * derive from {@code operationId} (the deployment id, or a suffixed id for a second change set of
 * the same deployment), so a retried step finds the change set it already made.
 *
 * @param roleArn the service role CloudFormation deploys with; null to use the caller's permissions
 */
public record ChangeSetRequest(String operationId, String stackName, TemplateSource template, Map<String, String> parameters,
                               Map<String, String> tags, List<String> capabilities, RollbackTriggers rollbackTriggers,
                               String roleArn) {

    public ChangeSetRequest {
        Objects.requireNonNull(operationId, "operationId");
        Objects.requireNonNull(stackName, "stackName");
        Objects.requireNonNull(template, "template");
        parameters = Map.copyOf(parameters);
        tags = Map.copyOf(tags);
        capabilities = List.copyOf(capabilities);
        Objects.requireNonNull(rollbackTriggers, "rollbackTriggers");
    }
}
