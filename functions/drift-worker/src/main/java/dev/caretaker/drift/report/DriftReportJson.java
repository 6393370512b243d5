package dev.caretaker.drift.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caretaker.json.Json;
import java.util.List;

/**
 * The explained report as JSON, the shape {@code caretaker drift analyze --output json} prints and
 * the drift worker's result carries: {@code stacks[].{stack,status,partial,resources[].{logicalId,
 * type,status,severity,differences[].{path,expected,actual,type}}}} and {@code summary.{critical,
 * warning,info,ignored}}, plus a few explanatory fields (why, partialReasons, unchecked).
 */
public final class DriftReportJson {

    private DriftReportJson() {
    }

    public static ObjectNode report(List<ExplainedStack> stacks) {
        ObjectNode root = Json.mapper().createObjectNode();
        ArrayNode array = root.putArray("stacks");
        stacks.forEach(stack -> array.add(stack(stack)));
        root.set("summary", summary(DriftSummary.of(stacks)));
        return root;
    }

    public static ObjectNode stack(ExplainedStack stack) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("stack", stack.stack());
        stack.parent().ifPresent(parent -> node.put("parent", parent));
        node.put("status", stack.status());
        node.put("partial", stack.partial());
        ArrayNode reasons = node.putArray("partialReasons");
        stack.partialReasons().forEach(reasons::add);
        node.put("ignored", stack.ignored());
        ArrayNode resources = node.putArray("resources");
        stack.resources().forEach(resource -> resources.add(resource(resource)));
        return node;
    }

    public static ObjectNode resource(ExplainedResource resource) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("logicalId", resource.logicalId());
        node.put("type", resource.type());
        node.put("status", resource.status().name());
        node.put("severity", resource.severity().name());
        node.put("why", resource.why());
        ArrayNode differences = node.putArray("differences");
        for (ExplainedDifference difference : resource.differences()) {
            ObjectNode entry = differences.addObject();
            entry.put("path", difference.path());
            entry.set("expected", valueOrNull(difference.expected()));
            entry.set("actual", valueOrNull(difference.actual()));
            entry.put("type", difference.type().name());
            entry.put("severity", difference.severity().name());
        }
        return node;
    }

    public static ObjectNode summary(DriftSummary summary) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("critical", summary.critical());
        node.put("warning", summary.warning());
        node.put("info", summary.info());
        node.put("ignored", summary.ignored());
        node.put("unchecked", summary.unchecked());
        return node;
    }

    private static JsonNode valueOrNull(JsonNode value) {
        return value == null || value.isMissingNode() ? Json.mapper().nullNode() : value;
    }
}
