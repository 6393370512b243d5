package dev.caretaker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.drift.report.DriftSummary;
import dev.caretaker.drift.report.ExplainedDifference;
import dev.caretaker.drift.report.ExplainedResource;
import dev.caretaker.drift.report.ExplainedStack;
import java.util.ArrayList;
import java.util.List;

/** The explained drift report laid out for a terminal: one block per stack, one row per difference. */
final class DriftTable {

    // Long values (policy documents) are in the JSON output; a row shows enough to recognise them.
    static final int VALUE_CHARS = 40;
    static final List<String> HEADERS = List.of("RESOURCE", "TYPE", "STATUS", "SEVERITY", "PROPERTY", "EXPECTED", "ACTUAL", "CHANGE");

    private DriftTable() {
    }

    static String render(List<ExplainedStack> stacks) {
        StringBuilder text = new StringBuilder();
        for (ExplainedStack stack : stacks) {
            text.append(stack.stack()).append(stack.parent().map(parent -> " (nested in " + parent + ")").orElse(""))
                    .append(": ").append(stack.status());
            if (stack.partial()) {
                text.append(", PARTIAL: ").append(String.join("; ", stack.partialReasons()));
            }
            if (stack.ignored() > 0) {
                text.append(" (").append(stack.ignored()).append(" ignored)");
            }
            text.append(System.lineSeparator());
            if (!stack.resources().isEmpty()) {
                text.append(table(stack).render().indent(2));
            }
        }
        DriftSummary summary = DriftSummary.of(stacks);
        text.append("summary: ").append(summary.critical()).append(" critical, ").append(summary.warning()).append(" warning, ")
                .append(summary.info()).append(" info, ").append(summary.ignored()).append(" ignored, ")
                .append(summary.unchecked()).append(" unchecked").append(System.lineSeparator());
        return text.toString();
    }

    private static Table table(ExplainedStack stack) {
        List<List<String>> rows = new ArrayList<>();
        for (ExplainedResource resource : stack.resources()) {
            if (resource.differences().isEmpty()) {
                rows.add(List.of(resource.logicalId(), resource.type(), resource.status().name(), resource.severity().name(),
                        resource.why(), "", "", ""));
                continue;
            }
            for (ExplainedDifference difference : resource.differences()) {
                rows.add(List.of(resource.logicalId(), resource.type(), resource.status().name(), difference.severity().name(),
                        difference.path(), value(difference.expected()), value(difference.actual()), difference.type().name()));
            }
        }
        return new Table(HEADERS, rows);
    }

    /** Text as itself, anything else as JSON (so null, numbers and objects stay recognisable); absent as "-". */
    private static String value(JsonNode value) {
        if (value.isMissingNode()) {
            return "";
        }
        return Table.truncate(value.isTextual() ? value.textValue() : value.toString(), VALUE_CHARS);
    }
}
