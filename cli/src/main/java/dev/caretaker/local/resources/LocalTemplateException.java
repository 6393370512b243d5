package dev.caretaker.local.resources;

import java.util.List;

/**
 * The template asks for something the local runtime cannot give: a property, intrinsic or
 * resource type it does not support, a reference to a resource it does not create, a missing or
 * invalid parameter. The message names each problem and where it is; nothing is guessed.
 */
public final class LocalTemplateException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public LocalTemplateException(String problem) {
        this(problem, List.of());
    }

    /** {@code summary}, then one line per problem. */
    public LocalTemplateException(String summary, List<String> problems) {
        super(problems.isEmpty() ? summary : summary + "\n  - " + String.join("\n  - ", problems));
        this.problems = problems.isEmpty() ? List.of(summary) : List.copyOf(problems);
    }

    /** Each problem on its own. */
    public List<String> problems() {
        return problems;
    }
}
