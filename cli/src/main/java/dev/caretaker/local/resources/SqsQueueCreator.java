package dev.caretaker.local.resources;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@link QueueCreator} on SQS (ElasticMQ): CreateQueue with the template's attributes and redrive
 * policy, then the ARN as the engine reports it, so redrive policies and event sources use the
 * engine's own.
 */
public final class SqsQueueCreator implements QueueCreator {

    private final SqsClient sqs;

    public SqsQueueCreator(SqsClient sqs) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
    }

    @Override
    public LocalResource create(QueueDefinition queue, Optional<String> deadLetterTargetArn) {
        Map<QueueAttributeName, String> attributes = new LinkedHashMap<>();
        queue.attributes().forEach((name, value) -> attributes.put(QueueAttributeName.fromValue(name), value));
        queue.redrive().ifPresent(redrive -> attributes.put(QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + deadLetterTargetArn.orElseThrow(() -> new IllegalArgumentException(
                        queue.logicalId() + " redrives to " + redrive.deadLetterQueueLogicalId() + ", whose ARN was not given"))
                        + "\",\"maxReceiveCount\":\"" + redrive.maxReceiveCount() + "\"}"));
        String url = sqs.createQueue(request -> request.queueName(queue.queueName()).attributes(attributes)).queueUrl();
        String arn = sqs.getQueueAttributes(request -> request.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        return LocalResource.queue(queue.logicalId(), queue.queueName(), url, arn);
    }
}
