package dev.caretaker.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The configuration's JSON Schema (draft 2020-12), shipped as {@code caretaker-config.schema.json}
 * next to this class, and a validator that applies it to located nodes so each problem points at
 * the line and column where the value was written.
 *
 * <p>The validator interprets the schema, so the schema stays the one description of the shape. It
 * knows the keywords the schema uses (listed in {@link #KEYWORDS}; a test checks nothing else is
 * used) and words messages for people: unknown keys get a "did you mean" for near misses, instead
 * of a general-purpose validator's "$.customer: property 'regoin' is not defined in the schema".
 */
public final class ConfigSchema {

    public static final String RESOURCE = "caretaker-config.schema.json";
    public static final int CURRENT_VERSION = 2;

    /** Every keyword this validator applies or deliberately ignores (annotations). */
    public static final Set<String> KEYWORDS = Set.of(
            "$schema", "$id", "$defs", "$ref", "title", "description",
            "type", "properties", "required", "additionalProperties", "items",
            "enum", "const", "pattern", "minLength", "minItems", "maxItems", "uniqueItems",
            "minimum", "maximum", "exclusiveMinimum");

    private final String text;
    private final JsonNode root;
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    private ConfigSchema(String text) {
        this.text = text;
        this.root = Json.read(text, JsonNode.class);
    }

    /** The schema as shipped in the jar. */
    public static ConfigSchema shipped() {
        try (InputStream in = ConfigSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return new ConfigSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema document, exactly as shipped. */
    public String text() {
        return text;
    }

    public JsonNode root() {
        return root;
    }

    /** Every place {@code node} breaks the schema. */
    public List<ConfigProblem> validate(ConfigNode node) {
        List<ConfigProblem> problems = new ArrayList<>();
        check(root, node, "", problems);
        return problems;
    }

    /** The schema a {@code $ref} names, or the schema itself. */
    public JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int hops = 0; current.has("$ref") && hops < 8; hops++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/$defs/")) {
                throw new IllegalStateException("unsupported $ref " + ref);
            }
            current = root.path("$defs").path(ref.substring("#/$defs/".length()));
        }
        return current;
    }

    private void check(JsonNode declared, ConfigNode node, String path, List<ConfigProblem> problems) {
        JsonNode schema = resolve(declared);
        if (schema.has("type") && !typeMatches(schema.get("type"), node)) {
            problems.add(problem(node, path, "expected " + expectedType(schema.get("type")) + ", got "
                    + describe(node)));
            return;
        }
        if (schema.has("const") && !constMatches(schema.get("const"), node)) {
            problems.add(problem(node, path, "must be " + schema.get("const")));
        }
        if (schema.has("enum")) {
            checkEnum(schema.get("enum"), node, path, problems);
        }
        switch (node) {
            case ConfigNode.ConfigMap map -> checkObject(schema, map, path, problems);
            case ConfigNode.ConfigList list -> checkArray(schema, list, path, problems);
            case ConfigNode.ConfigScalar scalar -> checkScalar(schema, scalar, path, problems);
        }
    }

    private void checkObject(JsonNode schema, ConfigNode.ConfigMap map, String path, List<ConfigProblem> problems) {
        JsonNode properties = schema.path("properties");
        for (JsonNode required : schema.path("required")) {
            String key = required.asText();
            if (!map.members().containsKey(key)) {
                problems.add(new ConfigProblem(map.location(), child(path, key), "is required"));
            }
        }
        JsonNode additional = schema.get("additionalProperties");
        for (ConfigNode.Member member : map.members().values()) {
            String memberPath = child(path, member.key());
            if (properties.has(member.key())) {
                check(properties.get(member.key()), member.value(), memberPath, problems);
            } else if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
                problems.add(new ConfigProblem(member.keyLocation(), memberPath, unknownKey(member.key(), properties)));
            } else if (additional != null && additional.isObject()) {
                check(additional, member.value(), memberPath, problems);
            }
        }
    }

    private static String unknownKey(String key, JsonNode properties) {
        List<String> known = new ArrayList<>();
        properties.fieldNames().forEachRemaining(known::add);
        return DidYouMean.closest(key, known)
                .map(suggestion -> "unknown key; did you mean '" + suggestion + "'?")
                .orElseGet(() -> "unknown key; expected one of: " + String.join(", ", known));
    }

    private void checkArray(JsonNode schema, ConfigNode.ConfigList list, String path, List<ConfigProblem> problems) {
        int size = list.items().size();
        if (schema.has("minItems") && size < schema.get("minItems").asInt()) {
            int min = schema.get("minItems").asInt();
            problems.add(problem(list, path, size == 0 && min == 1 ? "must not be empty"
                    : "must have at least " + min + " items, has " + size));
        }
        if (schema.has("maxItems") && size > schema.get("maxItems").asInt()) {
            problems.add(problem(list, path, "must have at most " + schema.get("maxItems").asInt() + " items, has " + size));
        }
        if (schema.has("items")) {
            for (int i = 0; i < size; i++) {
                check(schema.get("items"), list.items().get(i), path + "[" + i + "]", problems);
            }
        }
        if (schema.path("uniqueItems").asBoolean(false)) {
            Map<Object, ConfigNode> seen = new HashMap<>();
            for (int i = 0; i < size; i++) {
                ConfigNode item = list.items().get(i);
                ConfigNode first = seen.putIfAbsent(ConfigValues.comparable(item), item);
                if (first != null) {
                    problems.add(problem(item, path + "[" + i + "]", "duplicate "
                            + (item instanceof ConfigNode.ConfigScalar s ? ConfigValues.show(s.value()) + " " : "")
                            + "(already at line " + first.location().line() + ")"));
                }
            }
        }
    }

    private void checkScalar(JsonNode schema, ConfigNode.ConfigScalar scalar, String path, List<ConfigProblem> problems) {
        Object value = scalar.value();
        if (value instanceof String text) {
            if (schema.has("minLength") && text.codePointCount(0, text.length()) < schema.get("minLength").asInt()) {
                problems.add(problem(scalar, path, schema.get("minLength").asInt() == 1 ? "must not be empty"
                        : "must be at least " + schema.get("minLength").asInt() + " characters"));
            } else if (schema.has("pattern") && !pattern(schema.get("pattern").asText()).matcher(text).find()) {
                problems.add(problem(scalar, path, ConfigValues.show(text) + " is not "
                        + (schema.has("title") ? schema.get("title").asText() : "of the form " + schema.get("pattern").asText())));
            }
        }
        if (ConfigValues.decimal(value) instanceof BigDecimal number) {
            if (schema.has("minimum") && number.compareTo(schema.get("minimum").decimalValue()) < 0) {
                problems.add(problem(scalar, path, "must be at least " + schema.get("minimum").asText() + ", is " + number));
            }
            if (schema.has("exclusiveMinimum") && number.compareTo(schema.get("exclusiveMinimum").decimalValue()) <= 0) {
                problems.add(problem(scalar, path, "must be more than " + schema.get("exclusiveMinimum").asText() + ", is " + number));
            }
            if (schema.has("maximum") && number.compareTo(schema.get("maximum").decimalValue()) > 0) {
                problems.add(problem(scalar, path, "must be at most " + schema.get("maximum").asText() + ", is " + number));
            }
        }
    }

    private void checkEnum(JsonNode allowed, ConfigNode node, String path, List<ConfigProblem> problems) {
        List<String> names = new ArrayList<>();
        for (JsonNode option : allowed) {
            if (constMatches(option, node)) {
                return;
            }
            names.add(option.asText());
        }
        String shown = node instanceof ConfigNode.ConfigScalar scalar ? ConfigValues.show(scalar.value()) : describe(node);
        String suggestion = node instanceof ConfigNode.ConfigScalar scalar && scalar.value() instanceof String text
                ? DidYouMean.closest(text, names).map(s -> "; did you mean '" + s + "'?").orElse("") : "";
        problems.add(problem(node, path, shown + " is not one of: " + String.join(", ", names) + suggestion));
    }

    private static boolean constMatches(JsonNode expected, ConfigNode node) {
        if (!(node instanceof ConfigNode.ConfigScalar scalar)) {
            return false;
        }
        Object value = scalar.value();
        if (expected.isNumber()) {
            return ConfigValues.decimal(value) instanceof BigDecimal d && d.compareTo(expected.decimalValue()) == 0;
        }
        if (expected.isTextual()) {
            return expected.asText().equals(value);
        }
        if (expected.isBoolean()) {
            return Boolean.valueOf(expected.asBoolean()).equals(value);
        }
        return expected.isNull() && value == null;
    }

    private static boolean typeMatches(JsonNode type, ConfigNode node) {
        if (type.isArray()) {
            for (JsonNode one : type) {
                if (typeMatches(one, node)) {
                    return true;
                }
            }
            return false;
        }
        String actual = ConfigNode.typeName(node);
        String expected = type.asText();
        return expected.equals(actual) || expected.equals("number") && actual.equals("integer")
                || expected.equals("integer") && actual.equals("number") && isWhole(node);
    }

    private static boolean isWhole(ConfigNode node) {
        return node instanceof ConfigNode.ConfigScalar scalar && scalar.value() instanceof BigDecimal d
                && d.stripTrailingZeros().scale() <= 0;
    }

    private static String expectedType(JsonNode type) {
        if (!type.isArray()) {
            return withArticle(type.asText());
        }
        List<String> names = new ArrayList<>();
        type.forEach(one -> names.add(withArticle(one.asText())));
        return String.join(" or ", names);
    }

    private static String withArticle(String type) {
        return switch (type) {
            case "object" -> "a mapping";
            case "array" -> "a list";
            case "integer" -> "an integer";
            default -> "a " + type;
        };
    }

    private static String describe(ConfigNode node) {
        return switch (node) {
            case ConfigNode.ConfigMap map -> "a mapping";
            case ConfigNode.ConfigList list -> "a list";
            case ConfigNode.ConfigScalar scalar when scalar.value() == null -> "nothing (null)";
            case ConfigNode.ConfigScalar scalar -> withArticle(ConfigNode.typeName(node)) + " " + ConfigValues.show(scalar.value());
        };
    }

    private Pattern pattern(String regex) {
        return patterns.computeIfAbsent(regex, Pattern::compile);
    }

    private static ConfigProblem problem(ConfigNode node, String path, String message) {
        return new ConfigProblem(node.location(), path, message);
    }

    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
