package dev.caretaker.local.sandbox;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.caretaker.json.Json;
import dev.caretaker.template.CloudFormationYaml;
import dev.caretaker.template.Template;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A template a sandbox stack runs or a change set proposes: its text as submitted (markers are
 * looked for in it) and its sections, read with the project's CloudFormation loader (YAML with
 * short-form intrinsics, or JSON). Refused the way CloudFormation refuses a template, with a
 * {@code Template format error}.
 */
final class SandboxTemplate {

    private static final Set<String> IAM_TYPES = Set.of("AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group", "AWS::IAM::Policy",
            "AWS::IAM::ManagedPolicy", "AWS::IAM::InstanceProfile", "AWS::IAM::AccessKey", "AWS::IAM::UserToGroupAddition",
            "AWS::IAM::RolePolicy", "AWS::IAM::UserPolicy", "AWS::IAM::GroupPolicy");
    /** The property that gives an IAM resource a custom name, which CAPABILITY_NAMED_IAM must acknowledge. */
    private static final Map<String, String> IAM_NAME_PROPERTIES = Map.of("AWS::IAM::Role", "RoleName", "AWS::IAM::User", "UserName",
            "AWS::IAM::Group", "GroupName", "AWS::IAM::ManagedPolicy", "ManagedPolicyName",
            "AWS::IAM::InstanceProfile", "InstanceProfileName");
    /** SAM resources that make an IAM role of their own unless given one. */
    private static final Set<String> SAM_TYPES_WITH_ROLES = Set.of("AWS::Serverless::Function", "AWS::Serverless::StateMachine");

    private final String body;
    private final Template template;

    private SandboxTemplate(String body, Template template) {
        this.body = body;
        this.template = template;
    }

    /** Parses and checks a submitted template body. */
    static SandboxTemplate parse(String body) {
        Objects.requireNonNull(body, "body");
        Map<String, Object> document;
        try {
            document = body.stripLeading().startsWith("{")
                    ? Json.read(body, new TypeReference<LinkedHashMap<String, Object>>() { })
                    : CloudFormationYaml.parse(body, "template");
        } catch (IllegalArgumentException e) {
            throw SandboxError.validation("Template format error: " + e.getMessage());
        }
        SandboxTemplate parsed = new SandboxTemplate(body, new Template(document));
        parsed.check();
        return parsed;
    }

