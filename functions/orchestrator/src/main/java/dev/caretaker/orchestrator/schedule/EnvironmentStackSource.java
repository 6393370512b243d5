package dev.caretaker.orchestrator.schedule;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/** Stacks from a comma-separated variable (DRIFT_STACKS), validated once at start-up. */
public final class EnvironmentStackSource implements StackSource {

    /** CloudFormation's own rule for stack names. */
    private static final Pattern STACK_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,127}");

    private final List<String> stacks;

    public EnvironmentStackSource(String commaSeparated) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        List<String> invalid = new ArrayList<>();
        if (commaSeparated != null) {
            for (String part : commaSeparated.split(",")) {
                String name = part.strip();
                if (name.isEmpty()) {
                    continue;
                }
                if (STACK_NAME.matcher(name).matches()) {
                    names.add(name);
                } else {
                    invalid.add(name);
                }
            }
        }
        if (!invalid.isEmpty()) {
            throw new IllegalArgumentException("DRIFT_STACKS holds invalid stack names " + invalid
                    + ": a name starts with a letter and holds only letters, digits and hyphens (max 128)");
        }
        this.stacks = List.copyOf(names);
    }

    @Override
    public List<String> stacks() {
        return stacks;
    }
}
