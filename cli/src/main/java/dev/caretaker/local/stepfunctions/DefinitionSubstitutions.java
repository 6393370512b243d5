package dev.caretaker.local.stepfunctions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CloudFormation's {@code DefinitionSubstitutions}: every {@code ${Name}} in the definition text is
 * replaced by its value before the JSON is read, exactly as the service does, so a value may also
 * stand for a number or a whole JSON fragment.
 */
final class DefinitionSubstitutions {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    private DefinitionSubstitutions() {
    }

    static String apply(String text, Map<String, String> values) {
        List<String> missing = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = values.get(name);
            if (value == null) {
                missing.add("${" + name + "} (line " + lineOf(text, matcher.start()) + ")");
                continue;
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        if (!missing.isEmpty()) {
            throw new DefinitionProblem("DefinitionSubstitutions", "no value for " + String.join(", ", missing)
                    + "; the values given are " + new TreeSet<>(values.keySet())
                    + " (the template's DefinitionSubstitutions must name every placeholder)");
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
