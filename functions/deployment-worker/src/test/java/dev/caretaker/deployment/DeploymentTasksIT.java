package dev.caretaker.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caretaker.events.ResultEvent;
import dev.caretaker.events.Severity;
import dev.caretaker.job.DynamoDbJobStore;
import dev.caretaker.job.Job;
import dev.caretaker.job.JobRequest;
import dev.caretaker.job.JobStatus;
import dev.caretaker.job.JobTrigger;
import dev.caretaker.job.JobType;
import dev.caretaker.testing.EmbeddedDynamoDb;
import dev.caretaker.testing.RecordingEventPublisher;
import dev.caretaker.testing.StateTables;
import dev.caretaker.work.PermanentFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The deployment state machine's task steps on DynamoDB Local. Step Functions retries a task
 * after a Lambda error, so every step is run twice somewhere here and must come out the same.
 */
class DeploymentTasksIT {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final String STACK = "acme-app";

    private static EmbeddedDynamoDb dynamo;

    private DynamoDbJobStore jobs;
    private RecordingEventPublisher events;
    private final Map<String, StackState> stacks = new HashMap<>();
    private Job job;

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
        events = new RecordingEventPublisher();
        job = jobs.create(new JobRequest(JobType.DEPLOY, STACK, new JobTrigger.Webhook("vendor", "d-1")), T0).job();
    }

    /** The tasks as Lambda would run them at {@code now}; the stack inspector answers from {@link #stacks}. */
    private DeploymentTasks tasks(Instant now) {
        StackInspector inspector = stack -> stacks.getOrDefault(stack, new StackState.Absent());
        return new DeploymentTasks(jobs, inspector, events, Clock.fixed(now, ZoneOffset.UTC));
    }

    private DeploymentInput input() {
        return new DeploymentInput(job.id(), STACK, "1.4.2", "s3://artifacts/releases/1.4.2/manifest.json");
    }

    private Job stored() {
        return jobs.find(job.id()).orElseThrow();
    }

    @Test
    void claimsQueuedDeployJobForTheWholeExecution_whenBeginning() {
        Map<String, Object> begun = tasks(T0.plusSeconds(1)).begin(input());

        assertThat(begun).isEqualTo(Map.of("attempt", 1, "status", "RUNNING"));
        Job running = stored();
        assertThat(running.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(running.attempts()).isEqualTo(1);
        assertThat(running.startedAt()).isEqualTo(T0.plusSeconds(1));
        // A Standard workflow may wait days for a window or an approval: the lease must outlast it.
        assertThat(running.leaseUntil()).isAfterOrEqualTo(T0.plus(Duration.ofDays(7)));
    }

    @Test
    void returnsTheSameAttempt_whenStepFunctionsRetriesBegin() {
        tasks(T0.plusSeconds(1)).begin(input());

        Map<String, Object> retried = tasks(T0.plusSeconds(5)).begin(input());

        assertThat(retried).isEqualTo(Map.of("attempt", 1, "status", "RUNNING"));
        assertThat(stored().attempts()).isEqualTo(1);
    }

    @Test
    void failsPermanently_whenJobDoesNotExist() {
        DeploymentInput unknown = new DeploymentInput("deploy-000000000000000000000000", STACK, "1.4.2", null);

        assertThatThrownBy(() -> tasks(T0).begin(unknown))
                .isInstanceOf(PermanentFailure.class)
                .hasMessage("deployment job deploy-000000000000000000000000 does not exist");
    }

    @Test
    void succeedsAndPublishesDeploymentCompletedOnce_whenCompleteRunsTwice() {
        tasks(T0.plusSeconds(1)).begin(input());

        Map<String, Object> first = tasks(T0.plusSeconds(60)).complete(input());
        Job afterFirst = stored();
        Map<String, Object> second = tasks(T0.plusSeconds(65)).complete(input());

        assertThat(first).isEqualTo(Map.of("status", "SUCCEEDED"));
        assertThat(second).isEqualTo(Map.of("status", "SUCCEEDED"));
        assertThat(afterFirst.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(afterFirst.result()).isEqualTo(Map.of("stack", STACK, "version", "1.4.2"));
        assertThat(afterFirst.finishedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(stored()).isEqualTo(afterFirst);
        assertThat(events.published()).singleElement().satisfies(event -> {
            assertThat(event.source()).isEqualTo("caretaker.deployment");
            assertThat(event.detailType()).isEqualTo("DeploymentCompleted");
            assertThat(event.severity()).isEqualTo(Severity.INFO);
            assertThat(event.jobId()).isEqualTo(job.id());
            assertThat(event.correlationId()).isEqualTo(job.correlationId());
            assertThat(event.target()).isEqualTo(STACK);
            assertThat(event.summary()).isEqualTo("acme-app deployed at version 1.4.2");
            assertThat(event.time()).isEqualTo(T0.plusSeconds(60));
        });
    }

    @Test
    void publishesDeploymentCompleted_whenCompleteIsRetriedAfterTheBusWasDown() {
        tasks(T0.plusSeconds(1)).begin(input());
        events.failNextWith(new IllegalStateException("event bus caretaker-acme-dev rejected DeploymentCompleted"));

        assertThatThrownBy(() -> tasks(T0.plusSeconds(60)).complete(input())).isInstanceOf(IllegalStateException.class);
        Map<String, Object> retried = tasks(T0.plusSeconds(62)).complete(input());

        // Step Functions retries the task: the retry must still tell the rest of the system.
        assertThat(retried).isEqualTo(Map.of("status", "SUCCEEDED"));
        assertThat(stored().status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(events.published()).extracting(ResultEvent::detailType).containsExactly("DeploymentCompleted");
    }

    @Test
    void publishesDeploymentFailed_whenFailIsRetriedAfterTheBusWasDown() {
        tasks(T0.plusSeconds(1)).begin(input());
        events.failNextWith(new IllegalStateException("event bus caretaker-acme-dev rejected DeploymentFailed"));

        assertThatThrownBy(() -> tasks(T0.plusSeconds(60)).fail(input(), "States.TaskFailed: boom"))
                .isInstanceOf(IllegalStateException.class);
        assertThat(stored().status()).as("the job stays open until its failure is told").isEqualTo(JobStatus.RUNNING);
        Map<String, Object> retried = tasks(T0.plusSeconds(62)).fail(input(), "States.TaskFailed: boom");

        assertThat(retried).isEqualTo(Map.of("status", "FAILED"));
        assertThat(stored().status()).isEqualTo(JobStatus.FAILED);
        assertThat(events.published()).extracting(ResultEvent::detailType).containsExactly("DeploymentFailed");
    }

    @Test
    void recordsStepFunctionsErrorAndPublishesDeploymentFailed_whenTheCatchCallsFail() {
        tasks(T0.plusSeconds(1)).begin(input());
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("jobId", job.id());
        state.put("stack", STACK);
        state.put("version", "1.4.2");
        // What a Catch with ResultPath $.error adds to the execution state.
        state.put("error", Map.of("Error", "ChangeSetFailed",
                "Cause", "Resource handler returned message: \"Bucket already exists\""));
        DeploymentTaskHandler handler = new DeploymentTaskHandler(tasks(T0.plusSeconds(90)));

        Map<String, Object> result = handler.dispatch(Map.of("action", "fail", "input", state));

        String reason = "ChangeSetFailed: Resource handler returned message: \"Bucket already exists\"";
        assertThat(result).isEqualTo(Map.of("status", "FAILED"));
        Job failed = stored();
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error()).isEqualTo(reason);
        assertThat(failed.finishedAt()).isEqualTo(T0.plusSeconds(90));
        assertThat(events.published()).singleElement().satisfies(event -> {
            assertThat(event.detailType()).isEqualTo("DeploymentFailed");
            assertThat(event.severity()).isEqualTo(Severity.ERROR);
            assertThat(event.summary()).isEqualTo(reason);
            assertThat(event.data()).isEqualTo(Map.of("error", reason));
        });
    }

    @Test
    void failsQueuedJobWithDefaultReason_whenFailCarriesNoError() {
        Map<String, Object> result = tasks(T0.plusSeconds(2)).fail(input(), "  ");

        assertThat(result).isEqualTo(Map.of("status", "FAILED"));
        assertThat(stored().error()).isEqualTo("deployment failed");
        assertThat(events.published()).extracting(ResultEvent::detailType).containsExactly("DeploymentFailed");
    }

    @Test
    void changesNothingAndReportsHowItEnded_whenFailArrivesForAFinishedJob() {
        tasks(T0.plusSeconds(1)).begin(input());
        tasks(T0.plusSeconds(60)).complete(input());
        Job finished = stored();

        Map<String, Object> result = tasks(T0.plusSeconds(70)).fail(input(), "States.Timeout: late");

        assertThat(result).isEqualTo(Map.of("status", "SUCCEEDED"));
        assertThat(stored()).isEqualTo(finished);
        assertThat(events.published()).extracting(ResultEvent::detailType).containsExactly("DeploymentCompleted");
    }

    @Test
    void publishesDeploymentFailedOnce_whenFailRunsTwice() {
        tasks(T0.plusSeconds(1)).begin(input());
        tasks(T0.plusSeconds(60)).fail(input(), "States.TaskFailed: boom");

        Map<String, Object> again = tasks(T0.plusSeconds(61)).fail(input(), "States.TaskFailed: boom");

        assertThat(again).isEqualTo(Map.of("status", "FAILED"));
        assertThat(events.published()).hasSize(1);
    }

    @Test
    void refusesToBeginAgain_whenDeploymentAlreadyEnded() {
        tasks(T0.plusSeconds(1)).begin(input());
        tasks(T0.plusSeconds(60)).complete(input());

        assertThatThrownBy(() -> tasks(T0.plusSeconds(70)).begin(input()))
                .isInstanceOf(PermanentFailure.class)
                .hasMessage("deployment " + job.id() + " already ended as SUCCEEDED");
    }

    @Test
    void failsPermanentlyWithActionableMessage_whenStackIsBlocked() {
        stacks.put(STACK, new StackState.Present("UPDATE_ROLLBACK_FAILED"));

        assertThatThrownBy(() -> tasks(T0).checkStack(input()))
                .isInstanceOf(PermanentFailure.class)
                .hasMessage("stack is UPDATE_ROLLBACK_FAILED: continue the rollback (ContinueUpdateRollback) before deploying");
    }

    @Test
    void plansAnUpdate_whenStackIsSettled() {
        stacks.put(STACK, new StackState.Present("UPDATE_COMPLETE"));

        assertThat(tasks(T0).checkStack(input())).isEqualTo(Map.of("stackStatus", "UPDATE_COMPLETE", "operation", "UPDATE"));
    }

    @Test
    void plansACreate_whenStackDoesNotExist() {
        assertThat(tasks(T0).checkStack(input())).isEqualTo(Map.of("stackStatus", "ABSENT", "operation", "CREATE"));
    }
}
