package dev.caretaker.drift.report;

import java.util.List;
import java.util.Objects;

/**
 * A resource in the report: drifted (MODIFIED, DELETED) or unchecked (NOT_CHECKED, with the
 * reason). An unchecked resource's severity is INFO and it is not counted as drift.
 *
 * @param why what makes it this severe, or why it was not checked
 */
public record ExplainedResource(String logicalId, String type, ResourceStatus status, DriftSeverity severity,
                                List<ExplainedDifference> differences, String why) {

    public ExplainedResource {
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(severity, "severity");
        differences = List.copyOf(differences);
        Objects.requireNonNull(why, "why");
    }

    public boolean drifted() {
        return status.drifted();
    }

    public boolean stateful() {
        return StatefulTypes.isStateful(type);
    }
}
