package dev.caretaker.local.resources;

import dev.caretaker.template.Template;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a template value into the string it would be once deployed, against local resources and
 * parameters. Supports what environment variables and resource properties use: {@code Ref},
 * {@code Fn::GetAtt}, {@code Fn::Sub}, {@code Fn::FindInMap} and {@code Fn::Join}. Any other
 * intrinsic is an error that names it rather than a guess.
 */
final class Intrinsics {

    private final Template template;
    private final TemplateParameters parameters;
    private final Map<String, LocalResource> resources;

    Intrinsics(Template template, TemplateParameters parameters, Map<String, LocalResource> resources) {
        this.template = template;
        this.parameters = parameters;
        this.resources = resources;
    }

    /** A reference to a template resource that has no local counterpart. */
    static final class NotLocal extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotLocal(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * @throws NotLocal if the value refers to a resource that is not created locally
     * @throws LocalTemplateException if the value cannot be resolved for any other reason
     */
    String resolve(Object value) {
        return switch (value) {
            case null -> throw new LocalTemplateException("a value is missing (null)");
            case String text -> text;
            case Number number -> number.toString();
            case Boolean bool -> bool.toString();
            case Map<?, ?> map when map.size() == 1 -> intrinsic(map.keySet().iterator().next().toString(), map.values().iterator().next());
            case Map<?, ?> map -> throw new LocalTemplateException("a mapping where a single value is expected: " + map);
            case List<?> list -> throw new LocalTemplateException("a list where a single value is expected: " + list);
            default -> throw new LocalTemplateException("a " + value.getClass().getSimpleName() + " where a value is expected");
        };
    }

    private String intrinsic(String name, Object argument) {
        return switch (name) {
            case "Ref" -> ref(string(argument, "Ref"));
            case "Fn::GetAtt" -> getAtt(argument);
            case "Fn::Sub" -> sub(argument);
            case "Fn::FindInMap" -> findInMap(argument);
            case "Fn::Join" -> join(argument);
            default -> throw new LocalTemplateException(name + " is not supported locally (Ref, Fn::GetAtt, Fn::Sub,"
                    + " Fn::FindInMap and Fn::Join are), found " + name + ": " + argument);
        };
    }

    private String ref(String name) {
        Optional<String> parameter = parameters.valueOf(name);
        if (parameter.isPresent()) {
            return parameter.get();
        }
        return resource(name).ref();
    }

    private String getAtt(Object argument) {
        if (!(argument instanceof List<?> parts) || parts.size() != 2) {
            throw new LocalTemplateException("Fn::GetAtt takes [LogicalId, Attribute], found " + argument);
        }
        return resource(string(parts.get(0), "Fn::GetAtt")).attribute(resolve(parts.get(1)));
    }

    private LocalResource resource(String logicalId) {
        LocalResource local = resources.get(logicalId);
        if (local != null) {
            return local;
        }
        Template.Resource declared = template.resources().get(logicalId);
        if (declared == null) {
            throw new LocalTemplateException(logicalId + " is neither a parameter nor a resource of the template");
        }
        throw new NotLocal(logicalId + " (" + declared.type() + ")");
    }

    private String sub(Object argument) {
        String text;
        Map<?, ?> variables;
        if (argument instanceof String plain) {
            text = plain;
            variables = Map.of();
        } else if (argument instanceof List<?> parts && parts.size() == 2 && parts.get(0) instanceof String first
                && parts.get(1) instanceof Map<?, ?> map) {
            text = first;
            variables = map;
        } else {
            throw new LocalTemplateException("Fn::Sub takes a string or [string, {variables}], found " + argument);
        }
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < text.length()) {
            int open = text.indexOf("${", at);
            if (open < 0) {
                out.append(text, at, text.length());
                break;
            }
            int close = text.indexOf('}', open);
            if (close < 0) {
                throw new LocalTemplateException("Fn::Sub has an unclosed ${ in '" + text + "'");
            }
            out.append(text, at, open);
            String expression = text.substring(open + 2, close);
            if (expression.startsWith("!")) {
                // ${!Literal} is how Fn::Sub writes a literal ${Literal}.
                out.append("${").append(expression.substring(1)).append('}');
            } else {
                out.append(subVariable(expression, variables));
            }
            at = close + 1;
        }
        return out.toString();
    }

    private String subVariable(String expression, Map<?, ?> variables) {
        if (variables.containsKey(expression)) {
            return resolve(variables.get(expression));
        }
        int dot = expression.indexOf('.');
        if (dot > 0 && !expression.startsWith("AWS::")) {
            return resource(expression.substring(0, dot)).attribute(expression.substring(dot + 1));
        }
        return ref(expression);
    }

    private String findInMap(Object argument) {
        if (!(argument instanceof List<?> parts) || parts.size() != 3) {
            throw new LocalTemplateException("Fn::FindInMap takes [MapName, TopLevelKey, SecondLevelKey], found " + argument);
        }
        String mapName = resolve(parts.get(0));
        String top = resolve(parts.get(1));
        String second = resolve(parts.get(2));
        if (!(template.section("Mappings").get(mapName) instanceof Map<?, ?> mapping)) {
            throw new LocalTemplateException("Fn::FindInMap: the template has no mapping " + mapName);
        }
        if (!(mapping.get(top) instanceof Map<?, ?> level) || !level.containsKey(second)) {
            throw new LocalTemplateException("Fn::FindInMap: mapping " + mapName + " has no " + top + "." + second);
        }
        return resolve(level.get(second));
    }

    private String join(Object argument) {
        if (!(argument instanceof List<?> parts) || parts.size() != 2 || !(parts.get(1) instanceof List<?> items)) {
            throw new LocalTemplateException("Fn::Join takes [delimiter, [values]], found " + argument);
        }
        String delimiter = resolve(parts.get(0));
        List<String> values = items.stream().map(this::resolve).toList();
        return String.join(delimiter, values);
    }

    private static String string(Object value, String intrinsic) {
        if (!(value instanceof String text)) {
            throw new LocalTemplateException(intrinsic + " takes a name, found " + value);
        }
        return text;
    }
}
