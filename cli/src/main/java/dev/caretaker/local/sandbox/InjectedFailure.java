package dev.caretaker.local.sandbox;

import java.util.Objects;
import java.util.Optional;

/**
 * Makes an operation fail: the first {@code times} calls of {@code operation} (on {@code stack}
 * only, if given) get {@code kind}'s error instead of an answer.
 */
public record InjectedFailure(String operation, Optional<String> stack, Kind kind, int times) {

    /** As many times as it is called. */
    public static final int ALWAYS = Integer.MAX_VALUE;

    public InjectedFailure {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(kind, "kind");
        if (times < 1) {
            throw new IllegalArgumentException("an injected failure happens at least once, was " + times);
        }
    }

    public enum Kind {
        /** The API's throttling error: HTTP 400, "Rate exceeded". */
        THROTTLING,
        /** A server-side failure: HTTP 500. */
        INTERNAL_ERROR
    }
}
