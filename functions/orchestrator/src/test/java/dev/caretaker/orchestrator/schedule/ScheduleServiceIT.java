package dev.caretaker.orchestrator.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caretaker.job.DynamoDbJobStore;
import dev.caretaker.job.Job;
import dev.caretaker.job.JobQuery;
import dev.caretaker.job.JobRequest;
import dev.caretaker.job.JobStatus;
import dev.caretaker.job.JobTrigger;
import dev.caretaker.job.JobType;
import dev.caretaker.testing.EmbeddedDynamoDb;
import dev.caretaker.testing.StateTables;
import dev.caretaker.work.WorkItem;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Schedule firings turned into jobs on DynamoDB Local, with a queue that records what it was handed. */
class ScheduleServiceIT {

    private static final Instant FIRED = Instant.parse("2026-11-21T03:00:00Z");
    private static final ScheduledTrigger DRIFT = new ScheduledTrigger("drift", JobType.DRIFT_CHECK, FIRED);
    private static final List<String> STACKS = List.of("app-a", "app-b", "app-c");

    private static EmbeddedDynamoDb dynamo;

    private DynamoDbJobStore jobs;
    private RecordingWorkQueues queues;

    /** Records every send; can be told to fail the next one, as SQS would when throttled. */
    static final class RecordingWorkQueues implements WorkQueues {
        final List<List<WorkItem>> sends = new CopyOnWriteArrayList<>();
        private RuntimeException failNext;

        @Override
        public void send(List<WorkItem> items) {
            RuntimeException failure = failNext;
            if (failure != null) {
                failNext = null;
                throw failure;
            }
            sends.add(List.copyOf(items));
        }

        void failNextWith(RuntimeException failure) {
            this.failNext = failure;
        }

        List<WorkItem> items() {
            List<WorkItem> all = new ArrayList<>();
            sends.forEach(all::addAll);
            return all;
        }
    }

    @BeforeAll
    static void startEngine() {
        dynamo = EmbeddedDynamoDb.start();
    }

    @AfterAll
    static void stopEngine() {
        dynamo.close();
    }

    @BeforeEach
    void freshTable() {
        String table = "state-" + UUID.randomUUID();
        StateTables.createStateTable(dynamo.client(), table);
        jobs = new DynamoDbJobStore(dynamo.client(), table);
        queues = new RecordingWorkQueues();
    }

    private ScheduleService service(List<String> stacks, Instant now) {
        return new ScheduleService(jobs, queues, () -> stacks, Clock.fixed(now, ZoneOffset.UTC));
    }

    private List<Job> allJobs() {
        return jobs.list(new JobQuery(null, null, 100, null)).jobs();
    }

