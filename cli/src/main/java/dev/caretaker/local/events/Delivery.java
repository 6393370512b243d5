package dev.caretaker.local.events;

import java.util.Objects;

/** What became of one event for one target of one matching rule. */
public sealed interface Delivery {

    String rule();

    String target();

    /** Queued for the target; not yet run. */
    record Pending(String rule, String target) implements Delivery {
    }

    /** The target took the event without error. */
    record Delivered(String rule, String target) implements Delivery {
    }

    /** The target threw; in AWS the rule's retry policy and dead-letter queue would take over. */
    record Failed(String rule, String target, String error) implements Delivery {
        public Failed {
            Objects.requireNonNull(error, "error");
        }
    }

    /** Nothing is registered for the target: the local runtime did not wire it. */
    record NoTarget(String rule, String target) implements Delivery {
    }
}
