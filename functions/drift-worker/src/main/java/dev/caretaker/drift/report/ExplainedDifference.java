package dev.caretaker.drift.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** A property difference with its severity and the rule's reason for it. */
public record ExplainedDifference(String path, JsonNode expected, JsonNode actual, DifferenceType type,
                                  DriftSeverity severity, String why) {

    public ExplainedDifference {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(why, "why");
    }
}
