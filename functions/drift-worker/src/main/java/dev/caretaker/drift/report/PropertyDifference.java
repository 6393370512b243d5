package dev.caretaker.drift.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.caretaker.json.Json;
import java.util.Objects;

/**
 * One property that differs. {@code path} is dotted ({@code VersioningConfiguration.Status});
 * CloudFormation's {@code /VersioningConfiguration/Status} converts with {@link #dottedPath(String)}.
 * Values are JSON trees: CloudFormation sends them as strings holding JSON (a number, an object,
 * a list of tags), and comparing or printing them as strings loses their shape.
 */
public record PropertyDifference(String path, JsonNode expected, JsonNode actual, DifferenceType type) {

    public PropertyDifference {
        Objects.requireNonNull(path, "path");
        expected = expected == null ? MissingNode.getInstance() : expected;
        actual = actual == null ? MissingNode.getInstance() : actual;
        Objects.requireNonNull(type, "type");
    }

    /** {@code /Tags/0/Value} → {@code Tags.0.Value}. */
    public static String dottedPath(String cloudFormationPath) {
        String path = cloudFormationPath == null ? "" : cloudFormationPath.strip();
        if (path.startsWith("/")) {
            path = path.substring(1);
        }
        return path.replace('/', '.');
    }

    /**
     * A value as CloudFormation sends it: JSON text when it parses as JSON, otherwise the plain
     * string (an unquoted "Enabled" is text, not malformed JSON). Absent stays absent.
     */
    public static JsonNode parseValue(String value) {
        if (value == null) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode parsed = Json.mapper().readTree(value);
            return parsed == null || parsed.isMissingNode() ? TextNode.valueOf(value) : parsed;
        } catch (Exception notJson) {
            return TextNode.valueOf(value);
        }
    }
}
