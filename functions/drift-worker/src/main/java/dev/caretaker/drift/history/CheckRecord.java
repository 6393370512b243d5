package dev.caretaker.drift.history;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One stack's drift check as stored: when, by which job, whether it was partial, what drift it saw
 * (after ignore rules) and which resources it could not check.
 */
public record CheckRecord(String stack, String jobId, Instant checkedAt, boolean partial, List<Finding> findings,
                          Set<String> unchecked) {

    public CheckRecord {
        Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(checkedAt, "checkedAt");
        findings = List.copyOf(findings);
        unchecked = Set.copyOf(unchecked);
    }
}
