package dev.caretaker.local.sandbox;

import dev.caretaker.json.Json;
import dev.caretaker.template.Template;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a drift-aware change set (CreateChangeSet with DeploymentMode REVERT_DRIFT) proposes on top
 * of the template's changes, and what its execution leaves behind. As AWS documents it ("Using
 * drift-aware change sets", CloudFormation User Guide, and the launch announcement): every drifted
 * resource is brought back to its template, even one the template does not change; a resource
 * deleted outside CloudFormation is created again; drift of an immutable (create-only) property is
 * not reconciled.
 *
 * <p>Where AWS documents nothing the sandbox chooses (docs/architecture.md says so): a nested
 * stack's drift is left to a change set on the nested stack itself, as the parent's drift
 * detection leaves it to the nested stack's; a drifted property's detail has ChangeSource
 * DirectModification; a deleted resource comes back as an Add.
 */
final class DriftRevert {

    static final String MODE = "REVERT_DRIFT";
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

    private DriftRevert() {
    }

    /**
     * The changes of a drift-aware change set: those from the templates, each drifted resource's
     * revert merged in (or added, for a resource the templates leave alone), every change of a
     * resource the stack has carrying its ResourceDriftStatus; in the proposed template's order,
     * removals last.
     */
    static List<ProposedChange> changes(List<ProposedChange> fromTemplates, SandboxTemplate proposed, Map<String, SandboxResource> live) {
        Map<String, ProposedChange> byId = new LinkedHashMap<>();
        fromTemplates.forEach(change -> byId.put(change.logicalId(), change));
        List<ProposedChange> changes = new ArrayList<>();
        for (Template.Resource declared : proposed.resources().values()) {
            ProposedChange fromTemplate = byId.remove(declared.logicalId());
            SandboxResource current = live.get(declared.logicalId());
            if (current == null) {
                if (fromTemplate != null) {
                    changes.add(fromTemplate);
                }
            } else {
                merged(fromTemplate, current, declared.type()).ifPresent(changes::add);
            }
        }
        for (ProposedChange removal : byId.values()) {
            SandboxResource current = live.get(removal.logicalId());
            changes.add(current == null ? removal : withStatus(removal, current.driftStatus()));
        }
        return changes;
    }

    /** DRIFTED when a resource of the stack itself (nested stacks aside) drifted, as the change set reports it. */
    static String stackDriftStatus(Collection<SandboxResource> live) {
        return live.stream().anyMatch(resource -> !resource.isNestedStack() && resource.drift().isPresent()) ? "DRIFTED" : "IN_SYNC";
    }

    /** The resource once a drift-aware change set updated it: only drift it cannot revert (immutable properties) is left. */
    static SandboxResource reverted(SandboxResource resource) {
        if (resource == null || !(resource.drift().orElse(null) instanceof InjectedDrift.Modified modified)) {
            return resource;
        }
        List<InjectedDrift.Difference> kept = modified.differences().stream().filter(difference -> !revertible(resource, difference))
                .toList();
        return kept.isEmpty() ? SandboxResource.inSync(resource.logicalId(), resource.type(), resource.physicalId())
                : SandboxResource.modified(resource.logicalId(), resource.type(), resource.physicalId(), kept);
    }

    /**
     * A drift value (JSON text, or plain text for a string, or "null" for nothing) as a template
     * value: an object, list, number, boolean or string; empty for "null".
     */
    static Optional<Object> templateValue(String text) {
        String trimmed = text.strip();
        if (trimmed.equals("null")) {
            return Optional.empty();
        }
        boolean json = trimmed.startsWith("{") || trimmed.startsWith("[") || trimmed.startsWith("\"")
                || trimmed.equals("true") || trimmed.equals("false") || NUMBER.matcher(trimmed).matches();
        if (json) {
            try {
                return Optional.ofNullable(Json.read(trimmed, Object.class));
            } catch (IllegalArgumentException e) {
                // Not JSON after all: the text itself is the value.
            }
        }
        return Optional.of(text);
    }

