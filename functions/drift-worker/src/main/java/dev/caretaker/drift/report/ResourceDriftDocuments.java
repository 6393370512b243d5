package dev.caretaker.drift.report;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.json.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what {@code aws cloudformation describe-stack-resource-drifts} prints (one document, or an
 * array of them) into {@link StackDrift}s, one per stack id. Every problem names the source, the
 * JSON path and what was expected, e.g. {@code drifts.json: [1].StackResourceDrifts[3].DifferenceType:
 * 'CHANGED' is not one of ADD, REMOVE, NOT_EQUAL}.
 */
public final class ResourceDriftDocuments {

    private ResourceDriftDocuments() {
    }

    public static List<StackDrift> parse(String json, String source) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
            throw new DriftInputException(source + where + ": not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new DriftInputException(source + ": empty input: expected the JSON printed by"
                    + " 'aws cloudformation describe-stack-resource-drifts' (or an array of such documents)");
        }
        return parse(root, source);
    }

    public static List<StackDrift> parse(JsonNode root, String source) {
        Map<String, List<ResourceDrift>> byStack = new LinkedHashMap<>();
        if (root.isArray()) {
            if (root.isEmpty()) {
                throw new DriftInputException(source + ": the array holds no documents");
            }
            for (int i = 0; i < root.size(); i++) {
                document(root.get(i), source, "[" + i + "]", byStack);
            }
        } else {
            document(root, source, "", byStack);
        }
        List<StackDrift> stacks = new ArrayList<>();
        byStack.forEach((stack, resources) -> stacks.add(StackDrift.root(stack, resources, List.of())));
        return stacks;
    }

    private static void document(JsonNode document, String source, String at, Map<String, List<ResourceDrift>> byStack) {
        String where = at.isEmpty() ? "" : at + ".";
        if (!document.isObject()) {
            throw error(source, at.isEmpty() ? "(top level)" : at, "expected an object with StackResourceDrifts, found "
                    + kind(document));
        }
        JsonNode drifts = document.get("StackResourceDrifts");
        if (drifts == null) {
            throw error(source, at.isEmpty() ? "(top level)" : at, "missing StackResourceDrifts: expected the output of"
                    + " 'aws cloudformation describe-stack-resource-drifts'");
        }
        if (!drifts.isArray()) {
            throw error(source, where + "StackResourceDrifts", "expected a list, found " + kind(drifts));
        }
        if (drifts.isEmpty()) {
            byStack.computeIfAbsent("(no resources in document " + (at.isEmpty() ? "1" : at) + ")", key -> new ArrayList<>());
        }
        for (int i = 0; i < drifts.size(); i++) {
            String path = where + "StackResourceDrifts[" + i + "]";
            JsonNode drift = drifts.get(i);
            if (!drift.isObject()) {
                throw error(source, path, "expected an object, found " + kind(drift));
            }
            String stack = stackName(text(drift, "StackId", source, path, true));
            byStack.computeIfAbsent(stack, key -> new ArrayList<>()).add(resource(drift, source, path));
        }
    }

    private static ResourceDrift resource(JsonNode drift, String source, String path) {
        String logicalId = text(drift, "LogicalResourceId", source, path, true);
        String type = text(drift, "ResourceType", source, path, true);
        String statusText = text(drift, "StackResourceDriftStatus", source, path, true);
        ResourceStatus status = ResourceStatus.fromCloudFormation(statusText);
        if (status == null) {
            throw error(source, path + ".StackResourceDriftStatus", "'" + statusText
                    + "' is not one of IN_SYNC, MODIFIED, DELETED, NOT_CHECKED, UNKNOWN, UNSUPPORTED");
        }
        List<PropertyDifference> differences = new ArrayList<>();
        JsonNode list = drift.get("PropertyDifferences");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw error(source, path + ".PropertyDifferences", "expected a list, found " + kind(list));
            }
            for (int i = 0; i < list.size(); i++) {
                String at = path + ".PropertyDifferences[" + i + "]";
                JsonNode difference = list.get(i);
                if (!difference.isObject()) {
                    throw error(source, at, "expected an object, found " + kind(difference));
                }
                String propertyPath = text(difference, "PropertyPath", source, at, true);
                String typeText = text(difference, "DifferenceType", source, at, true);
                DifferenceType differenceType = DifferenceType.fromCloudFormation(typeText);
                if (differenceType == null) {
                    throw error(source, at + ".DifferenceType", "'" + typeText + "' is not one of "
                            + Arrays.toString(DifferenceType.values()).replaceAll("[\\[\\]]", ""));
                }
                differences.add(new PropertyDifference(PropertyDifference.dottedPath(propertyPath),
                        value(difference.get("ExpectedValue")), value(difference.get("ActualValue")), differenceType));
            }
        }
        Optional<String> reason = Optional.ofNullable(drift.get("DriftStatusReason"))
                .filter(JsonNode::isTextual).map(JsonNode::asText).filter(text -> !text.isBlank());
        Optional<String> physicalId = Optional.ofNullable(drift.get("PhysicalResourceId")).filter(JsonNode::isTextual)
                .map(JsonNode::asText);
        return new ResourceDrift(logicalId, physicalId.orElse(null), type, status, differences, reason);
    }

    /** The CLI prints values as strings holding JSON; a hand-written document may hold the JSON itself. */
    private static JsonNode value(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isTextual() ? PropertyDifference.parseValue(node.asText()) : node;
    }

    /** {@code arn:aws:cloudformation:eu-west-1:123456789012:stack/billing/5e6f…} → billing; anything else as is. */
    public static String stackName(String stackId) {
        String[] parts = stackId.split(":", 6);
        if (parts.length == 6 && parts[5].startsWith("stack/")) {
            String[] names = parts[5].split("/");
            if (names.length >= 2 && !names[1].isBlank()) {
                return names[1];
            }
        }
        return stackId;
    }

    private static String text(JsonNode node, String field, String source, String path, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw error(source, path, "missing " + field);
            }
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw error(source, path + "." + field, "expected a non-empty string, found " + kind(value));
        }
        return value.asText();
    }

    private static String kind(JsonNode node) {
        if (node.isTextual()) {
            return "the string \"" + (node.asText().length() > 40 ? node.asText().substring(0, 40) + "…" : node.asText()) + "\"";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case NUMBER -> "the number " + node.asText();
            case BOOLEAN -> node.asText();
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static DriftInputException error(String source, String path, String message) {
        return new DriftInputException(source + ": " + path + ": " + message);
    }
}
