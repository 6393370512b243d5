package dev.caretaker.drift.report;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One stack in the report: DRIFTED when a resource drifted after ignore rules, else IN_SYNC;
 * {@code partial} when detection could not check everything it should have (the reasons say what),
 * so IN_SYNC with partial means "no drift found in what could be checked", never "in sync".
 *
 * @param ignored differences (and whole resources) dropped by ignore rules
 */
public record ExplainedStack(String stack, Optional<String> parent, List<ExplainedResource> resources,
                             List<String> partialReasons, int ignored) {

    public ExplainedStack {
        Objects.requireNonNull(stack, "stack");
        parent = parent == null ? Optional.empty() : parent;
        resources = List.copyOf(resources);
        partialReasons = List.copyOf(partialReasons);
    }

    public boolean partial() {
        return !partialReasons.isEmpty();
    }

    public boolean drifted() {
        return resources.stream().anyMatch(ExplainedResource::drifted);
    }

    public String status() {
        return drifted() ? "DRIFTED" : "IN_SYNC";
    }

    public List<ExplainedResource> driftedResources() {
        return resources.stream().filter(ExplainedResource::drifted).toList();
    }

    public long count(DriftSeverity severity) {
        return resources.stream().filter(ExplainedResource::drifted).filter(resource -> resource.severity() == severity).count();
    }

    public long unchecked() {
        return resources.stream().filter(resource -> resource.status() == ResourceStatus.NOT_CHECKED).count();
    }
}
