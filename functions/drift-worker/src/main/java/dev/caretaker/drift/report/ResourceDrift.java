package dev.caretaker.drift.report;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What detection found on one resource, before any judgement.
 *
 * @param statusReason CloudFormation's DriftStatusReason (why detection failed or skipped it), if any
 */
public record ResourceDrift(String logicalId, String physicalId, String type, ResourceStatus status,
                            List<PropertyDifference> differences, Optional<String> statusReason) {

    public static final String NESTED_STACK_TYPE = "AWS::CloudFormation::Stack";

    public ResourceDrift {
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        differences = differences == null ? List.of() : List.copyOf(differences);
        statusReason = statusReason == null ? Optional.empty() : statusReason;
    }

    public boolean isNestedStack() {
        return NESTED_STACK_TYPE.equals(type);
    }

    public ResourceDrift withStatus(ResourceStatus newStatus, Optional<String> reason) {
        return new ResourceDrift(logicalId, physicalId, type, newStatus, differences, reason);
    }
}
