package dev.caretaker.config;

import java.util.Comparator;
import java.util.Objects;

/**
 * One thing wrong with a configuration: where it was written, the key path to it and what is wrong.
 * Printed as {@code FILE:LINE:COL: path.to.key: message}.
 */
public record ConfigProblem(Location location, String path, String message) {

    /** File, then position, then path: the order an operator fixes things in. */
    public static final Comparator<ConfigProblem> IN_FILE_ORDER = Comparator
            .comparing((ConfigProblem p) -> p.location().file())
            .thenComparingInt(p -> p.location().line())
            .thenComparingInt(p -> p.location().column())
            .thenComparing(ConfigProblem::path)
            .thenComparing(ConfigProblem::message);

    public ConfigProblem {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return location + ": " + (path.isEmpty() ? "(document)" : path) + ": " + message;
    }
}
