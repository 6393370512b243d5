package dev.caretaker.local.resources;

import java.util.Objects;

/** An event bus; no engine holds it: the local event bus answers for every bus of the template. */
public record EventBusDefinition(String logicalId, String name) {

    public EventBusDefinition {
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(name, "name");
    }
}
