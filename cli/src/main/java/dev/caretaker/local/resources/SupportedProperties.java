package dev.caretaker.local.resources;

import dev.caretaker.template.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The properties of one resource type the local runtime applies, and the ones it knowingly ignores
 * with the reason. Anything else in the template is an error: a property that changes behaviour
 * must not be dropped without anyone noticing.
 */
record SupportedProperties(String type, Set<String> applied, Map<String, String> ignored) {

    void check(Template.Resource resource) {
        List<String> unsupported = new ArrayList<>();
        for (String property : new TreeSet<>(resource.properties().keySet())) {
            if (!applied.contains(property) && !ignored.containsKey(property)) {
                unsupported.add(property);
            }
        }
        if (!unsupported.isEmpty()) {
            throw new LocalTemplateException(resource.logicalId() + " (" + type + ") has properties the local runtime does not"
                    + " support: " + unsupported + "; it applies " + new TreeSet<>(applied) + " and ignores "
                    + new TreeSet<>(ignored.keySet()));
        }
        if (resource.definition().containsKey("Condition")) {
            throw new LocalTemplateException(resource.logicalId() + " (" + type + ") has a Condition; conditions are not evaluated"
                    + " locally, so whether to create it cannot be decided");
        }
    }
}
