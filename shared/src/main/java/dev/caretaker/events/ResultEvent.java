package dev.caretaker.events;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a worker tells the rest of the system when a job ends, e.g. source {@code caretaker.drift},
 * detail type {@code DriftCheckCompleted}. The job id doubles as the event's idempotency key:
 * delivery is at least once, so consumers dedupe on it.
 */
public record ResultEvent(
        String source,
        String detailType,
        Severity severity,
        String jobId,
        String correlationId,
        String target,
        String summary,
        Instant time,
        Map<String, Object> data) {

    public ResultEvent {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(detailType, "detailType");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(time, "time");
        if (!source.startsWith("caretaker.")) {
            throw new IllegalArgumentException("result event sources start with 'caretaker.', was " + source);
        }
        data = data == null ? Map.of() : Map.copyOf(data);
    }

    /** The EventBridge detail object: flat and self-describing, so bus rules can filter on severity. */
    public Map<String, Object> detail() {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("jobId", jobId);
        detail.put("correlationId", correlationId);
        detail.put("target", target);
        detail.put("severity", severity.name());
        detail.put("summary", summary);
        detail.put("data", data);
        return detail;
    }
}
