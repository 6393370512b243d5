package dev.caretaker.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Parameters or ResultSelector template: JSON copied as written, except that a field whose name
 * ends in {@code .$} takes the value its path selects (and loses the suffix). Compiled at load, so a
 * bad path or an intrinsic function is a load error, not a failed execution.
 */
sealed interface PayloadTemplate {

    JsonNode render(JsonNode data, JsonNode context) throws StateFailure;

    /** Whether any path in the template reads {@code $$.Task.Token}. */
    boolean readsTaskToken();

    record Literal(JsonNode value) implements PayloadTemplate {

        @Override
        public JsonNode render(JsonNode data, JsonNode context) {
            return value.deepCopy();
        }

        @Override
        public boolean readsTaskToken() {
            return false;
        }
    }

    record Selected(String field, JsonPath path) implements PayloadTemplate {

        @Override
        public JsonNode render(JsonNode data, JsonNode context) throws StateFailure {
            JsonNode found = path.read(data, context).orElse(null);
            if (found == null) {
                throw StateFailure.runtime("The JSONPath '" + path + "' specified for the field '" + field
                        + "' could not be found in the " + (path.contextObject() ? "context object '" + context
                        : "input '" + data) + "'");
            }
            return found.deepCopy();
        }

        @Override
        public boolean readsTaskToken() {
            return path.contextObject() && path.steps().equals(List.of(new JsonPath.Field("Task"), new JsonPath.Field("Token")));
        }
    }

    record ObjectTemplate(Map<String, PayloadTemplate> fields) implements PayloadTemplate {

        @Override
        public JsonNode render(JsonNode data, JsonNode context) throws StateFailure {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, PayloadTemplate> field : fields.entrySet()) {
                out.set(field.getKey(), field.getValue().render(data, context));
            }
            return out;
        }

        @Override
        public boolean readsTaskToken() {
            return fields.values().stream().anyMatch(PayloadTemplate::readsTaskToken);
        }
    }

    record ArrayTemplate(List<PayloadTemplate> items) implements PayloadTemplate {

        @Override
        public JsonNode render(JsonNode data, JsonNode context) throws StateFailure {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (PayloadTemplate item : items) {
                out.add(item.render(data, context));
            }
            return out;
        }

        @Override
        public boolean readsTaskToken() {
            return items.stream().anyMatch(PayloadTemplate::readsTaskToken);
        }
    }

    static PayloadTemplate compile(JsonNode template, String location) {
        if (template.isObject()) {
            Map<String, PayloadTemplate> fields = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : template.properties()) {
                String key = entry.getKey();
                String at = location + "." + key;
                PayloadTemplate compiled = key.endsWith(".$") ? selected(key, entry.getValue(), at) : compile(entry.getValue(), at);
                String name = key.endsWith(".$") ? key.substring(0, key.length() - 2) : key;
                if (fields.put(name, compiled) != null) {
                    throw new DefinitionProblem(at, "'" + name + "' is given twice (once with .$): the output would hold only one");
                }
            }
            return new ObjectTemplate(fields);
        }
        if (template.isArray()) {
            List<PayloadTemplate> items = new ArrayList<>();
            for (int i = 0; i < template.size(); i++) {
                items.add(compile(template.get(i), location + "[" + i + "]"));
            }
            return new ArrayTemplate(items);
        }
        return new Literal(template);
    }

    private static PayloadTemplate selected(String key, JsonNode value, String location) {
        if (!value.isTextual()) {
            throw new DefinitionProblem(location, "a field ending in .$ takes a path string, not " + value.getNodeType());
        }
        String text = value.asText();
        if (text.startsWith("States.")) {
            String function = text.contains("(") ? text.substring(0, text.indexOf('(')) : text;
            throw new DefinitionProblem(location, "intrinsic function " + function
                    + " is not supported by the local interpreter; only paths are ($, $.field, $.field[0], $$.Context.Field)");
        }
        try {
            return new Selected(key, JsonPath.parse(text));
        } catch (IllegalArgumentException e) {
            throw new DefinitionProblem(location, e.getMessage());
        }
    }
}