    @Test
    void createsOneChildJobAndOneItemPerStack_whenDriftScheduleFires() {
        ScheduleOutcome outcome = service(STACKS, FIRED.plusSeconds(2)).handle(DRIFT);

        assertThat(outcome).isInstanceOf(ScheduleOutcome.Dispatched.class);
        Job parent = jobs.find(outcome.jobId()).orElseThrow();
        List<String> childIds = ((ScheduleOutcome.Dispatched) outcome).workItemJobIds();
        assertThat(childIds).hasSize(3).doesNotHaveDuplicates();
        assertThat(queues.sends).as("one send, so the queue adapter can batch it").hasSize(1);
        assertThat(queues.items()).extracting(WorkItem::jobId).containsExactlyElementsOf(childIds);
        assertThat(queues.items()).extracting(WorkItem::target).containsExactlyElementsOf(STACKS);
        assertThat(queues.items()).allSatisfy(item -> {
            assertThat(item.type()).isEqualTo(JobType.DRIFT_CHECK);
            assertThat(item.correlationId()).isEqualTo(parent.correlationId());
        });
        for (int i = 0; i < STACKS.size(); i++) {
            Job child = jobs.find(childIds.get(i)).orElseThrow();
            assertThat(child.status()).isEqualTo(JobStatus.QUEUED);
            assertThat(child.target()).isEqualTo(STACKS.get(i));
            assertThat(child.parentId()).isEqualTo(parent.id());
            assertThat(child.correlationId()).isEqualTo(parent.correlationId());
        }
        assertThat(parent.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(parent.target()).isEqualTo("*");
        assertThat(parent.result()).containsEntry("stacks", STACKS).containsEntry("children", childIds);
        assertThat(allJobs()).hasSize(4);
    }

    @Test
    void changesNothing_whenTheSameFiringArrivesTwice() {
        ScheduleOutcome first = service(STACKS, FIRED.plusSeconds(2)).handle(DRIFT);

        ScheduleOutcome second = service(STACKS, FIRED.plusSeconds(40)).handle(DRIFT);

        assertThat(second).isEqualTo(new ScheduleOutcome.AlreadyHandled(first.jobId()));
        assertThat(queues.items()).hasSize(3);
        assertThat(allJobs()).hasSize(4);
    }

    @Test
    void releasesParentAndRedoesTheFanOut_whenSendingFailsOnce() {
        queues.failNextWith(new IllegalStateException("SQS refused 3 of 3 work items for DRIFT_CHECK: Throttling"));

        assertThatThrownBy(() -> service(STACKS, FIRED.plusSeconds(2)).handle(DRIFT))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Throttling");
        Job released = allJobs().stream().filter(job -> job.parentId() == null).findFirst().orElseThrow();
        assertThat(released.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(released.error()).isEqualTo("fan-out interrupted: SQS refused 3 of 3 work items for DRIFT_CHECK: Throttling");
        assertThat(queues.items()).isEmpty();

        // EventBridge Scheduler retries the same firing.
        ScheduleOutcome retried = service(STACKS, FIRED.plusSeconds(30)).handle(DRIFT);

        assertThat(retried).isInstanceOf(ScheduleOutcome.Dispatched.class);
        assertThat(retried.jobId()).isEqualTo(released.id());
        assertThat(queues.items()).extracting(WorkItem::target).containsExactlyElementsOf(STACKS);
        Job parent = jobs.find(released.id()).orElseThrow();
        assertThat(parent.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(parent.attempts()).isEqualTo(2);
        assertThat(allJobs()).as("the retry found the children the first try created").hasSize(4);
    }

    @Test
    void reportsInProgressAndSendsNothing_whenAnotherInvocationHoldsTheFiring() {
        Job parent = jobs.create(new JobRequest(JobType.DRIFT_CHECK, "*", new JobTrigger.Schedule("drift", FIRED)), FIRED).job();
        jobs.claim(parent.id(), FIRED, FIRED.plusSeconds(120));

        ScheduleOutcome outcome = service(STACKS, FIRED.plusSeconds(5)).handle(DRIFT);

        assertThat(outcome).isEqualTo(new ScheduleOutcome.InProgressElsewhere(parent.id()));
        assertThat(queues.items()).isEmpty();
    }

    @Test
    void succeedsWithNoItems_whenNoStacksAreConfigured() {
        ScheduleOutcome outcome = service(List.of(), FIRED).handle(DRIFT);

        assertThat(outcome).isEqualTo(new ScheduleOutcome.Dispatched(outcome.jobId(), List.of()));
        assertThat(jobs.find(outcome.jobId()).orElseThrow().status()).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void sendsOneAccountWideItemCarryingItsOwnJobId_whenCostScheduleFires() {
        ScheduleOutcome outcome = service(STACKS, FIRED).handle(new ScheduledTrigger("cost", JobType.COST_REPORT, FIRED));

        assertThat(outcome).isEqualTo(new ScheduleOutcome.Dispatched(outcome.jobId(), List.of(outcome.jobId())));
        Job job = jobs.find(outcome.jobId()).orElseThrow();
        assertThat(job.type()).isEqualTo(JobType.COST_REPORT);
        assertThat(job.target()).isEqualTo("*");
        assertThat(job.status()).as("the cost worker claims it").isEqualTo(JobStatus.QUEUED);
        assertThat(queues.items()).containsExactly(new WorkItem(job.id(), JobType.COST_REPORT, "*", job.correlationId(), Map.of()));
        assertThat(allJobs()).hasSize(1);
    }

    @Test
    void sendsAgain_whenCostFiringRepeatsBeforeTheWorkerPickedItUp() {
        ScheduledTrigger cost = new ScheduledTrigger("cost", JobType.COST_REPORT, FIRED);
        queues.failNextWith(new IllegalStateException("SQS unavailable"));
        assertThatThrownBy(() -> service(STACKS, FIRED).handle(cost)).hasMessage("SQS unavailable");

        ScheduleOutcome retried = service(STACKS, FIRED.plusSeconds(30)).handle(cost);

        assertThat(retried).isInstanceOf(ScheduleOutcome.Dispatched.class);
        assertThat(queues.items()).singleElement().extracting(WorkItem::jobId).isEqualTo(retried.jobId());
    }

    @Test
    void reportsAlreadyHandled_whenCostFiringRepeatsAfterTheWorkerClaimedIt() {
        ScheduledTrigger cost = new ScheduledTrigger("cost", JobType.COST_REPORT, FIRED);
        ScheduleOutcome first = service(STACKS, FIRED).handle(cost);
        jobs.claim(first.jobId(), FIRED.plusSeconds(1), FIRED.plusSeconds(300));

        ScheduleOutcome again = service(STACKS, FIRED.plusSeconds(30)).handle(cost);

        assertThat(again).isEqualTo(new ScheduleOutcome.AlreadyHandled(first.jobId()));
        assertThat(queues.items()).hasSize(1);
    }
}
