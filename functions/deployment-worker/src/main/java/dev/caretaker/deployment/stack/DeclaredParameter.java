package dev.caretaker.deployment.stack;

import java.util.List;

/** A template parameter as GetTemplateSummary declares it; {@code defaultValue} is null when there is none. */
public record DeclaredParameter(String key, String type, String defaultValue, boolean noEcho, String description,
                                List<String> allowedValues) {

    public DeclaredParameter {
        allowedValues = List.copyOf(allowedValues);
    }

    public boolean hasDefault() {
        return defaultValue != null;
    }
}
