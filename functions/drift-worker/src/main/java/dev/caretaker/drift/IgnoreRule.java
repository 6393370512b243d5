package dev.caretaker.drift;

import java.util.Objects;
import java.util.Optional;

/**
 * Known, benign drift to leave out of reports: the shape of the configuration's
 * {@code drift.ignore} entries. {@code resource} is a logical-id glob, {@code resourceType} an
 * optional type glob ({@code AWS::Lambda::*}), {@code property} an optional property-path glob
 * ({@code Tags.*}, {@code Properties.Timeout}); without a property the whole resource is ignored.
 *
 * <p>Property paths are dotted ({@code VersioningConfiguration.Status} for CloudFormation's
 * {@code /VersioningConfiguration/Status}); a leading {@code Properties.} in a rule is optional,
 * since every drifting path lies under the resource's Properties.
 */
public record IgnoreRule(Glob resource, Optional<Glob> resourceType, Optional<Glob> property, Optional<String> reason) {

    private static final String PROPERTIES_PREFIX = "Properties.";

    public IgnoreRule {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(reason, "reason");
        property = property.map(glob -> glob.pattern().startsWith(PROPERTIES_PREFIX)
                ? new Glob(glob.pattern().substring(PROPERTIES_PREFIX.length()))
                : glob);
    }

    /** From the configuration's strings; null or blank optional fields are absent. */
    public static IgnoreRule of(String resource, String resourceType, String property, String reason) {
        if (resource == null || resource.isBlank()) {
            throw new IllegalArgumentException("resource is required (a logical-id glob such as 'Function' or '*')");
        }
        return new IgnoreRule(new Glob(resource.strip()),
                present(resourceType).map(Glob::new),
                present(property).map(Glob::new),
                present(reason));
    }

    public boolean wholeResource() {
        return property.isEmpty();
    }

    public boolean appliesTo(String logicalId, String type) {
        return resource.matches(logicalId) && resourceType.map(glob -> glob.matches(type)).orElse(true);
    }

    /** Whether this rule drops the difference at {@code dottedPath} of the given resource. */
    public boolean ignores(String logicalId, String type, String dottedPath) {
        return appliesTo(logicalId, type) && property.map(glob -> glob.matchesPathOrAncestor(dottedPath)).orElse(true);
    }

    private static Optional<String> present(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
