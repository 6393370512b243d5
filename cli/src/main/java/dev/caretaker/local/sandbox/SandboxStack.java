package dev.caretaker.local.sandbox;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A CloudFormation stack the sandbox account starts with: its name, status and resources, and,
 * for stacks that deployments will update, the template body it runs with its parameters and tags.
 * A stack declared by its resources alone runs a template synthesized from them (the expected
 * values of their injected drift are its property values). A stack with a template has the
 * template's resources, in sync unless {@link #withDrift} declares some of them drifted. A stack in
 * UPDATE_ROLLBACK_FAILED names the resources whose rollback failed ({@code failedRollbacks}):
 * ContinueUpdateRollback completes only when it skips them.
 */
public record SandboxStack(String name, String status, List<SandboxResource> resources, Optional<String> template,
                           Map<String, String> parameters, Map<String, String> tags, List<String> failedRollbacks) {

    public SandboxStack {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        resources = List.copyOf(resources);
        Objects.requireNonNull(template, "template");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        failedRollbacks = List.copyOf(failedRollbacks);
        if (!failedRollbacks.isEmpty() && !status.equals("UPDATE_ROLLBACK_FAILED")) {
            throw new IllegalArgumentException("only a stack in UPDATE_ROLLBACK_FAILED has failed rollbacks, " + name + " is " + status);
        }
    }

    public SandboxStack(String name, String status, List<SandboxResource> resources) {
        this(name, status, resources, Optional.empty(), Map.of(), Map.of(), List.of());
    }

    /** A stack created from {@code templateBody} (YAML or JSON) with these parameter values; its resources come from the template. */
    public static SandboxStack deployed(String name, String templateBody, Map<String, String> parameters) {
        return new SandboxStack(name, "CREATE_COMPLETE", List.of(), Optional.of(templateBody), parameters, Map.of(), List.of());
    }

    /**
     * A stack deployed from its template whose resources {@code drifted} (by logical id, each one
     * the template declares) someone changed or deleted by hand; the expected values of their drift
     * should be the template's.
     */
    public SandboxStack withDrift(SandboxResource... drifted) {
        if (template.isEmpty()) {
            throw new IllegalArgumentException("stack " + name + " has no template: declare its resources with their drift instead");
        }
        List<SandboxResource> all = new ArrayList<>(resources);
        all.addAll(List.of(drifted));
        return new SandboxStack(name, status, all, template, parameters, tags, failedRollbacks);
    }

    public SandboxStack withTags(Map<String, String> stackTags) {
        return new SandboxStack(name, status, resources, template, parameters, stackTags, failedRollbacks);
    }

    public SandboxStack withStatus(String stackStatus) {
        return new SandboxStack(name, stackStatus, resources, template, parameters, tags, failedRollbacks);
    }

    /** Stuck in UPDATE_ROLLBACK_FAILED because rolling these resources back failed. */
    public SandboxStack stuckInRollback(String... logicalIds) {
        return new SandboxStack(name, "UPDATE_ROLLBACK_FAILED", resources, template, parameters, tags, List.of(logicalIds));
    }
}
