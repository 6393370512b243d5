package dev.caretaker.local.stepfunctions;

import java.time.Instant;

/** What StartExecution answers. */
public record StartedExecution(String executionArn, Instant startDate) {
}
