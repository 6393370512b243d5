package dev.caretaker.orchestrator.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caretaker.job.JobIds;
import dev.caretaker.job.JobTrigger;
import dev.caretaker.job.JobType;
import dev.caretaker.work.WorkItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;

/**
 * What {@link SqsWorkQueues} must do on every SQS backend (ElasticMQ, LocalStack): each item on
 * its worker's queue, in batches SQS accepts, as a body the worker can parse.
 */
abstract class SqsWorkQueuesContract {

    private static final Instant T0 = Instant.parse("2026-11-21T03:00:00Z");

    /** A client on the backend, built from a builder that already watches the requests sent. */
    protected abstract SqsClient client(SqsClientBuilder builder);

    private final List<SendMessageBatchRequest> batches = new CopyOnWriteArrayList<>();
    private SqsClient sqs;
    private String driftQueue;
    private String costQueue;

    @BeforeEach
    void freshQueues() {
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                if (context.request() instanceof SendMessageBatchRequest batch) {
                    batches.add(batch);
                }
            }
        };
        sqs = client(SqsClient.builder().overrideConfiguration(o -> o.addExecutionInterceptor(recorder)));
        String run = UUID.randomUUID().toString().substring(0, 8);
        driftQueue = sqs.createQueue(q -> q.queueName("caretaker-drift-" + run)).queueUrl();
        costQueue = sqs.createQueue(q -> q.queueName("caretaker-cost-" + run)).queueUrl();
    }

    @AfterEach
    void closeClient() {
        sqs.close();
    }

    private SqsWorkQueues queues() {
        return new SqsWorkQueues(sqs, Map.of(JobType.DRIFT_CHECK, driftQueue, JobType.COST_REPORT, costQueue));
    }

    private static WorkItem drift(int i) {
        String stack = "app-" + i;
        return new WorkItem(JobIds.of(JobType.DRIFT_CHECK, new JobTrigger.Parent("drift-parent", stack)), JobType.DRIFT_CHECK,
                stack, "drift-5d0c2a8e4f1b7c9d3e6a0b12", Map.of());
    }

    private static WorkItem cost(int i) {
        return new WorkItem(JobIds.of(JobType.COST_REPORT, new JobTrigger.Schedule("cost", T0.plusSeconds(i))),
                JobType.COST_REPORT, "*", null, Map.of("month", "2026-11"));
    }

    /** Everything on a queue, read until {@code expected} arrived or the queue stays empty. */
    private List<WorkItem> drain(String queueUrl, int expected) {
        List<WorkItem> items = new ArrayList<>();
        int emptyReceives = 0;
        while (items.size() < expected && emptyReceives < 5) {
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages();
            emptyReceives = messages.isEmpty() ? emptyReceives + 1 : 0;
            messages.forEach(message -> items.add(WorkItem.parse(message.body())));
        }
        List<Message> extra = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
        assertThat(extra).as("nothing beyond the %d items expected on %s", expected, queueUrl).isEmpty();
        return items;
    }

    @Test
    void sendsEachItemToItsWorkersQueueInBatchesOfAtMostTen_whenTypesAreMixed() {
        List<WorkItem> driftItems = new ArrayList<>();
        List<WorkItem> costItems = new ArrayList<>();
        List<WorkItem> all = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            WorkItem item = i % 3 == 0 ? cost(i) : drift(i);
            (item.type() == JobType.DRIFT_CHECK ? driftItems : costItems).add(item);
            all.add(item);
        }
        assertThat(driftItems).hasSize(15);
        assertThat(costItems).hasSize(8);

        queues().send(all);

        assertThat(batches).allSatisfy(batch -> assertThat(batch.entries()).hasSizeBetween(1, 10));
        assertThat(batches).filteredOn(batch -> batch.queueUrl().equals(driftQueue))
                .extracting(batch -> batch.entries().size()).containsExactly(10, 5);
        assertThat(batches).filteredOn(batch -> batch.queueUrl().equals(costQueue))
                .extracting(batch -> batch.entries().size()).containsExactly(8);
        assertThat(drain(driftQueue, 15)).containsExactlyInAnyOrderElementsOf(driftItems);
        assertThat(drain(costQueue, 8)).containsExactlyInAnyOrderElementsOf(costItems);
    }

    @Test
    void sendsOneFullBatch_whenThereAreExactlyTenItems() {
        List<WorkItem> items = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            items.add(drift(i));
        }

        queues().send(items);

        assertThat(batches).singleElement().satisfies(batch -> assertThat(batch.entries()).hasSize(10));
        assertThat(drain(driftQueue, 10)).containsExactlyInAnyOrderElementsOf(items);
    }

    @Test
    void sendsNothing_whenThereAreNoItems() {
        queues().send(List.of());

        assertThat(batches).isEmpty();
    }

    @Test
    void failsNamingTheType_whenNoQueueIsConfiguredForIt() {
        WorkItem backup = new WorkItem(JobIds.of(JobType.BACKUP, new JobTrigger.Schedule("backup", T0)), JobType.BACKUP, "*",
                null, Map.of());

        assertThatThrownBy(() -> queues().send(List.of(backup)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no worker queue configured for BACKUP jobs");
        assertThat(batches).isEmpty();
    }
}
