package dev.caretaker.config;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of validating a configuration: the effective (merged) document when the layers
 * could be read, the keys removed by explicit nulls, and every problem found, in file order.
 */
public record Validation(Optional<ConfigNode> effective, List<ConfigMerger.Removal> removals, List<ConfigProblem> problems) {

    public Validation {
        removals = List.copyOf(removals);
        problems = List.copyOf(problems);
    }

    public boolean valid() {
        return problems.isEmpty() && effective.isPresent();
    }

    /** The typed configuration; only for a valid document. */
    public CaretakerConfig config() {
        if (!valid()) {
            throw new IllegalStateException("invalid configuration: " + problems.size() + " problem(s), first: "
                    + (problems.isEmpty() ? "unreadable" : problems.getFirst()));
        }
        return ConfigMapper.toConfig(effective.orElseThrow());
    }

    /** One line per problem: {@code FILE:LINE:COL: path: message}. */
    public List<String> lines() {
        return problems.stream().map(ConfigProblem::toString).toList();
    }
}
