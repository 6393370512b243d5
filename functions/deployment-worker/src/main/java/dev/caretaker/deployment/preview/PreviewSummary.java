package dev.caretaker.deployment.preview;

import dev.caretaker.deployment.stack.ChangeAction;
import dev.caretaker.deployment.stack.ChangeDetail;
import dev.caretaker.deployment.stack.Replacement;
import dev.caretaker.deployment.stack.ResourceChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A preview as a person reads it in an approval request (text), and as the deployment record and
 * the approval API carry it (JSON-ready maps with stable keys).
 */
public final class PreviewSummary {

    private PreviewSummary() {
    }

    public static String text(Preview preview) {
        StringBuilder out = new StringBuilder();
        out.append("Stack ").append(preview.stackName()).append(", change set ").append(preview.changeSetName()).append(": ");
        if (preview.changes().isEmpty()) {
            return out.append("no changes.").append('\n').toString();
        }
        out.append(preview.changes().size()).append(preview.changes().size() == 1 ? " change (" : " changes (")
                .append(countsText(preview)).append(")")
                .append(preview.risky() ? " - RISKY, needs a person's approval" : " - routine").append('\n');

        List<String[]> rows = new ArrayList<>();
        for (ClassifiedChange classified : preview.changes()) {
            ResourceChange change = classified.change();
            rows.add(new String[]{classified.risky() ? "!" : mark(change.action()), change.action().name(), change.logicalId(),
                    change.resourceType(), replacementText(change)});
        }
        int[] widths = new int[5];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        if (preview.risky()) {
            out.append("Why it is risky:\n");
            preview.riskReasons().forEach(reason -> out.append("  - ").append(reason).append('\n'));
        }
        return out.toString();
    }

    public static Map<String, Object> json(Preview preview) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("stack", preview.stackName());
        document.put("changeSet", preview.changeSetName());
        document.put("risky", preview.risky());
        document.put("reasons", preview.riskReasons());
        Map<String, Integer> counts = new LinkedHashMap<>();
        preview.counts().forEach((action, count) -> counts.put(action.name().toLowerCase(Locale.ROOT), count));
        document.put("counts", counts);
        List<Map<String, Object>> changes = new ArrayList<>();
        for (ClassifiedChange classified : preview.changes()) {
            ResourceChange change = classified.change();
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("action", change.action().name());
            item.put("logicalId", change.logicalId());
            item.put("physicalId", change.physicalId());
            item.put("resourceType", change.resourceType());
            item.put("replacement", change.replacement() == Replacement.NOT_APPLICABLE ? null : capitalised(change.replacement()));
            item.put("stateful", classified.stateful());
            item.put("risky", classified.risky());
            item.put("reasons", classified.reasons());
            List<Map<String, String>> causes = new ArrayList<>();
            for (ChangeDetail detail : change.details()) {
                Map<String, String> cause = new LinkedHashMap<>();
                cause.put("attribute", detail.attribute());
                cause.put("name", detail.name());
                cause.put("requiresRecreation", detail.requiresRecreation());
                cause.put("changeSource", detail.changeSource());
                causes.add(cause);
            }
            item.put("details", causes);
            changes.add(item);
        }
        document.put("changes", changes);
        return document;
    }

    private static String countsText(Preview preview) {
        List<String> parts = new ArrayList<>();
        preview.counts().forEach((action, count) -> parts.add(count + " " + action.name().toLowerCase(Locale.ROOT)));
        return String.join(", ", parts);
    }

    private static String mark(ChangeAction action) {
        return switch (action) {
            case ADD, IMPORT -> "+";
            case REMOVE -> "-";
            case MODIFY, DYNAMIC -> "~";
        };
    }

    private static String replacementText(ResourceChange change) {
        return change.replacement() == Replacement.NOT_APPLICABLE ? "" : "replacement: " + capitalised(change.replacement());
    }

    /** CloudFormation's own spelling: True, Conditional, False. */
    private static String capitalised(Replacement replacement) {
        String name = replacement.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
