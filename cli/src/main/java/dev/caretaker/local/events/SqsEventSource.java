package dev.caretaker.local.events;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * An SQS event source of a function (SAM {@code Events} of type SQS): the queue a poller reads,
 * the function it invokes, and how Lambda would batch.
 */
public record SqsEventSource(String functionLogicalId, String eventName, String queueLogicalId, int batchSize,
                             boolean reportBatchItemFailures, Duration maximumBatchingWindow, OptionalInt maximumConcurrency) {

    public SqsEventSource {
        Objects.requireNonNull(functionLogicalId, "functionLogicalId");
        Objects.requireNonNull(eventName, "eventName");
        Objects.requireNonNull(queueLogicalId, "queueLogicalId");
        Objects.requireNonNull(maximumBatchingWindow, "maximumBatchingWindow");
        Objects.requireNonNull(maximumConcurrency, "maximumConcurrency");
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException(functionLogicalId + "." + eventName + ": BatchSize must be 1-10000, was " + batchSize);
        }
    }
}
