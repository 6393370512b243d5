package dev.caretaker.local.stepfunctions;

import java.time.Instant;

/**
 * What DescribeExecution answers. {@code stopDate} is null while RUNNING; {@code output} is set only
 * when SUCCEEDED; {@code error} and {@code cause} when FAILED, TIMED_OUT or ABORTED (if known).
 */
public record ExecutionDescription(String executionArn, String stateMachineArn, String name, ExecutionStatus status,
                                   Instant startDate, Instant stopDate, String input, String output, String error,
                                   String cause) {
}
