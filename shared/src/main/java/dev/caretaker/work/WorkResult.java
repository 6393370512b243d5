package dev.caretaker.work;

import dev.caretaker.events.Severity;
import java.util.Map;
import java.util.Objects;

/**
 * What a worker's function reports for a job that ran to completion. A drift check that finds
 * drift succeeded as a job; its severity says how much the finding matters.
 */
public record WorkResult(Severity severity, String summary, Map<String, Object> data) {

    public WorkResult {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(summary, "summary");
        data = data == null ? Map.of() : Map.copyOf(data);
    }
}
