package dev.caretaker.drift;

import java.util.List;
import java.util.Objects;

/** What drift detection found on one stack. */
public record DriftReport(String stack, String stackDriftStatus, List<DriftedResource> driftedResources) {

    public DriftReport {
        Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(stackDriftStatus, "stackDriftStatus");
        driftedResources = List.copyOf(driftedResources);
    }

    public boolean drifted() {
        return "DRIFTED".equals(stackDriftStatus);
    }

    /** One resource whose live configuration differs from the template. */
    public record DriftedResource(String logicalId, String resourceType, String driftStatus, int differences) {
    }
}
