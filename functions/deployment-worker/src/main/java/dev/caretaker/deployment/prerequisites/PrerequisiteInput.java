package dev.caretaker.deployment.prerequisites;

import dev.caretaker.deployment.stack.TemplateSummary;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the prerequisite checks look at.
 *
 * @param stackStatus              the stack's status, null when it does not exist
 * @param manifestCapabilities     what the release's manifest says the template needs
 * @param acknowledgedCapabilities what the customer's configuration acknowledges for this stack
 * @param parameters               the values to deploy with: the manifest's defaults overridden by the configuration
 * @param keptParameters           parameters that keep the stack's current value (a drift remediation keeps them all)
 * @param deployRoleArn            the role CloudFormation deploys with; null skips the permission check
 */
public record PrerequisiteInput(String stackName, String stackStatus, List<String> manifestCapabilities,
                                List<String> acknowledgedCapabilities, Map<String, String> parameters,
                                Set<String> keptParameters, TemplateSummary template, String deployRoleArn) {

    public PrerequisiteInput {
        manifestCapabilities = List.copyOf(manifestCapabilities);
        acknowledgedCapabilities = List.copyOf(acknowledgedCapabilities);
        parameters = Map.copyOf(parameters);
        keptParameters = Set.copyOf(keptParameters);
    }

    /** A release's input: every parameter takes the value given (or its default). */
    public PrerequisiteInput(String stackName, String stackStatus, List<String> manifestCapabilities,
                             List<String> acknowledgedCapabilities, Map<String, String> parameters, TemplateSummary template,
                             String deployRoleArn) {
        this(stackName, stackStatus, manifestCapabilities, acknowledgedCapabilities, parameters, Set.of(), template, deployRoleArn);
    }
}
