package dev.caretaker.deployment.stack;

import java.time.Instant;

/**
 * One stack event. {@code clientRequestToken} is the token of the operation that caused it, which
 * ties events to the deployment that executed the change set.
 */
public record StackEvent(String eventId, Instant timestamp, String logicalId, String physicalId, String resourceType,
                         String status, String statusReason, String clientRequestToken) {

    public static final String STACK_TYPE = "AWS::CloudFormation::Stack";

    /** The stack's own events have the stack name as logical id and the stack type. */
    public boolean isStackEvent(String stackName) {
        return STACK_TYPE.equals(resourceType) && stackName.equals(logicalId);
    }
}
