package dev.caretaker.local.stepfunctions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A state machine definition (statemachine/*.asl.json) loaded and checked for the local
 * interpreter. Loading fails with an {@link InvalidDefinitionException} on anything the
 * interpreter does not run exactly as Step Functions would, so whatever loads, runs.
 */
public final class StateMachineDefinition {

    private final String source;
    private final String comment;
    private final String startAt;
    private final Map<String, State> states;
    private final Duration timeout;

    private StateMachineDefinition(String source, DefinitionParser.Parsed parsed) {
        this.source = source;
        this.comment = parsed.comment();
        this.startAt = parsed.startAt();
        // Kept in definition order, so listings read like the file.
        this.states = Collections.unmodifiableMap(new LinkedHashMap<>(parsed.states()));
        this.timeout = parsed.timeout();
    }

    /**
     * Reads a definition file, resolving {@code ${Name}} placeholders from {@code substitutions} as
     * the template's DefinitionSubstitutions would. Errors name the file as {@code <directory>/<file>},
     * e.g. {@code statemachine/deployment.asl.json}.
     */
    public static StateMachineDefinition load(Path file, Map<String, String> substitutions) {
        Path parent = file.toAbsolutePath().getParent();
        String source = parent == null || parent.getFileName() == null
                ? file.getFileName().toString() : parent.getFileName() + "/" + file.getFileName();
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read state machine definition " + file, e);
        }
        return parse(source, text, substitutions);
    }

    /** Reads definition text; {@code source} names it in error messages. */
    public static StateMachineDefinition parse(String source, String definition, Map<String, String> substitutions) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(substitutions, "substitutions");
        try {
            return new StateMachineDefinition(source, DefinitionParser.parse(DefinitionSubstitutions.apply(definition, substitutions)));
        } catch (DefinitionProblem problem) {
            throw new InvalidDefinitionException(source, problem.location(), problem.reason());
        }
    }

    public String source() {
        return source;
    }

    public Optional<String> comment() {
        return Optional.ofNullable(comment);
    }

    public String startAt() {
        return startAt;
    }

    public Set<String> stateNames() {
        return states.keySet();
    }

    /** The definition's TimeoutSeconds for a whole execution, if it sets one. */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    State state(String name) {
        State state = states.get(name);
        if (state == null) {
            throw new IllegalStateException("no state " + name + " in " + source + " (the loader checked every Next)");
        }
        return state;
    }
}
