package dev.caretaker.local.resources;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An SQS queue to create: its attributes as SQS names them ({@code VisibilityTimeout},
 * {@code MessageRetentionPeriod}, ...), and where its redrive policy sends messages.
 */
public record QueueDefinition(String logicalId, String queueName, Map<String, String> attributes, Optional<Redrive> redrive) {

    public QueueDefinition {
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(queueName, "queueName");
        attributes = Map.copyOf(attributes);
        Objects.requireNonNull(redrive, "redrive");
    }

    /** Messages received {@code maxReceiveCount} times move to the queue {@code deadLetterQueueLogicalId}. */
    public record Redrive(String deadLetterQueueLogicalId, int maxReceiveCount) {
        public Redrive {
            if (maxReceiveCount < 1 || maxReceiveCount > 1000) {
                throw new LocalTemplateException("maxReceiveCount must be 1-1000, was " + maxReceiveCount);
            }
        }
    }
}
