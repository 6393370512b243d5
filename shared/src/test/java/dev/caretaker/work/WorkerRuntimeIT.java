package dev.caretaker.work;

import static dev.caretaker.testing.SqsMessages.event;
import static dev.caretaker.testing.SqsMessages.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.caretaker.events.ResultEvent;
import dev.caretaker.events.Severity;
import dev.caretaker.job.DynamoDbJobStore;
import dev.caretaker.job.Job;
import dev.caretaker.job.JobRequest;
import dev.caretaker.job.JobStatus;
import dev.caretaker.job.JobStore;
import dev.caretaker.job.JobTrigger;
import dev.caretaker.job.JobType;
import dev.caretaker.testing.EmbeddedDynamoDb;
import dev.caretaker.testing.ForwardingJobStore;
import dev.caretaker.testing.RecordingEventPublisher;
import dev.caretaker.testing.StateTables;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class WorkerRuntimeIT {

    private static final Instant T0 = Instant.parse("2026-11-21T03:00:00Z");
    private static final WorkerIdentity DRIFT =
            new WorkerIdentity("drift", "caretaker.drift", "DriftCheckCompleted", "DriftCheckFailed");
    private static final int MAX_RECEIVES = 3;

    private static EmbeddedDynamoDb dynamo;

    private String stateTable;
    private JobStore jobs;
    private DynamoDbIdempotencyStore idempotency;
    private RecordingEventPublisher events;
    private final AtomicInteger runs = new AtomicInteger();
    private final Deque<Object> script = new ArrayDeque<>();

    @BeforeAll
    static void startEngine() {
        dynamo = EmbeddedDynamoDb.start();
    }

    @AfterAll
    static void stopEngine() {
        dynamo.close();
    }

    @BeforeEach
    void freshTables() {
        stateTable = "state-" + UUID.randomUUID();
        String idempotencyTable = "idem-" + UUID.randomUUID();
        StateTables.createStateTable(dynamo.client(), stateTable);
        StateTables.createIdempotencyTable(dynamo.client(), idempotencyTable);
        jobs = new DynamoDbJobStore(dynamo.client(), stateTable);
        idempotency = new DynamoDbIdempotencyStore(dynamo.client(), idempotencyTable, Duration.ofHours(1));
        events = new RecordingEventPublisher();
    }

    /** The worker's function plays back a script: a WorkResult to return or an exception to throw. */
    private WorkerRuntime runtime(Instant now) {
        Work work = (item, job) -> {
            runs.incrementAndGet();
            Object next = script.isEmpty() ? new WorkResult(Severity.INFO, item.target() + " in sync", Map.of()) : script.poll();
            if (next instanceof Exception e) {
                throw e;
            }
            return (WorkResult) next;
        };
        return new WorkerRuntime(DRIFT, jobs, idempotency, events, new DynamoDbDeadLetterLog(dynamo.client(), stateTable),
                WorkerMetrics.NONE, Clock.fixed(now, ZoneOffset.UTC), MAX_RECEIVES, work);
    }

    private Job queuedJob(String stack) {
        return jobs.create(new JobRequest(JobType.DRIFT_CHECK, stack, new JobTrigger.Parent("drift-parent", stack)), T0).job();
    }

    private static String body(Job job) {
        return new WorkItem(job.id(), job.type(), job.target(), job.correlationId(), Map.of()).toJson();
    }

    @Test
    void succeedsJobAndPublishesResult_whenWorkCompletes() {
        Job job = queuedJob("app");
        script.add(new WorkResult(Severity.WARNING, "app has drifted", Map.of("drifted", 2)));

        SQSBatchResponse response = runtime(T0).process(event(message("m1", body(job), 1)), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        Job done = jobs.find(job.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.result()).containsEntry("severity", "WARNING").containsEntry("summary", "app has drifted");
        assertThat(events.published()).singleElement().satisfies(event -> {
            assertThat(event.detailType()).isEqualTo("DriftCheckCompleted");
            assertThat(event.severity()).isEqualTo(Severity.WARNING);
            assertThat(event.jobId()).isEqualTo(job.id());
        });
    }

    @Test
    void changesNothing_whenPrimedForSnapshot() {
        Job queued = queuedJob("app");
        int itemsBefore = dynamo.client().scan(scan -> scan.tableName(stateTable)).count();

        runtime(T0).prime();

        assertThat(dynamo.client().scan(scan -> scan.tableName(stateTable)).count()).isEqualTo(itemsBefore);
        assertThat(jobs.find(WorkerRuntime.PRIMING_JOB_ID)).isEmpty();
        assertThat(jobs.find(queued.id()).orElseThrow()).isEqualTo(queued);
        assertThat(runs).hasValue(0);
        assertThat(events.published()).isEmpty();
    }

    @Test
    void changesNothing_whenDuplicateArrivesAfterSuccess() {
        Job job = queuedJob("app");
        runtime(T0).process(event(message("m1", body(job), 1)), null);
        Job afterFirst = jobs.find(job.id()).orElseThrow();

        SQSBatchResponse response = runtime(T0.plusSeconds(30)).process(event(message("m2", body(job), 1)), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(jobs.find(job.id()).orElseThrow()).isEqualTo(afterFirst);
        assertThat(runs).hasValue(1);
        assertThat(events.published()).hasSize(1);
    }

    @Test
    void failsOnlyThePoisonMessage_whenBatchMixesGoodAndMalformed() {
        Job good = queuedJob("app");

        List<MessageOutcome> outcomes = runtime(T0).processAll(event(
                message("poison", "{not json", 1),
                message("good", body(good), 1)), null);

        assertThat(outcomes).extracting(MessageOutcome::messageId, MessageOutcome::redeliver)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("poison", true), org.assertj.core.groups.Tuple.tuple("good", false));
        assertThat(outcomes.get(0)).isInstanceOfSatisfying(MessageOutcome.Rejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo("malformed work item: body is not JSON"));
        assertThat(jobs.find(good.id()).orElseThrow().status()).isEqualTo(JobStatus.SUCCEEDED);
        Map<String, AttributeValue> deadLetter = dynamo.client().getItem(r -> r.tableName(stateTable)
                .key(Map.of("pk", AttributeValue.fromS("DEADLETTER#drift"), "sk", AttributeValue.fromS("poison")))).item();
        assertThat(deadLetter.get("reason").s()).isEqualTo("malformed work item: body is not JSON");
        assertThat(deadLetter.get("body").s()).isEqualTo("{not json");
    }

    @Test
    void failsNamedJobAtOnce_whenMessageIsMalformedButNamesIt() {
        Job job = queuedJob("app");
        String broken = "{\"jobId\":\"" + job.id() + "\",\"type\":\"DRIFT_CHECK\"}";

        SQSBatchResponse response = runtime(T0).process(event(message("m1", broken, 1)), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        Job failed = jobs.find(job.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error()).isEqualTo("malformed work item: missing target");
        assertThat(events.published()).singleElement()
                .extracting(ResultEvent::detailType).isEqualTo("DriftCheckFailed");
    }

    @Test
    void failsJobWithoutRetry_whenWorkFailsPermanently() {
        Job job = queuedJob("gone");
        script.add(new PermanentFailure("stack gone does not exist"));

        SQSBatchResponse response = runtime(T0).process(event(message("m1", body(job), 1)), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        Job failed = jobs.find(job.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error()).isEqualTo("stack gone does not exist");
    }

    @Test
    void releasesJobForRetry_whenWorkFailsTransiently() {
        Job job = queuedJob("app");
        script.add(new IllegalStateException("Rate exceeded"));

        SQSBatchResponse first = runtime(T0).process(event(message("m1", body(job), 1)), null);
        Job released = jobs.find(job.id()).orElseThrow();
        SQSBatchResponse second = runtime(T0.plusSeconds(60)).process(event(message("m1", body(job), 2)), null);

        assertThat(first.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier).containsExactly("m1");
        assertThat(released.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(released.error()).isEqualTo("IllegalStateException: Rate exceeded");
        assertThat(second.getBatchItemFailures()).isEmpty();
        Job done = jobs.find(job.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(runs).hasValue(2);
    }

    @Test
    void failsJobWithReasonAndLetsMessageGoToDlq_whenLastDeliveryFails() {
        Job job = queuedJob("app");
        script.add(new IllegalStateException("service unavailable"));

        List<MessageOutcome> outcomes = runtime(T0).processAll(event(message("m1", body(job), MAX_RECEIVES)), null);

        assertThat(outcomes).singleElement().isInstanceOf(MessageOutcome.GaveUp.class)
                .extracting(MessageOutcome::redeliver).isEqualTo(true);
        Job failed = jobs.find(job.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error()).isEqualTo("gave up after 3 deliveries: IllegalStateException: service unavailable");
        assertThat(events.published()).singleElement().satisfies(event -> {
            assertThat(event.detailType()).isEqualTo("DriftCheckFailed");
            assertThat(event.severity()).isEqualTo(Severity.ERROR);
        });
    }

    @Test
    void reusesEarlierResultWithoutRerunningWork_whenPreviousWorkerDiedBeforeRecordingIt() {
        Job job = queuedJob("app");
        // A worker claimed the job, did the work and remembered the result, then died before marking the job.
        jobs.claim(job.id(), T0, T0.plusSeconds(60));
        idempotency.begin("drift#" + job.id(), T0, T0.plusSeconds(60));
        idempotency.complete("drift#" + job.id(), Map.of("severity", "INFO", "summary", "from the first attempt",
                "data", Map.of()), T0.plusSeconds(1));

        SQSBatchResponse response = runtime(T0.plusSeconds(120)).process(event(message("m1", body(job), 2)), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(runs).hasValue(0);
        Job done = jobs.find(job.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.result()).containsEntry("summary", "from the first attempt");
        assertThat(done.attempts()).isEqualTo(2);
    }

    @Test
    void keepsResultAndRetriesPublishOnly_whenBusIsDown() {
        Job job = queuedJob("app");
        events.failNextWith(new IllegalStateException("bus unavailable"));

        SQSBatchResponse first = runtime(T0).process(event(message("m1", body(job), 1)), null);
        SQSBatchResponse second = runtime(T0.plusSeconds(60)).process(event(message("m1", body(job), 2)), null);

        assertThat(first.getBatchItemFailures()).hasSize(1);
        assertThat(second.getBatchItemFailures()).isEmpty();
        assertThat(runs).hasValue(1);
        assertThat(events.published()).hasSize(1);
        assertThat(jobs.find(job.id()).orElseThrow().status()).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void keepsBatchOutcome_whenMetricsCannotBeFlushed() {
        Job job = queuedJob("app");
        WorkerMetrics broken = new WorkerMetrics() {
            @Override
            public void record(MessageOutcome outcome) {
            }

            @Override
            public void flush() {
                throw new IllegalArgumentException("Namespace must be specified before flushing metrics");
            }
        };
        WorkerRuntime runtime = new WorkerRuntime(DRIFT, jobs, idempotency, events,
                new DynamoDbDeadLetterLog(dynamo.client(), stateTable), broken, Clock.fixed(T0, ZoneOffset.UTC),
                MAX_RECEIVES, (item, claimed) -> new WorkResult(Severity.INFO, "ok", Map.of()));

        SQSBatchResponse response = runtime.process(event(message("m1", body(job), 1)), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(jobs.find(job.id()).orElseThrow().status()).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void failsJob_whenRecordingTheResultFailsOnTheLastDelivery() {
        Job job = queuedJob("app");
        // DynamoDB refuses the final write after the work is done, on the message's last delivery.
        JobStore failingSucceed = new ForwardingJobStore(jobs) {
            @Override
            public Job succeed(String jobId, int attempt, Map<String, Object> result, Instant now) {
                throw new IllegalStateException("ProvisionedThroughputExceededException");
            }
        };
        WorkerRuntime runtime = new WorkerRuntime(DRIFT, failingSucceed, idempotency, new RecordingEventPublisher(),
                new DynamoDbDeadLetterLog(dynamo.client(), stateTable), WorkerMetrics.NONE, Clock.fixed(T0, ZoneOffset.UTC),
                MAX_RECEIVES, (item, claimed) -> new WorkResult(Severity.INFO, "ok", Map.of()));

        List<MessageOutcome> outcomes = runtime.processAll(event(message("m1", body(job), MAX_RECEIVES)), null);

        assertThat(outcomes).singleElement().isInstanceOf(MessageOutcome.GaveUp.class);
        Job failed = jobs.find(job.id()).orElseThrow();
        assertThat(failed.status()).as("the job must not outlive its message").isEqualTo(JobStatus.FAILED);
        assertThat(failed.error()).isEqualTo("gave up after 3 deliveries: IllegalStateException: ProvisionedThroughputExceededException");
    }

    @Test
    void rejectsMessage_whenItsJobDoesNotExist() {
        String body = new WorkItem("drift-0123456789abcdef01234567", JobType.DRIFT_CHECK, "app", null, Map.of()).toJson();

        List<MessageOutcome> outcomes = runtime(T0).processAll(event(message("m1", body, 1)), null);

        assertThat(outcomes).singleElement().isInstanceOfSatisfying(MessageOutcome.Rejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo("job drift-0123456789abcdef01234567 does not exist"));
    }
}
