package dev.caretaker.notify;

import dev.caretaker.events.Severity;
import java.util.Map;
import java.util.Objects;

/** A message for people: a subject line, a body, and the facts a channel may format its own way. */
public record Notification(Severity severity, String subject, String body, String jobId, Map<String, Object> facts) {

    public Notification {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
        facts = facts == null ? Map.of() : Map.copyOf(facts);
    }
}
