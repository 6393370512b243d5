package dev.caretaker.local.resources;

import java.util.Optional;

/** Creates a queue on an engine (see {@link SqsQueueCreator}). */
@FunctionalInterface
public interface QueueCreator {
    /** {@code deadLetterTargetArn} is the ARN of the queue the redrive policy names, already created. */
    LocalResource create(QueueDefinition queue, Optional<String> deadLetterTargetArn);
}
