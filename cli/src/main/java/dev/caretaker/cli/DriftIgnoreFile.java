package dev.caretaker.cli;

import dev.caretaker.drift.IgnoreRule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --ignore FILE}: YAML with a top-level {@code ignore:} list of entries in the
 * configuration's {@code drift.ignore} shape ({@code resource}, {@code resourceType},
 * {@code property}, {@code reason}), read with the configuration's safe loader ({@link OperatorYaml}).
 * Errors name the file, the entry and the field.
 */
final class DriftIgnoreFile {

    /** How messages name the file. */
    static final String WHAT = "ignore file (--ignore)";

    private static final Set<String> FIELDS = Set.of("resource", "resourceType", "property", "reason");

    private DriftIgnoreFile() {
    }

    static List<IgnoreRule> read(Path file) {
        return parse(InputFiles.readString(file, WHAT), file.toString());
    }

    static List<IgnoreRule> parse(String text, String source) {
        Object document = OperatorYaml.read(text, source);
        if (!(document instanceof Map<?, ?> root) || !root.containsKey("ignore")) {
            throw new CliFailure(source + ": expected a top-level 'ignore:' list of {resource, resourceType, property, reason}");
        }
        Object list = root.get("ignore");
        if (list == null) {
            return List.of();
        }
        if (!(list instanceof List<?> entries)) {
            throw new CliFailure(source + ": ignore: expected a list, found " + list.getClass().getSimpleName());
        }
        List<IgnoreRule> rules = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String where = source + ": ignore[" + i + "]";
            if (!(entries.get(i) instanceof Map<?, ?> entry)) {
                throw new CliFailure(where + ": expected a mapping with resource, resourceType, property, reason");
            }
            for (Object key : entry.keySet()) {
                if (!FIELDS.contains(String.valueOf(key))) {
                    throw new CliFailure(where + ": unknown field '" + key + "' (allowed: resource, resourceType, property, reason)");
                }
            }
            try {
                rules.add(IgnoreRule.of(text(entry, "resource"), text(entry, "resourceType"), text(entry, "property"),
                        text(entry, "reason")));
            } catch (IllegalArgumentException e) {
                throw new CliFailure(where + ": " + e.getMessage());
            }
        }
        return rules;
    }

    private static String text(Map<?, ?> entry, String field) {
        Object value = entry.get(field);
        return value == null ? null : String.valueOf(value);
    }
}
