package dev.caretaker.local.sandbox;

import java.util.Objects;
import java.util.Optional;

/**
 * A deployment that goes wrong in the sandbox: when a change set is executed on {@code stack} (and
 * its template contains {@code templateMarker}, if one is given), the resource {@code resource}
 * fails to be created or updated with {@code reason}, and the stack rolls back. If
 * {@code rollbackFailure} is given, rolling that resource back fails too, and the stack ends in
 * UPDATE_ROLLBACK_FAILED (ROLLBACK_FAILED for a new stack) until ContinueUpdateRollback skips it.
 * A fault fires once unless {@link #everyTime()}; one naming a resource the deployment does not add
 * or modify does not fire and stays armed.
 *
 * <pre>{@code
 * DeploymentFault.onStack("app").whenTemplateContains("Version: 1.6.0")
 *         .resourceFails("Orders", "Resource handler returned message: \"Table already exists\"")
 *         .rollbackFails("Orders", "Resource handler returned message: \"Throughput exceeds the limit\"")
 * }</pre>
 */
public record DeploymentFault(String stack, Optional<String> templateMarker, String resource, String reason,
                              Optional<RollbackFailure> rollbackFailure, boolean repeating) {

    public DeploymentFault {
        Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(templateMarker, "templateMarker");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(rollbackFailure, "rollbackFailure");
    }

    /** Begins a fault for the deployments of {@code stack}. */
    public static Target onStack(String stack) {
        return new Target(stack, Optional.empty());
    }

    /** Rolling {@code logicalId} back fails with {@code reason}, every time it is tried. */
    public DeploymentFault rollbackFails(String logicalId, String failureReason) {
        return new DeploymentFault(stack, templateMarker, resource, reason, Optional.of(new RollbackFailure(logicalId, failureReason)),
                repeating);
    }

    /** Fires at every matching deployment, not only the next one. */
    public DeploymentFault everyTime() {
        return new DeploymentFault(stack, templateMarker, resource, reason, rollbackFailure, true);
    }

    boolean matches(String stackName, SandboxTemplate template) {
        return stack.equals(stackName) && templateMarker.map(template::contains).orElse(true);
    }

    /** The stack (and template marker) a fault is for, before saying what fails. */
    public record Target(String stack, Optional<String> templateMarker) {

        public Target {
            Objects.requireNonNull(stack, "stack");
            Objects.requireNonNull(templateMarker, "templateMarker");
        }

        /** Only deployments whose template text contains {@code marker} (a version string, say). */
        public Target whenTemplateContains(String marker) {
            return new Target(stack, Optional.of(marker));
        }

        public DeploymentFault resourceFails(String logicalId, String reason) {
            return new DeploymentFault(stack, templateMarker, logicalId, reason, Optional.empty(), false);
        }
    }

    /** A resource whose rollback fails, and the reason its UPDATE_FAILED (or DELETE_FAILED) event gives. */
    public record RollbackFailure(String resource, String reason) {
        public RollbackFailure {
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
