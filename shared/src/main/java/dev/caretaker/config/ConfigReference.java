package dev.caretaker.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The configuration reference in docs/configuration.md, generated from the schema so the two can
 * never disagree: one table row per key, with its type, whether it is required, and its rules.
 */
public final class ConfigReference {

    public static final String BEGIN = "<!-- BEGIN GENERATED REFERENCE: do not edit; regenerate as the test ConfigurationDocsTest says -->";
    public static final String END = "<!-- END GENERATED REFERENCE -->";

    private final ConfigSchema schema;

    public ConfigReference(ConfigSchema schema) {
        this.schema = schema;
    }

    /** The generated section, markers included. */
    public String markdown() {
        StringBuilder out = new StringBuilder();
        out.append(BEGIN).append("\n\n");
        out.append("Schema: `").append(schema.root().path("$id").asText()).append("` (JSON Schema draft 2020-12; ")
                .append("`caretaker config schema` prints it). Current `schemaVersion`: ").append(ConfigSchema.CURRENT_VERSION).append(".\n\n");
        out.append("| Key | Type | Required | Description |\n|---|---|---|---|\n");
        List<String[]> rows = new ArrayList<>();
        rows(schema.root(), "", rows);
        for (String[] row : rows) {
            out.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        out.append("\n").append(END).append("\n");
        return out.toString();
    }

    private void rows(JsonNode declared, String path, List<String[]> rows) {
        JsonNode schemaNode = schema.resolve(declared);
        JsonNode properties = schemaNode.path("properties");
        Set<String> required = new HashSet<>();
        schemaNode.path("required").forEach(name -> required.add(name.asText()));
        properties.fields().forEachRemaining(field -> {
            String key = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            JsonNode property = field.getValue();
            JsonNode resolved = schema.resolve(property);
            rows.add(new String[] {"`" + key + "`", type(resolved), required.contains(field.getKey()) ? "yes" : "",
                    cell(description(property, resolved) + rules(resolved))});
            descend(resolved, key, rows);
        });
        JsonNode additional = schemaNode.get("additionalProperties");
        if (additional != null && additional.isObject()) {
            String key = path + ".<name>";
            JsonNode resolved = schema.resolve(additional);
            rows.add(new String[] {"`" + key + "`", type(resolved), "", cell("Any key. " + rules(resolved).strip())});
        }
    }

    private void descend(JsonNode resolved, String key, List<String[]> rows) {
        if (resolved.has("properties") || resolved.path("additionalProperties").isObject()) {
            rows(resolved, key, rows);
        }
        if (resolved.path("items").isObject()) {
            JsonNode items = schema.resolve(resolved.get("items"));
            if (items.has("properties")) {
                rows(items, key + "[]", rows);
            }
        }
    }

    private String type(JsonNode resolved) {
        if (resolved.has("enum")) {
            return "enum";
        }
        JsonNode type = resolved.path("type");
        String name = type.isArray() ? joinTypes(type) : typeName(type.asText());
        if ("list".equals(name) && resolved.path("items").isObject()) {
            JsonNode items = schema.resolve(resolved.get("items"));
            return "list of " + (items.has("enum") ? "enum" : items.path("type").isArray() ? joinTypes(items.path("type")) : typeName(items.path("type").asText()));
        }
        return name;
    }

    private static String joinTypes(JsonNode types) {
        List<String> names = new ArrayList<>();
        types.forEach(type -> names.add(typeName(type.asText())));
        return String.join(" or ", names);
    }

    private static String typeName(String jsonType) {
        return switch (jsonType) {
            case "object" -> "mapping";
            case "array" -> "list";
            default -> jsonType;
        };
    }

    private static String description(JsonNode property, JsonNode resolved) {
        String text = property.has("description") ? property.get("description").asText() : resolved.path("description").asText("");
        return text.isEmpty() || text.endsWith(".") ? text : text + ".";
    }

    private String rules(JsonNode resolved) {
        List<String> rules = new ArrayList<>();
        if (resolved.has("const")) {
            rules.add("Must be `" + resolved.get("const").asText() + "`.");
        }
        if (resolved.has("enum")) {
            rules.add("One of " + values(resolved.get("enum")) + ".");
        }
        JsonNode items = resolved.path("items").isObject() ? schema.resolve(resolved.get("items")) : null;
        if (items != null && items.has("enum")) {
            rules.add("Items: one of " + values(items.get("enum")) + ".");
        }
        for (JsonNode node : items == null ? List.of(resolved) : List.of(resolved, items)) {
            String prefix = node == resolved ? "" : "Items: ";
            if (node.has("pattern")) {
                rules.add(prefix + (node.has("title") ? capitalised(node.get("title").asText()) : "Matches")
                        + " (`" + node.get("pattern").asText() + "`).");
            }
            if (node.has("minimum") || node.has("exclusiveMinimum") || node.has("maximum")) {
                String low = node.has("minimum") ? "at least " + node.get("minimum").asText()
                        : node.has("exclusiveMinimum") ? "more than " + node.get("exclusiveMinimum").asText() : null;
                String high = node.has("maximum") ? "at most " + node.get("maximum").asText() : null;
                rules.add(prefix + capitalised(low == null ? high : high == null ? low : low + " and " + high) + ".");
            }
            if (node.has("minLength")) {
                rules.add(prefix + "Not empty.");
            }
        }
        if (resolved.has("minItems")) {
            rules.add("At least " + resolved.get("minItems").asInt() + " item(s).");
        }
        if (resolved.has("maxItems")) {
            rules.add("At most " + resolved.get("maxItems").asInt() + " items.");
        }
        if (resolved.path("uniqueItems").asBoolean(false)) {
            rules.add("No duplicates.");
        }
        return rules.isEmpty() ? "" : " " + String.join(" ", rules);
    }

    private static String values(JsonNode options) {
        List<String> names = new ArrayList<>();
        options.forEach(option -> names.add("`" + option.asText() + "`"));
        return String.join(", ", names);
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String cell(String text) {
        return text.strip().replace("|", "\\|").replace("\n", " ");
    }
}
