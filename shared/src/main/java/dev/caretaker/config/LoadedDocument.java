package dev.caretaker.config;

import java.util.List;
import java.util.Optional;

/**
 * One YAML file read into a located tree. {@code root} is absent when the file could not be read
 * as YAML at all (a syntax error, a limit exceeded); {@code problems} then says why.
 */
public record LoadedDocument(String file, Optional<ConfigNode> root, List<ConfigProblem> problems) {

    public LoadedDocument {
        problems = List.copyOf(problems);
    }

    public boolean readable() {
        return root.isPresent();
    }
}
