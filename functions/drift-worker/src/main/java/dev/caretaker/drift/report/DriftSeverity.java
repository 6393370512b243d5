package dev.caretaker.drift.report;

import dev.caretaker.events.Severity;

/** How much a drifted resource matters. Declared from least to most, so max() is the worst. */
public enum DriftSeverity {
    /** Tags, descriptions: bookkeeping. */
    INFO,
    /** Capacity and configuration: memory, timeouts, sizes, scaling, retention. */
    WARNING,
    /** Security-relevant settings, or a deleted resource that held data. */
    CRITICAL;

    public DriftSeverity max(DriftSeverity other) {
        return other != null && other.compareTo(this) > 0 ? other : this;
    }

    /** The result event severity for drift of this severity. */
    public Severity eventSeverity() {
        return switch (this) {
            case INFO -> Severity.INFO;
            case WARNING -> Severity.WARNING;
            case CRITICAL -> Severity.CRITICAL;
        };
    }
}