    /**
     * A template for a scenario stack declared only by its resources (the drift scenarios): each
     * resource with its type and, as properties, the expected values of its injected drift (what
     * the template says, by definition of drift); nothing more is known of it. Deployments compare
     * with it, and GetTemplate returns it.
     */
    static SandboxTemplate synthesized(List<SandboxResource> resources) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("AWSTemplateFormatVersion", "2010-09-09");
        document.put("Description", "Synthesized by the Caretaker sandbox from the scenario's resources");
        Map<String, Object> section = new LinkedHashMap<>();
        for (SandboxResource resource : resources) {
            Map<String, Object> definition = new LinkedHashMap<>();
            definition.put("Type", resource.type());
            Map<String, Object> properties = new LinkedHashMap<>();
            if (resource.drift().orElse(null) instanceof InjectedDrift.Modified modified) {
                for (InjectedDrift.Difference difference : modified.differences()) {
                    DriftRevert.templateValue(difference.expectedValue())
                            .ifPresent(value -> place(properties, resource.logicalId(), difference.propertyPath(), value));
                }
            }
            if (!properties.isEmpty()) {
                definition.put("Properties", properties);
            }
            section.put(resource.logicalId(), definition);
        }
        document.put("Resources", section);
        return new SandboxTemplate(Json.write(document), new Template(document));
    }

    /** Puts {@code value} at a drift path such as /VersioningConfiguration/Status (digits index a list). */
    @SuppressWarnings("unchecked")
    private static void place(Map<String, Object> properties, String logicalId, String path, Object value) {
        String[] segments = path.substring(1).split("/");
        Object container = properties;
        for (int i = 0; i < segments.length; i++) {
            boolean last = i == segments.length - 1;
            Object child = last ? value : child(container, segments[i]);
            if (child == null) {
                child = segments[i + 1].chars().allMatch(Character::isDigit) ? new ArrayList<>() : new LinkedHashMap<String, Object>();
            }
            if (container instanceof Map<?, ?> map) {
                ((Map<String, Object>) map).put(segments[i], child);
            } else if (container instanceof List<?> list && segments[i].chars().allMatch(Character::isDigit)) {
                List<Object> items = (List<Object>) list;
                int index = Integer.parseInt(segments[i]);
                while (items.size() <= index) {
                    items.add(null);
                }
                items.set(index, child);
            } else {
                throw new IllegalArgumentException("the drift of " + logicalId + " at " + path
                        + " does not fit the other drift declared for it");
            }
            container = child;
        }
    }

    private static Object child(Object container, String segment) {
        if (container instanceof Map<?, ?> map) {
            return map.get(segment);
        }
        if (container instanceof List<?> list && segment.chars().allMatch(Character::isDigit)) {
            int index = Integer.parseInt(segment);
            return index < list.size() ? list.get(index) : null;
        }
        return null;
    }

    String body() {
        return body;
    }

    Map<String, Object> document() {
        return template.document();
    }

    boolean contains(String marker) {
        return body.contains(marker);
    }

    Map<String, Template.Resource> resources() {
        return template.resources();
    }

    Map<String, Map<String, Object>> parameters() {
        return template.parameters();
    }

    Optional<String> description() {
        return template.document().get("Description") instanceof String description ? Optional.of(description) : Optional.empty();
    }

    Map<String, Object> outputs() {
        return template.section("Outputs");
    }

    /** The Metadata section as the JSON text GetTemplateSummary returns, if there is one. */
    Optional<String> metadataJson() {
        Object metadata = template.document().get("Metadata");
        return metadata == null ? Optional.empty() : Optional.of(Json.write(metadata));
    }

    List<String> transforms() {
        Object transform = template.document().get("Transform");
        if (transform == null) {
            return List.of();
        }
        return transform instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(transform));
    }

    /** The capabilities a stack operation with this template must acknowledge, and why. */
    Capabilities capabilities() {
        Set<String> iamTypes = new LinkedHashSet<>();
        boolean named = false;
        for (Template.Resource resource : resources().values()) {
            boolean iam = IAM_TYPES.contains(resource.type())
                    || (SAM_TYPES_WITH_ROLES.contains(resource.type()) && !resource.properties().containsKey("Role"));
            if (iam) {
                iamTypes.add(resource.type());
                String nameProperty = IAM_NAME_PROPERTIES.get(resource.type());
                named |= nameProperty != null && resource.properties().containsKey(nameProperty);
            }
        }
        List<String> required = new ArrayList<>();
        String reason = null;
        if (!iamTypes.isEmpty()) {
            required.add(named ? "CAPABILITY_NAMED_IAM" : "CAPABILITY_IAM");
            reason = "The following resource(s) require capabilities: " + iamTypes.stream().toList();
        }
        if (!transforms().isEmpty()) {
            required.add("CAPABILITY_AUTO_EXPAND");
            if (reason == null) {
                reason = "The following transform(s) require capabilities: " + transforms();
            }
        }
        return new Capabilities(required, reason);
    }

    /** Capabilities GetTemplateSummary reports, with the reason it gives. */
    record Capabilities(List<String> required, String reason) {
        Capabilities {
            required = List.copyOf(required);
        }

        /** The IAM capability this template needs that {@code acknowledged} lacks (NAMED_IAM covers IAM). */
        Optional<String> missingIam(List<String> acknowledged) {
            if (required.contains("CAPABILITY_NAMED_IAM") && !acknowledged.contains("CAPABILITY_NAMED_IAM")) {
                return Optional.of("CAPABILITY_NAMED_IAM");
            }
            if (required.contains("CAPABILITY_IAM") && !acknowledged.contains("CAPABILITY_IAM")
                    && !acknowledged.contains("CAPABILITY_NAMED_IAM")) {
                return Optional.of("CAPABILITY_IAM");
            }
            return Optional.empty();
        }
    }

    /**
     * The parameter values a stack operation runs with: those given, the previous ones where
     * UsePreviousValue says so, defaults for the rest; refused as CloudFormation refuses them.
     */
    Map<String, String> resolveParameters(List<GivenParameter> given, Map<String, String> previous) {
        Map<String, Map<String, Object>> declared = parameters();
        Set<String> unknown = new TreeSet<>();
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, GivenParameter> byKey = new LinkedHashMap<>();
        for (GivenParameter parameter : given) {
            if (!declared.containsKey(parameter.key())) {
                unknown.add(parameter.key());
            }
            byKey.put(parameter.key(), parameter);
        }
        if (!unknown.isEmpty()) {
            throw SandboxError.validation("Parameters: " + unknown.stream().toList() + " do not exist in the template");
        }
        List<String> missing = new ArrayList<>();
        declared.forEach((key, declaration) -> {
            GivenParameter parameter = byKey.get(key);
            if (parameter != null && parameter.usePreviousValue()) {
                if (!previous.containsKey(key)) {
                    throw SandboxError.validation("Invalid input for parameter key " + key
                            + ". Cannot specify usePreviousValue as true for a parameter key not in the previous template");
                }
                values.put(key, previous.get(key));
            } else if (parameter != null) {
                values.put(key, parameter.value());
            } else if (declaration.containsKey("Default")) {
                values.put(key, String.valueOf(declaration.get("Default")));
            } else {
                missing.add(key);
            }
        });
        if (!missing.isEmpty()) {
            throw SandboxError.validation("Parameters: " + missing + " must have values");
        }
        values.forEach((key, value) -> {
            if (declared.get(key).get("AllowedValues") instanceof List<?> allowed
                    && allowed.stream().map(String::valueOf).noneMatch(value::equals)) {
                throw SandboxError.validation("Parameter '" + key + "' must be one of AllowedValues");
            }
        });
        return values;
    }

    boolean noEcho(String parameter) {
        Map<String, Object> declaration = parameters().get(parameter);
        return declaration != null && "true".equalsIgnoreCase(String.valueOf(declaration.get("NoEcho")));
    }

    /** A parameter as CreateChangeSet sends it. */
    record GivenParameter(String key, String value, boolean usePreviousValue) {
    }

    private void check() {
        if (!(template.document().get("Resources") instanceof Map<?, ?> resources) || resources.isEmpty()) {
            throw SandboxError.validation("Template format error: At least one Resources member must be defined.");
        }
        Map<String, Template.Resource> declared;
        try {
            declared = resources();
            parameters();
        } catch (IllegalArgumentException e) {
            throw SandboxError.validation("Template format error: " + e.getMessage());
        }
        Set<String> unresolved = new TreeSet<>();
        Set<String> names = new LinkedHashSet<>(declared.keySet());
        names.addAll(parameters().keySet());
        for (Template.Resource resource : declared.values()) {
            references(resource.definition(), unresolved, names, declared.keySet());
            Object dependsOn = resource.definition().get("DependsOn");
            List<?> dependencies = dependsOn instanceof List<?> list ? list : dependsOn == null ? List.of() : List.of(dependsOn);
            dependencies.stream().map(String::valueOf).filter(name -> !declared.containsKey(name)).forEach(unresolved::add);
        }
        references(outputs(), unresolved, names, declared.keySet());
        if (!unresolved.isEmpty()) {
            throw SandboxError.validation("Template format error: Unresolved resource dependencies " + unresolved.stream().toList()
                    + " in the Resources block of the template");
        }
    }

    /** Collects Refs to names the template does not declare, and GetAtts of resources it does not have. */
    private static void references(Object value, Set<String> unresolved, Set<String> names, Set<String> resources) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1 && map.get("Ref") instanceof String target) {
                if (!target.startsWith("AWS::") && !names.contains(target)) {
                    unresolved.add(target);
                }
                return;
            }
            if (map.size() == 1 && map.get("Fn::GetAtt") instanceof List<?> getAtt && !getAtt.isEmpty()
                    && getAtt.getFirst() instanceof String target && !resources.contains(target)) {
                unresolved.add(target);
            }
            map.values().forEach(child -> references(child, unresolved, names, resources));
        } else if (value instanceof List<?> list) {
            list.forEach(child -> references(child, unresolved, names, resources));
        }
    }
}
