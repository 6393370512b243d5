package dev.caretaker.local.events;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A rule on a bus: events matching {@code pattern} go to each target, named by logical id. An
 * empty {@code busLogicalId} is the account's default bus.
 */
public record EventRule(String name, Optional<String> busLogicalId, EventPattern pattern, List<String> targetLogicalIds) {

    public EventRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(busLogicalId, "busLogicalId");
        Objects.requireNonNull(pattern, "pattern");
        targetLogicalIds = List.copyOf(targetLogicalIds);
    }
}
