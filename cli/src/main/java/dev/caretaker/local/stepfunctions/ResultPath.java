package dev.caretaker.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Where a state puts its result in its input to make its output: nowhere ({@code null}: the input
 * passes through), instead of the input ({@code $}), or at a field ({@code $.a.b}, created if absent).
 */
sealed interface ResultPath {

    JsonNode apply(JsonNode stateInput, JsonNode result) throws StateFailure;

    record Discard() implements ResultPath {
        @Override
        public JsonNode apply(JsonNode stateInput, JsonNode result) {
            return stateInput;
        }
    }

    record Replace() implements ResultPath {
        @Override
        public JsonNode apply(JsonNode stateInput, JsonNode result) {
            return result;
        }
    }

    record AtField(String text, List<String> fields) implements ResultPath {

        @Override
        public JsonNode apply(JsonNode stateInput, JsonNode result) throws StateFailure {
            if (!stateInput.isObject()) {
                throw mismatch(stateInput);
            }
            // The input may still be referenced by the history, so the output is a copy.
            ObjectNode output = ((ObjectNode) stateInput).deepCopy();
            ObjectNode parent = output;
            for (String field : fields.subList(0, fields.size() - 1)) {
                JsonNode child = parent.get(field);
                if (child == null) {
                    child = parent.putObject(field);
                } else if (!child.isObject()) {
                    throw mismatch(stateInput);
                }
                parent = (ObjectNode) child;
            }
            parent.set(fields.get(fields.size() - 1), result);
            return output;
        }

        private StateFailure mismatch(JsonNode stateInput) {
            return new StateFailure(ErrorNames.RESULT_PATH_MATCH_FAILURE, "Unable to apply ResultPath '" + text
                    + "' to input '" + stateInput + "': the path must lead through objects");
        }
    }

    /** {@code node} is the ResultPath field's value; a missing field means {@code $}. */
    static ResultPath parse(JsonNode node, String location) {
        if (node == null) {
            return new Replace();
        }
        if (node.isNull()) {
            return new Discard();
        }
        if (!node.isTextual()) {
            throw new DefinitionProblem(location, "ResultPath is a path string or null, not " + node.getNodeType());
        }
        JsonPath path;
        try {
            path = JsonPath.parse(node.asText());
        } catch (IllegalArgumentException e) {
            throw new DefinitionProblem(location, e.getMessage());
        }
        if (path.contextObject()) {
            throw new DefinitionProblem(location, "ResultPath cannot write into the context object ($$)");
        }
        if (path.hasIndex()) {
            throw new DefinitionProblem(location, "ResultPath with an array index is not supported by the local interpreter;"
                    + " use $ or $.field.field");
        }
        return path.isRoot() ? new Replace() : new AtField(path.text(), path.fieldNames());
    }
}
