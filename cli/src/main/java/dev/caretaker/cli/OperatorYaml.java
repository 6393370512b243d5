package dev.caretaker.cli;

import dev.caretaker.config.ConfigProblem;
import dev.caretaker.config.ConfigValues;
import dev.caretaker.config.LoadedDocument;
import dev.caretaker.config.SafeYamlLoader;

/**
 * YAML (or JSON) an operator hands the CLI in a file, read as the configuration is: with {@link
 * SafeYamlLoader}, so a hostile file is bounded before it costs anything (size, nesting depth,
 * aliases, values after expansion: a "billion laughs" fails at once) and no tag can name a Java type.
 */
final class OperatorYaml {

    private OperatorYaml() {
    }

    /**
     * The document as plain values (maps, lists, strings, numbers, booleans, null); an empty document
     * is an empty map.
     *
     * @throws CliFailure naming the file, line and column of the first problem
     */
    static Object read(String text, String source) {
        LoadedDocument document = new SafeYamlLoader().load(text, source);
        if (!document.problems().isEmpty()) {
            ConfigProblem first = document.problems().getFirst();
            int more = document.problems().size() - 1;
            throw new CliFailure(first.location() + ": " + (first.path().isEmpty() ? "" : first.path() + ": ") + first.message()
                    + (more > 0 ? " (and " + more + " more)" : ""));
        }
        return document.root().map(ConfigValues::plain).orElseThrow();
    }
}
