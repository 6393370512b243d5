package dev.caretaker.deployment;

import java.util.Objects;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/** {@link StackInspector} on CloudFormation DescribeStacks. */
public final class CloudFormationStackInspector implements StackInspector {

    private final CloudFormationClient cloudFormation;

    public CloudFormationStackInspector(CloudFormationClient cloudFormation) {
        this.cloudFormation = Objects.requireNonNull(cloudFormation, "cloudFormation");
    }

    @Override
    public StackState inspect(String stack) {
        try {
            Stack found = cloudFormation.describeStacks(request -> request.stackName(stack)).stacks().get(0);
            return new StackState.Present(found.stackStatusAsString());
        } catch (CloudFormationException e) {
            // DescribeStacks answers a missing stack with a ValidationError, not an empty list.
            String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
            if (message != null && message.contains("does not exist")) {
                return new StackState.Absent();
            }
            throw e;
        }
    }
}
