package dev.caretaker.deployment.stack;

import java.util.List;

/**
 * What GetTemplateSummary says about a template: its parameters, the capabilities it needs (and
 * why), its resource types and its Metadata section as JSON text (null when it has none).
 */
public record TemplateSummary(List<DeclaredParameter> parameters, List<String> capabilities, String capabilitiesReason,
                              List<String> resourceTypes, String metadata) {

    public TemplateSummary {
        parameters = List.copyOf(parameters);
        capabilities = List.copyOf(capabilities);
        resourceTypes = List.copyOf(resourceTypes);
    }
}
