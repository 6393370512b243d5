package dev.caretaker.local.sandbox;

import dev.caretaker.template.Template;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The resource changes between what a stack runs and what a change set proposes, by logical id:
 * Add, Remove, or Modify when the type, a property or the Metadata differs. Properties are compared
 * with parameter and pseudo-parameter references resolved: a property written the same way whose
 * parameter changed is a ParameterReference change caused by that parameter; one written differently
 * is a DirectModification. A create-only property ({@link CreateOnlyProperties}) or a new type means
 * replacement.
 */
final class TemplateDiff {

    private TemplateDiff() {
    }

    /** One side of the comparison: a template and the values its references resolve to. */
    record Side(SandboxTemplate template, ResolvedValues values, Map<String, String> parameters) {
    }

    static List<ProposedChange> changes(Side current, Side proposed, Map<String, SandboxResource> live) {
        Map<String, Template.Resource> before = current.template().resources();
        Map<String, Template.Resource> after = proposed.template().resources();
        List<ProposedChange> changes = new ArrayList<>();
        after.forEach((logicalId, resource) -> {
            Template.Resource old = before.get(logicalId);
            if (old == null) {
                changes.add(new ProposedChange(ProposedChange.Action.Add, logicalId, null, resource.type(), null, List.of(), List.of()));
            } else {
                modification(old, resource, current, proposed, physicalId(live, logicalId)).ifPresent(changes::add);
            }
        });
        before.forEach((logicalId, resource) -> {
            if (!after.containsKey(logicalId)) {
                changes.add(new ProposedChange(ProposedChange.Action.Remove, logicalId, physicalId(live, logicalId), resource.type(),
                        null, List.of(), List.of()));
            }
        });
        return changes;
    }

    private static Optional<ProposedChange> modification(Template.Resource old, Template.Resource proposed, Side before,
                                                                   Side after, String physicalId) {
        if (!old.type().equals(proposed.type())) {
            return Optional.of(new ProposedChange(ProposedChange.Action.Modify, proposed.logicalId(), physicalId, proposed.type(),
                    "True", List.of("Properties"), List.of(new ProposedChange.Detail("Properties", "Type", "Always", "Static",
                            "DirectModification", null))));
        }
        List<ProposedChange.Detail> details = new ArrayList<>();
        Set<String> scope = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>(old.properties().keySet());
        names.addAll(proposed.properties().keySet());
        Set<String> changedParameters = changedParameters(before.parameters(), after.parameters());
        for (String name : names) {
            Object oldRaw = old.properties().get(name);
            Object newRaw = proposed.properties().get(name);
            String attribute = name.equals("Tags") ? "Tags" : "Properties";
            String recreation = CreateOnlyProperties.requiresReplacement(proposed.type(), name) ? "Always" : "Never";
            if (!Objects.equals(oldRaw, newRaw)) {
                scope.add(attribute);
                details.add(new ProposedChange.Detail(attribute, attribute.equals("Tags") ? null : name, recreation, "Static",
                        "DirectModification", null));
            } else if (!Objects.equals(before.values().resolve(oldRaw), after.values().resolve(newRaw))) {
                scope.add(attribute);
                Set<String> causes = ResolvedValues.parametersReferenced(newRaw, changedParameters);
                for (String cause : causes.isEmpty() ? Set.<String>of("") : causes) {
                    details.add(new ProposedChange.Detail(attribute, attribute.equals("Tags") ? null : name, recreation, "Static",
                            "ParameterReference", cause.isEmpty() ? null : cause));
                }
            }
        }
        if (!Objects.equals(old.definition().get("Metadata"), proposed.definition().get("Metadata"))) {
            scope.add("Metadata");
            details.add(new ProposedChange.Detail("Metadata", null, "Never", "Static", "DirectModification", null));
        }
        if (details.isEmpty()) {
            return Optional.empty();
        }
        boolean replaced = details.stream().anyMatch(detail -> "Always".equals(detail.requiresRecreation()));
        return Optional.of(new ProposedChange(ProposedChange.Action.Modify, proposed.logicalId(), physicalId, proposed.type(),
                replaced ? "True" : "False", List.copyOf(scope), details));
    }

    private static Set<String> changedParameters(Map<String, String> before, Map<String, String> after) {
        Set<String> changed = new LinkedHashSet<>();
        after.forEach((key, value) -> {
            if (!value.equals(before.get(key))) {
                changed.add(key);
            }
        });
        return changed;
    }

    private static String physicalId(Map<String, SandboxResource> live, String logicalId) {
        SandboxResource resource = live.get(logicalId);
        return resource == null ? null : resource.physicalId();
    }
}
