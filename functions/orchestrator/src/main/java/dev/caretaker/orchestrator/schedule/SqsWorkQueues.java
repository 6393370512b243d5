package dev.caretaker.orchestrator.schedule;

import dev.caretaker.job.JobType;
import dev.caretaker.work.WorkItem;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * {@link WorkQueues} on SQS. Sends in batches of ten (one request instead of ten) and fails loudly
 * on any entry SQS refused, so the caller can retry: every item is idempotent by its job id.
 */
public final class SqsWorkQueues implements WorkQueues {

    private static final int SQS_BATCH_LIMIT = 10;

    private final SqsClient sqs;
    private final Map<JobType, String> queueUrls;

    public SqsWorkQueues(SqsClient sqs, Map<JobType, String> queueUrls) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.queueUrls = new EnumMap<>(queueUrls);
    }

    @Override
    public void send(List<WorkItem> items) {
        Map<JobType, List<WorkItem>> byType = new EnumMap<>(JobType.class);
        for (WorkItem item : items) {
            byType.computeIfAbsent(item.type(), type -> new ArrayList<>()).add(item);
        }
        byType.forEach(this::sendTo);
    }

    private void sendTo(JobType type, List<WorkItem> items) {
        String queueUrl = queueUrls.get(type);
        if (queueUrl == null) {
            throw new IllegalStateException("no worker queue configured for " + type + " jobs");
        }
        for (int from = 0; from < items.size(); from += SQS_BATCH_LIMIT) {
            List<WorkItem> chunk = items.subList(from, Math.min(items.size(), from + SQS_BATCH_LIMIT));
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>(chunk.size());
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(SendMessageBatchRequestEntry.builder()
                        .id(Integer.toString(i))
                        .messageBody(chunk.get(i).toJson())
                        .build());
            }
            SendMessageBatchResponse response = sqs.sendMessageBatch(request -> request.queueUrl(queueUrl).entries(entries));
            if (response.hasFailed() && !response.failed().isEmpty()) {
                BatchResultErrorEntry first = response.failed().get(0);
                throw new IllegalStateException("SQS refused " + response.failed().size() + " of " + entries.size()
                        + " work items for " + type + ": " + first.code() + " " + first.message());
            }
        }
    }
}
