package dev.caretaker.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An EventBridge event pattern, the subset the template uses: exact values (strings, numbers,
 * booleans, null), {@code {"prefix": "..."}}, and nested objects such as {@code detail}. Every
 * field of the pattern must match; a field matches if its value (or, for an array, any element)
 * equals any listed value. Other operators ({@code anything-but}, {@code numeric}, {@code exists},
 * {@code suffix}, {@code wildcard}, {@code $or}, ...) are refused by {@link #parse}.
 */
public final class EventPattern {

    private static final Set<String> KNOWN_BUT_UNSUPPORTED = Set.of("anything-but", "numeric", "exists", "suffix",
            "equals-ignore-case", "wildcard", "cidr");

    private final Map<String, Object> fields;
    private final String text;

    private EventPattern(Map<String, Object> fields, String text) {
        this.fields = fields;
        this.text = text;
    }

    /**
     * Reads a pattern as the template holds it (a mapping, or JSON text in AWS::Events::Rule).
     *
     * @param where names the rule in error messages
     * @throws UnsupportedEventPatternException for syntax this class does not implement
     */
    public static EventPattern parse(Object pattern, String where) {
        Object value = pattern;
        if (pattern instanceof String json) {
            try {
                value = dev.caretaker.json.Json.mapper().readValue(json, Map.class);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException(where + ": the event pattern is not JSON: " + e.getOriginalMessage(), e);
            }
        }
        if (!(value instanceof Map<?, ?> map) || map.isEmpty()) {
            throw new IllegalArgumentException(where + ": an event pattern is a non-empty mapping, found " + pattern);
        }
        return new EventPattern(object(map, where), String.valueOf(pattern));
    }

    /** Whether {@code event} (the whole envelope: source, detail-type, detail, ...) matches. */
    public boolean matches(JsonNode event) {
        return matchesObject(fields, event);
    }

    @Override
    public String toString() {
        return text;
    }

    private static Map<String, Object> object(Map<?, ?> map, String where) {
        Map<String, Object> fields = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            String name = key.toString();
            String path = where + "." + name;
            if (name.startsWith("$")) {
                throw new UnsupportedEventPatternException(path + ": " + name + " is not supported by the local event bus");
            }
            if (value instanceof Map<?, ?> nested) {
                fields.put(name, object(nested, path));
            } else if (value instanceof List<?> list) {
                fields.put(name, values(list, path));
            } else {
                throw new IllegalArgumentException(path + ": a pattern field holds a list of values or a nested mapping, found " + value);
            }
        });
        return fields;
    }

    private static List<ValueMatcher> values(List<?> list, String where) {
        if (list.isEmpty()) {
            throw new IllegalArgumentException(where + ": an empty list matches nothing; EventBridge refuses it");
        }
        List<ValueMatcher> matchers = new ArrayList<>();
        for (Object value : list) {
            if (value instanceof Map<?, ?> operator) {
                matchers.add(operator(operator, where));
            } else if (value instanceof List<?>) {
                throw new IllegalArgumentException(where + ": lists do not nest in an event pattern");
            } else {
                matchers.add(new ValueMatcher.Exact(value));
            }
        }
        return List.copyOf(matchers);
    }

    private static ValueMatcher operator(Map<?, ?> operator, String where) {
        if (operator.size() != 1) {
            throw new IllegalArgumentException(where + ": a matching operator is a single-key mapping, found " + operator);
        }
        String name = operator.keySet().iterator().next().toString();
        Object argument = operator.get(name);
        if (name.equals("prefix")) {
            if (!(argument instanceof String prefix)) {
                throw new UnsupportedEventPatternException(where + ": only a string prefix is supported by the local event bus,"
                        + " found " + argument);
            }
            return new ValueMatcher.Prefix(prefix);
        }
        if (KNOWN_BUT_UNSUPPORTED.contains(name)) {
            throw new UnsupportedEventPatternException(where + ": the '" + name + "' operator is not supported by the local event bus"
                    + " (exact values and prefix are)");
        }
        throw new UnsupportedEventPatternException(where + ": '" + name + "' is not an event pattern operator the local event bus knows");
    }

    @SuppressWarnings("unchecked")
    private static boolean matchesObject(Map<String, Object> pattern, JsonNode event) {
        if (event == null || !event.isObject()) {
            return false;
        }
        for (Map.Entry<String, Object> field : pattern.entrySet()) {
            JsonNode value = event.get(field.getKey());
            if (value == null) {
                return false;
            }
            boolean matched = field.getValue() instanceof Map<?, ?> nested
                    ? matchesObject((Map<String, Object>) nested, value)
                    : matchesValues((List<ValueMatcher>) field.getValue(), value);
            if (!matched) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesValues(List<ValueMatcher> matchers, JsonNode value) {
        if (value.isArray()) {
            for (JsonNode element : value) {
                if (matchesValues(matchers, element)) {
                    return true;
                }
            }
            return false;
        }
        return matchers.stream().anyMatch(matcher -> matcher.matches(value));
    }

    private sealed interface ValueMatcher {

        boolean matches(JsonNode value);

        record Exact(Object expected) implements ValueMatcher {
            @Override
            public boolean matches(JsonNode value) {
                return switch (expected) {
                    case null -> value.isNull();
                    case String text -> value.isTextual() && value.asText().equals(text);
                    case Boolean bool -> value.isBoolean() && value.asBoolean() == bool;
                    case Number number -> value.isNumber()
                            && value.decimalValue().compareTo(new BigDecimal(number.toString())) == 0;
                    default -> false;
                };
            }
        }

        record Prefix(String prefix) implements ValueMatcher {
            @Override
            public boolean matches(JsonNode value) {
                return value.isTextual() && value.asText().startsWith(prefix);
            }
        }
    }
}