    private static Optional<ProposedChange> merged(ProposedChange fromTemplate, SandboxResource current, String type) {
        String status = current.driftStatus();
        if (current.drift().orElse(null) instanceof InjectedDrift.Deleted && !current.isNestedStack()) {
            return Optional.of(new ProposedChange(ProposedChange.Action.Add, current.logicalId(), null, type, null, List.of(), List.of(),
                    status));
        }
        List<ProposedChange.Detail> reverts = current.isNestedStack() ? List.of() : reverts(current, fromTemplate);
        if (fromTemplate == null) {
            if (reverts.isEmpty()) {
                return Optional.empty();
            }
            Set<String> scope = new LinkedHashSet<>();
            reverts.forEach(detail -> scope.add(detail.attribute()));
            return Optional.of(new ProposedChange(ProposedChange.Action.Modify, current.logicalId(), current.physicalId(), type, "False",
                    List.copyOf(scope), reverts, status));
        }
        if (reverts.isEmpty()) {
            return Optional.of(withStatus(fromTemplate, status));
        }
        Set<String> scope = new LinkedHashSet<>(fromTemplate.scope());
        reverts.forEach(detail -> scope.add(detail.attribute()));
        List<ProposedChange.Detail> details = new ArrayList<>(fromTemplate.details());
        details.addAll(reverts);
        return Optional.of(new ProposedChange(fromTemplate.action(), fromTemplate.logicalId(), fromTemplate.physicalId(),
                fromTemplate.resourceType(), fromTemplate.replacement(), List.copyOf(scope), details, status));
    }

    /** One detail per drifted property the change set puts back, except those the template change already sets. */
    private static List<ProposedChange.Detail> reverts(SandboxResource resource, ProposedChange fromTemplate) {
        if (!(resource.drift().orElse(null) instanceof InjectedDrift.Modified modified)) {
            return List.of();
        }
        Set<String> setByTemplate = new LinkedHashSet<>();
        if (fromTemplate != null) {
            for (ProposedChange.Detail detail : fromTemplate.details()) {
                if (detail.attribute().equals("Tags")) {
                    setByTemplate.add("Tags");
                } else if (detail.name() != null) {
                    setByTemplate.add(detail.name());
                }
            }
        }
        List<ProposedChange.Detail> details = new ArrayList<>();
        for (InjectedDrift.Difference difference : modified.differences()) {
            String property = property(difference);
            if (!revertible(resource, difference) || setByTemplate.contains(property)) {
                continue;
            }
            boolean tags = property.equals("Tags");
            String changeType = switch (difference.differenceType()) {
                case "ADD" -> "Remove";
                case "REMOVE" -> "Add";
                default -> "Modify";
            };
            ProposedChange.RevertedDrift reverted = new ProposedChange.RevertedDrift("/Properties" + difference.propertyPath(), changeType,
                    difference.differenceType().equals("ADD") ? null : difference.expectedValue(),
                    difference.differenceType().equals("REMOVE") ? null : difference.actualValue());
            details.add(new ProposedChange.Detail(tags ? "Tags" : "Properties", tags ? null : property,
                    CreateOnlyProperties.requiresReplacement(resource.type(), property) ? "Always" : "Never", "Static",
                    "DirectModification", null, reverted));
        }
        return details;
    }

    /** AWS: "Drift-aware change sets do not support drift reconciliation for immutable properties." */
    private static boolean revertible(SandboxResource resource, InjectedDrift.Difference difference) {
        return !CreateOnlyProperties.requiresReplacement(resource.type(), property(difference));
    }

    /** The top-level property a difference is in: VersioningConfiguration for /VersioningConfiguration/Status. */
    private static String property(InjectedDrift.Difference difference) {
        String path = difference.propertyPath().substring(1);
        int slash = path.indexOf('/');
        return slash < 0 ? path : path.substring(0, slash);
    }

    private static ProposedChange withStatus(ProposedChange change, String status) {
        return new ProposedChange(change.action(), change.logicalId(), change.physicalId(), change.resourceType(), change.replacement(),
                change.scope(), change.details(), status);
    }
}
