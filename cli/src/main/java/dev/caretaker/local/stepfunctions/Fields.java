package dev.caretaker.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Typed, located reads of one JSON object of the definition (the root, a state, a retrier). Every
 * problem names where it is, e.g. {@code States.Begin.Retry[0].MaxAttempts}.
 */
final class Fields {

    /** ASL fields that exist but that the interpreter does not implement, told apart from typos. */
    private static final Set<String> UNSUPPORTED_ASL_FIELDS = Set.of(
            "HeartbeatSeconds", "HeartbeatSecondsPath", "TimeoutSecondsPath", "Credentials", "Arguments", "Output",
            "Assign", "QueryLanguage", "Items", "ItemsPath", "ItemProcessor", "ItemReader", "ItemSelector",
            "ItemBatcher", "ResultWriter", "MaxConcurrency", "MaxConcurrencyPath", "ToleratedFailurePercentage",
            "ToleratedFailurePercentagePath", "ToleratedFailureCount", "ToleratedFailureCountPath", "Iterator",
            "Branches", "Label", "Condition");

    private final JsonNode node;
    private final String location;
    private final String owner;

    Fields(JsonNode node, String location, String owner) {
        if (node == null || !node.isObject()) {
            throw new DefinitionProblem(location, owner + " must be a JSON object, not "
                    + (node == null ? "missing" : node.getNodeType()));
        }
        this.node = node;
        this.location = location;
        this.owner = owner;
    }

    String location() {
        return location;
    }

    String at(String field) {
        return location.isEmpty() ? field : location + "." + field;
    }

    /** Fails on the first field that is not in {@code allowed}, saying whether it is unsupported ASL or unknown. */
    void allowOnly(Set<String> allowed) {
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String field = entry.getKey();
            if (allowed.contains(field)) {
                continue;
            }
            if (UNSUPPORTED_ASL_FIELDS.contains(field)) {
                throw new DefinitionProblem(at(field), field + " on " + owner
                        + " is not supported by the local interpreter; it supports " + sorted(allowed));
            }
            throw new DefinitionProblem(at(field), "unknown field for " + owner + "; it takes " + sorted(allowed));
        }
    }

    void forEachField(Consumer<String> action) {
        node.properties().forEach(entry -> action.accept(entry.getKey()));
    }

    boolean has(String field) {
        return node.has(field);
    }

    JsonNode get(String field) {
        return node.get(field);
    }

    String requiredString(String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            throw new DefinitionProblem(at(field), owner + " needs " + field);
        }
        return string(field);
    }

    String optionalString(String field) {
        return node.has(field) ? string(field) : null;
    }

    private String string(String field) {
        JsonNode value = node.get(field);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new DefinitionProblem(at(field), field + " must be a non-empty string, not " + value);
        }
        return value.asText();
    }

    JsonPath optionalPath(String field) {
        String text = optionalString(field);
        if (text == null) {
            return null;
        }
        if (text.startsWith("States.")) {
            throw new DefinitionProblem(at(field), "intrinsic functions are not supported by the local interpreter; "
                    + JsonPath.SUPPORTED);
        }
        try {
            return JsonPath.parse(text);
        } catch (IllegalArgumentException e) {
            throw new DefinitionProblem(at(field), e.getMessage());
        }
    }

    Integer optionalInt(String field, int min) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min) {
            throw new DefinitionProblem(at(field), field + " must be an integer of at least " + min + ", not " + value);
        }
        return value.asInt();
    }

    Double optionalNumber(String field, double min) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isNumber() || value.asDouble() < min) {
            throw new DefinitionProblem(at(field), field + " must be a number of at least " + min + ", not " + value);
        }
        return value.asDouble();
    }

    List<String> stringList(String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray() || value.isEmpty()) {
            throw new DefinitionProblem(at(field), field + " must be a non-empty array of strings");
        }
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual()) {
                throw new DefinitionProblem(at(field) + "[" + i + "]", "must be a string, not " + item);
            }
            strings.add(item.asText());
        }
        return strings;
    }

    private static List<String> sorted(Set<String> fields) {
        return fields.stream().sorted().toList();
    }
}
