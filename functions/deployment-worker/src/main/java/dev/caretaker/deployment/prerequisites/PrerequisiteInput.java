package dev.caretaker.deployment.prerequisites;

import dev.caretaker.deployment.stack.TemplateSummary;
import java.util.List;
import java.util.Map;

/**
 * What the prerequisite checks look at.
 *
 * @param stackStatus              the stack's status, null when it does not exist
 * @param manifestCapabilities     what the release's manifest says the template needs
 * @param acknowledgedCapabilities what the customer's configuration acknowledges for this stack
 * @param parameters               the values to deploy with: the manifest's defaults overridden by the configuration
 * @param deployRoleArn            the role CloudFormation deploys with; null skips the permission check
 */
public record PrerequisiteInput(String stackName, String stackStatus, List<String> manifestCapabilities,
                                List<String> acknowledgedCapabilities, Map<String, String> parameters,
                                TemplateSummary template, String deployRoleArn) {

    public PrerequisiteInput {
        manifestCapabilities = List.copyOf(manifestCapabilities);
        acknowledgedCapabilities = List.copyOf(acknowledgedCapabilities);
        parameters = Map.copyOf(parameters);
    }
}
