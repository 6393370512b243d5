package dev.caretaker.deployment.stack;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to propose to CloudFormation for one deployment. The change set's name and client token
 * derive from {@code deploymentId}, so a retried step finds the change set it already made.
 *
 * @param templateUrl an https:// URL of the template in S3, as CloudFormation's TemplateURL takes it
 */
public record ChangeSetRequest(String deploymentId, String stackName, String templateUrl, Map<String, String> parameters,
                               Map<String, String> tags, List<String> capabilities, RollbackTriggers rollbackTriggers) {

    public ChangeSetRequest {
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(stackName, "stackName");
        Objects.requireNonNull(templateUrl, "templateUrl");
        parameters = Map.copyOf(parameters);
        tags = Map.copyOf(tags);
        capabilities = List.copyOf(capabilities);
        Objects.requireNonNull(rollbackTriggers, "rollbackTriggers");
    }
}
