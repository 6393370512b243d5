package dev.caretaker.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Does locally what Lambda's SQS event source mapping does in AWS: receives up to a batch of
 * messages, hands them to the handler as an SQSEvent, deletes the ones the handler did not report
 * as failures (ReportBatchItemFailures), and leaves the rest to reappear after the visibility
 * timeout, where the queue's redrive policy moves them to the DLQ after maxReceiveCount.
 */
public final class SqsEventSourcePoller {

    private static final Logger LOG = LoggerFactory.getLogger(SqsEventSourcePoller.class);

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final String region;
    private final int batchSize;
    private final BiFunction<SQSEvent, Context, SQSBatchResponse> handler;

    public SqsEventSourcePoller(SqsClient sqs, String queueUrl, String region, int batchSize,
                                BiFunction<SQSEvent, Context, SQSBatchResponse> handler) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
        this.region = Objects.requireNonNull(region, "region");
        this.handler = Objects.requireNonNull(handler, "handler");
        if (batchSize < 1 || batchSize > 10) {
            throw new IllegalArgumentException("batch size must be 1..10, was " + batchSize);
        }
        this.batchSize = batchSize;
        this.queueArn = sqs.getQueueAttributes(request -> request.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    /** One receive-invoke-delete cycle. */
    public BatchStats pollOnce(Duration wait) {
        List<Message> messages = sqs.receiveMessage(request -> request.queueUrl(queueUrl)
                .maxNumberOfMessages(batchSize)
                .waitTimeSeconds((int) Math.min(20, wait.toSeconds()))
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
        if (messages.isEmpty()) {
            return new BatchStats(0, 0);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(messages.stream().map(this::toRecord).toList());
        Set<String> failed = new HashSet<>();
        try {
            SQSBatchResponse response = handler.apply(event, null);
            if (response != null && response.getBatchItemFailures() != null) {
                response.getBatchItemFailures().forEach(failure -> failed.add(failure.getItemIdentifier()));
            }
        } catch (RuntimeException handlerError) {
            // Lambda treats a thrown error as failure of the whole batch.
            LOG.error("handler failed the whole batch of {} from {}", messages.size(), queueUrl, handlerError);
            messages.forEach(message -> failed.add(message.messageId()));
        }
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        for (Message message : messages) {
            if (!failed.contains(message.messageId())) {
                done.add(DeleteMessageBatchRequestEntry.builder()
                        .id(Integer.toString(done.size())).receiptHandle(message.receiptHandle()).build());
            }
        }
        if (!done.isEmpty()) {
            var deleted = sqs.deleteMessageBatch(request -> request.queueUrl(queueUrl).entries(done));
            if (deleted.hasFailed() && !deleted.failed().isEmpty()) {
                // An undeleted message comes back as a duplicate: harmless to the workers, but a sign of a stuck poller.
                throw new IllegalStateException("SQS did not delete " + deleted.failed().size() + " processed messages: "
                        + deleted.failed().get(0).code() + " " + deleted.failed().get(0).message());
            }
        }
        return new BatchStats(messages.size(), failed.size());
    }

    /** Polls until the queue holds nothing visible or in flight, or the deadline passes. */
    public List<BatchStats> drain(Duration deadline) {
        Instant until = Instant.now().plus(deadline);
        List<BatchStats> batches = new ArrayList<>();
        while (Instant.now().isBefore(until)) {
            BatchStats stats = pollOnce(Duration.ofSeconds(1));
            if (stats.received() > 0) {
                batches.add(stats);
            } else if (isEmpty()) {
                return batches;
            }
        }
        throw new IllegalStateException("queue " + queueUrl + " did not drain within " + deadline);
    }

    private boolean isEmpty() {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(request -> request.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return "0".equals(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                && "0".equals(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private SQSEvent.SQSMessage toRecord(Message message) {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(message.messageId());
        record.setReceiptHandle(message.receiptHandle());
        record.setBody(message.body());
        record.setMd5OfBody(message.md5OfBody());
        Map<String, String> attributes = new HashMap<>();
        message.attributes().forEach((name, value) -> attributes.put(name.toString(), value));
        record.setAttributes(attributes);
        record.setEventSource("aws:sqs");
        record.setEventSourceArn(queueArn);
        record.setAwsRegion(region);
        return record;
    }

    /** What one batch held and how many of its messages go back to the queue. */
    public record BatchStats(int received, int failed) {
    }
}
