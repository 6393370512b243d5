package dev.caretaker.drift.report;

import dev.caretaker.drift.Glob;
import java.util.Objects;

/**
 * One line of the severity table: differences of resources whose type matches {@code resourceType}
 * at a path matching {@code property} (or inside it) have {@code severity}, because {@code why}.
 */
public record SeverityRule(Glob resourceType, Glob property, DriftSeverity severity, String why) {

    public SeverityRule {
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(why, "why");
    }

    public static SeverityRule rule(String resourceType, String property, DriftSeverity severity, String why) {
        return new SeverityRule(new Glob(resourceType), new Glob(property), severity, why);
    }

    public boolean matches(String type, String dottedPath) {
        return resourceType.matches(type) && property.matchesPathOrAncestor(dottedPath);
    }
}
