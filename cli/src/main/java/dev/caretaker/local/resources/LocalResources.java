package dev.caretaker.local.resources;

import dev.caretaker.template.Template;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What exists locally for the template: each created resource by logical id, plus the stand-ins
 * the runtime registered for resources no engine provides; and each function's environment,
 * resolved against them the way CloudFormation would resolve it against the deployed ones.
 */
public record LocalResources(Template template, TemplateParameters parameters, Map<String, LocalResource> resources) {

    public LocalResources {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(parameters, "parameters");
        resources = Collections.unmodifiableMap(new LinkedHashMap<>(resources));
    }

    /** The local resource for {@code logicalId}; fails naming what is known if there is none. */
    public LocalResource get(String logicalId) {
        LocalResource resource = resources.get(logicalId);
        if (resource == null) {
            Template.Resource declared = template.resources().get(logicalId);
            throw new LocalTemplateException(declared == null
                    ? logicalId + " is not a resource of the template"
                    : logicalId + " (" + declared.type() + ") is not created locally and no stand-in is registered for it");
        }
        return resource;
    }

    /** The same resources plus {@code standIn}, replacing any stand-in with its logical id. */
    public LocalResources withStandIn(LocalResource standIn) {
        Template.Resource declared = template.resources().get(standIn.logicalId());
        if (declared == null) {
            throw new LocalTemplateException("stand-in " + standIn.logicalId() + " is not a resource of the template");
        }
        if (!declared.type().equals(standIn.type())) {
            throw new LocalTemplateException("stand-in " + standIn.logicalId() + " is a " + standIn.type() + ", the template's is a "
                    + declared.type());
        }
        Map<String, LocalResource> more = new LinkedHashMap<>(resources);
        more.put(standIn.logicalId(), standIn);
        return new LocalResources(template, parameters, more);
    }

    /**
     * The environment variables the template gives {@code functionLogicalId}: {@code Globals.Function}'s
     * and the function's own (which win), every intrinsic resolved.
     *
     * @throws LocalTemplateException naming every variable that refers to something with no local
     *     counterpart (register stand-ins for those) or that cannot be resolved
     */
    public Map<String, String> environmentOf(String functionLogicalId) {
        Template.Resource function = template.resources().get(functionLogicalId);
        if (function == null || !function.type().equals("AWS::Serverless::Function")) {
            throw new LocalTemplateException(functionLogicalId + " is not an AWS::Serverless::Function of the template");
        }
        Map<String, Object> declared = new LinkedHashMap<>(variables(template.section("Globals").get("Function")));
        declared.putAll(variables(function.properties()));
        Intrinsics intrinsics = new Intrinsics(template, parameters, resources);
        Map<String, String> environment = new LinkedHashMap<>();
        List<String> notLocal = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        declared.forEach((name, value) -> {
            try {
                environment.put(name, intrinsics.resolve(value));
            } catch (Intrinsics.NotLocal e) {
                notLocal.add(name + " refers to " + e.getMessage());
            } catch (LocalTemplateException e) {
                invalid.add(name + ": " + e.getMessage());
            }
        });
        if (!invalid.isEmpty()) {
            throw new LocalTemplateException("the environment of " + functionLogicalId + " cannot be resolved", invalid);
        }
        if (!notLocal.isEmpty()) {
            throw new LocalTemplateException("the environment of " + functionLogicalId + " refers to resources that are not created"
                    + " locally; register a stand-in for each with LocalResources.withStandIn", notLocal);
        }
        return Collections.unmodifiableMap(environment);
    }

    private static Map<String, Object> variables(Object properties) {
        if (properties instanceof Map<?, ?> map && map.get("Environment") instanceof Map<?, ?> environment
                && environment.get("Variables") instanceof Map<?, ?> variables) {
            Map<String, Object> copy = new LinkedHashMap<>();
            variables.forEach((name, value) -> copy.put(name.toString(), value));
            return copy;
        }
        return Map.of();
    }
}
