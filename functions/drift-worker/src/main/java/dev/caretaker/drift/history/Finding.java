package dev.caretaker.drift.history;

import dev.caretaker.drift.report.DriftSeverity;
import dev.caretaker.drift.report.ExplainedDifference;
import dev.caretaker.drift.report.ExplainedResource;
import dev.caretaker.drift.report.ResourceStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One piece of drift as history remembers it: a property difference, or a whole deleted resource.
 * Its key is stable across checks, so the same drift found again keeps its {@code firstSeen}.
 *
 * @param path the dotted property path; empty for a deleted (or modified without differences) resource
 */
public record Finding(String logicalId, String type, String path, ResourceStatus status, DriftSeverity severity,
                      Instant firstSeen) {

    public Finding {
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(firstSeen, "firstSeen");
    }

    public String key() {
        return logicalId + "|" + status + "|" + path;
    }

    public Finding seenFirstAt(Instant when) {
        return new Finding(logicalId, type, path, status, severity, when);
    }

    /** The findings of a drifted resource, first seen {@code now} until history says otherwise. */
    public static List<Finding> of(ExplainedResource resource, Instant now) {
        if (!resource.drifted()) {
            return List.of();
        }
        if (resource.differences().isEmpty()) {
            return List.of(new Finding(resource.logicalId(), resource.type(), "", resource.status(), resource.severity(), now));
        }
        List<Finding> findings = new ArrayList<>();
        for (ExplainedDifference difference : resource.differences()) {
            findings.add(new Finding(resource.logicalId(), resource.type(), difference.path(), resource.status(),
                    difference.severity(), now));
        }
        return findings;
    }

    public String describe() {
        return logicalId + (path.isEmpty() ? " " + status : " " + path);
    }
}
