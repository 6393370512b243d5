package dev.caretaker.template;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A loaded CloudFormation or SAM template: its sections as plain maps, in document order, with
 * intrinsics in long form (see {@link CloudFormationYaml}).
 */
public record Template(Map<String, Object> document) {

    public Template {
        Objects.requireNonNull(document, "document");
    }

    public static Template load(Path path) throws IOException {
        return new Template(CloudFormationYaml.load(path));
    }

    /** Every resource by logical id. */
    public Map<String, Resource> resources() {
        Map<String, Resource> resources = new LinkedHashMap<>();
        section("Resources").forEach((logicalId, value) -> resources.put(logicalId, Resource.of(logicalId, value)));
        return Collections.unmodifiableMap(resources);
    }

    /** The resources of one type, e.g. {@code AWS::SQS::Queue}, by logical id. */
    public Map<String, Resource> resourcesOfType(String type) {
        Map<String, Resource> matching = new LinkedHashMap<>();
        resources().forEach((logicalId, resource) -> {
            if (resource.type().equals(type)) {
                matching.put(logicalId, resource);
            }
        });
        return Collections.unmodifiableMap(matching);
    }

    /** Parameter declarations by name. */
    public Map<String, Map<String, Object>> parameters() {
        Map<String, Map<String, Object>> parameters = new LinkedHashMap<>();
        section("Parameters").forEach((name, value) -> parameters.put(name, mapping(value, "parameter " + name)));
        return Collections.unmodifiableMap(parameters);
    }

    /** A top-level section such as {@code Globals}, {@code Conditions} or {@code Outputs}; empty if absent. */
    public Map<String, Object> section(String name) {
        Object value = document.get(name);
        return value == null ? Map.of() : Collections.unmodifiableMap(mapping(value, "section " + name));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapping(Object value, String what) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(what + " must be a mapping, found " + value);
        }
        return (Map<String, Object>) map;
    }

    /**
     * One resource: its {@code Type}, its {@code Properties} (empty if it has none) and its whole
     * definition, for {@code Condition}, {@code DependsOn}, {@code Metadata} and the policies.
     */
    public record Resource(String logicalId, String type, Map<String, Object> properties, Map<String, Object> definition) {

        static Resource of(String logicalId, Object value) {
            Map<String, Object> definition = mapping(value, "resource " + logicalId);
            if (!(definition.get("Type") instanceof String type)) {
                throw new IllegalArgumentException("resource " + logicalId + " has no Type");
            }
            Object properties = definition.get("Properties");
            return new Resource(logicalId, type,
                    properties == null ? Map.of() : Collections.unmodifiableMap(mapping(properties, "properties of " + logicalId)),
                    Collections.unmodifiableMap(definition));
        }
    }
}
