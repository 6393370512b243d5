package dev.caretaker.local.sandbox;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A resource of a sandbox stack, and the drift the scenario injects on it, if any. */
public record SandboxResource(String logicalId, String type, String physicalId, Optional<InjectedDrift> drift) {

    public SandboxResource {
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(physicalId, "physicalId");
        Objects.requireNonNull(drift, "drift");
    }

    /** A resource exactly as its template says. */
    public static SandboxResource inSync(String logicalId, String type, String physicalId) {
        return new SandboxResource(logicalId, type, physicalId, Optional.empty());
    }

    /** A resource someone changed by hand: each difference is a property path with expected and actual value. */
    public static SandboxResource modified(String logicalId, String type, String physicalId, List<InjectedDrift.Difference> differences) {
        return new SandboxResource(logicalId, type, physicalId, Optional.of(new InjectedDrift.Modified(differences)));
    }

    /**
     * A nested stack (AWS::CloudFormation::Stack): another sandbox stack, named here; its physical id
     * is that stack's ARN, as CloudFormation reports it. Drift detection does not check it for its
     * parent: it is NOT_CHECKED in the parent's results and has its own detection.
     */
    public static SandboxResource nestedStack(String logicalId, String stackName) {
        return new SandboxResource(logicalId, NESTED_STACK_TYPE, stackName, Optional.empty());
    }

    public static final String NESTED_STACK_TYPE = "AWS::CloudFormation::Stack";

    public boolean isNestedStack() {
        return NESTED_STACK_TYPE.equals(type);
    }

    /**
     * Its StackResourceDriftStatus: the injected drift's, else IN_SYNC (NOT_CHECKED for a nested
     * stack, which its parent's drift detection does not check).
     */
    public String driftStatus() {
        return drift.map(InjectedDrift::status).orElse(isNestedStack() ? "NOT_CHECKED" : "IN_SYNC");
    }

    /** A resource someone deleted outside CloudFormation. */
    public static SandboxResource deleted(String logicalId, String type, String physicalId) {
        return new SandboxResource(logicalId, type, physicalId, Optional.of(new InjectedDrift.Deleted()));
    }
}
