package dev.caretaker.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * InputPath or OutputPath: the part of the data a state works on or passes on. A missing field
 * selects everything ({@code $}); {@code null} selects nothing and yields {@code {}}.
 */
record DataSelection(String field, JsonPath path) {

    static DataSelection parse(String field, JsonNode node, String location) {
        if (node == null) {
            return new DataSelection(field, JsonPath.parse("$"));
        }
        if (node.isNull()) {
            return new DataSelection(field, null);
        }
        if (!node.isTextual()) {
            throw new DefinitionProblem(location, field + " is a path string or null, not " + node.getNodeType());
        }
        try {
            return new DataSelection(field, JsonPath.parse(node.asText()));
        } catch (IllegalArgumentException e) {
            throw new DefinitionProblem(location, e.getMessage());
        }
    }

    JsonNode select(JsonNode data, JsonNode context) throws StateFailure {
        if (path == null) {
            return JsonNodeFactory.instance.objectNode();
        }
        return path.read(data, context).orElseThrow(() -> StateFailure.runtime(
                "Invalid path '" + path + "' : No results for " + field + " in '" + data + "'"));
    }
}
