package dev.caretaker.local.demo;

import java.util.Map;
import java.util.Objects;

/** One expected outcome of the demo and what was actually seen. */
public record DemoStep(String name, String expected, String observed, boolean passed, Map<String, Object> details) {

    public DemoStep {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(observed, "observed");
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
