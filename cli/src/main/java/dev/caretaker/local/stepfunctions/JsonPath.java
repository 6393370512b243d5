package dev.caretaker.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Step Functions reference path, the JSONPath subset the interpreter supports: {@code $},
 * {@code $.a.b}, {@code $.a[0]} against the state's data and {@code $$.X.Y} against the context
 * object. Reference paths select exactly one node, so wildcards, filters, slices and deep scans
 * are refused when the definition loads rather than at some later run.
 */
record JsonPath(String text, boolean contextObject, List<Step> steps) {

    static final String SUPPORTED = "supported paths are $, $.field, $.field[0] and $$.Context.Field";

    sealed interface Step {
    }

    record Field(String name) implements Step {
    }

    record Index(int index) implements Step {
    }

    JsonPath {
        steps = List.copyOf(steps);
    }

    /** Parses a path; an {@link IllegalArgumentException} says why it is not in the supported subset. */
    static JsonPath parse(String text) {
        if (text == null || !text.startsWith("$")) {
            throw unsupported(text, "a path starts with $ (state data) or $$ (context object)");
        }
        boolean context = text.startsWith("$$");
        int at = context ? 2 : 1;
        List<Step> steps = new ArrayList<>();
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '.') {
                int start = ++at;
                while (at < text.length() && text.charAt(at) != '.' && text.charAt(at) != '[') {
                    at++;
                }
                String name = text.substring(start, at);
                if (name.isEmpty()) {
                    throw unsupported(text, at < text.length() && text.charAt(at) == '.'
                            ? "'..' (deep scan) selects many nodes" : "a '.' must be followed by a field name");
                }
                checkFieldName(text, name);
                steps.add(new Field(name));
            } else if (c == '[') {
                int close = text.indexOf(']', at);
                if (close < 0) {
                    throw unsupported(text, "'[' is never closed");
                }
                String inside = text.substring(at + 1, close);
                if (!inside.matches("\\d{1,9}")) {
                    throw unsupported(text, bracketReason(inside));
                }
                steps.add(new Index(Integer.parseInt(inside)));
                at = close + 1;
            } else {
                throw unsupported(text, "unexpected '" + c + "' at position " + at);
            }
        }
        return new JsonPath(text, context, steps);
    }

    /** The node the path selects; empty when any step is missing (JSON null is a node, so present). */
    Optional<JsonNode> read(JsonNode data, JsonNode context) {
        JsonNode node = contextObject ? context : data;
        for (Step step : steps) {
            if (node == null) {
                return Optional.empty();
            }
            node = switch (step) {
                case Field field -> node.isObject() ? node.get(field.name()) : null;
                case Index index -> node.isArray() ? node.get(index.index()) : null;
            };
        }
        return Optional.ofNullable(node);
    }

    boolean isRoot() {
        return !contextObject && steps.isEmpty();
    }

    boolean hasIndex() {
        return steps.stream().anyMatch(Index.class::isInstance);
    }

    List<String> fieldNames() {
        return steps.stream().map(step -> ((Field) step).name()).toList();
    }

    @Override
    public String toString() {
        return text;
    }

    private static void checkFieldName(String text, String name) {
        if (name.equals("*")) {
            throw unsupported(text, "'*' (wildcard) selects many nodes");
        }
        for (char c : name.toCharArray()) {
            if ("*@?()',:\"".indexOf(c) >= 0 || Character.isWhitespace(c)) {
                throw unsupported(text, "'" + c + "' in field name '" + name + "' is a JSONPath operator or needs bracket"
                        + " notation, which reference paths do not allow");
            }
        }
    }

    private static String bracketReason(String inside) {
        if (inside.equals("*")) {
            return "'[*]' (wildcard) selects many nodes";
        }
        if (inside.startsWith("?")) {
            return "'[" + inside + "]' is a filter expression";
        }
        if (inside.contains(":")) {
            return "'[" + inside + "]' is a slice";
        }
        if (inside.contains(",")) {
            return "'[" + inside + "]' is a union";
        }
        if (inside.startsWith("-")) {
            return "'[" + inside + "]' is a negative index";
        }
        if (inside.startsWith("'") || inside.startsWith("\"")) {
            return "'[" + inside + "]' (bracket field names) is not supported; use $.field";
        }
        return "'[" + inside + "]' is not an array index";
    }

    private static IllegalArgumentException unsupported(String text, String why) {
        return new IllegalArgumentException("'" + text + "' is not a path the local interpreter supports: " + why
                + "; " + SUPPORTED);
    }
}
