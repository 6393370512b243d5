package dev.caretaker.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caretaker.testing.StateTables;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What every JobStore backend must do. Each backend (DynamoDB Local, LocalStack) runs these same
 * bodies against its own engine.
 */
abstract class JobStoreContract {

    private static final Instant T0 = Instant.parse("2026-11-21T03:00:00Z");

    protected abstract DynamoDbClient dynamoDb();

    private JobStore store;

    @BeforeEach
    void freshTable() {
        String table = "state-" + UUID.randomUUID();
        StateTables.createStateTable(dynamoDb(), table);
        store = new DynamoDbJobStore(dynamoDb(), table);
    }

    private static JobRequest drift(String stack) {
        return new JobRequest(JobType.DRIFT_CHECK, stack, new JobTrigger.Parent("drift-parent", stack));
    }

    @Test
    void createsQueuedJob_whenTriggerIsNew() {
        CreateOutcome outcome = store.create(drift("app"), T0);

        assertThat(outcome).isInstanceOf(CreateOutcome.Created.class);
        Job stored = store.find(outcome.job().id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(stored.attempts()).isZero();
        assertThat(stored.target()).isEqualTo("app");
        assertThat(stored.parentId()).isEqualTo("drift-parent");
        assertThat(stored.createdAt()).isEqualTo(T0);
    }

    @Test
    void returnsExistingJobUnchanged_whenSameTriggerCreatesTwice() {
        Job first = store.create(drift("app"), T0).job();
        Job claimed = ((ClaimOutcome.Claimed) store.claim(first.id(), T0, T0.plusSeconds(60))).job();

        CreateOutcome second = store.create(drift("app"), T0.plusSeconds(5));

        assertThat(second).isInstanceOf(CreateOutcome.AlreadyExists.class);
        assertThat(second.job().id()).isEqualTo(first.id());
        assertThat(second.job().status()).isEqualTo(JobStatus.RUNNING);
        assertThat(store.find(first.id()).orElseThrow()).isEqualTo(claimed);
    }

    @Test
    void letsExactlyOneClaimWin_whenTwoThreadsRace() throws Exception {
        for (int round = 0; round < 10; round++) {
            String id = store.create(drift("race-" + round), T0).job().id();
            CountDownLatch start = new CountDownLatch(1);
            Callable<ClaimOutcome> claim = () -> {
                start.await();
                return store.claim(id, T0, T0.plusSeconds(60));
            };
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<ClaimOutcome> a = pool.submit(claim);
                Future<ClaimOutcome> b = pool.submit(claim);
                start.countDown();
                List<ClaimOutcome> outcomes = List.of(a.get(), b.get());

                assertThat(outcomes).filteredOn(ClaimOutcome.Claimed.class::isInstance).hasSize(1);
                assertThat(outcomes).filteredOn(ClaimOutcome.HeldByAnother.class::isInstance).hasSize(1);
                assertThat(store.find(id).orElseThrow().attempts()).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void reclaimsJob_whenPreviousLeaseLapsed() {
        String id = store.create(drift("app"), T0).job().id();
        store.claim(id, T0, T0.plusSeconds(60));

        ClaimOutcome early = store.claim(id, T0.plusSeconds(30), T0.plusSeconds(90));
        ClaimOutcome late = store.claim(id, T0.plusSeconds(61), T0.plusSeconds(121));

        assertThat(early).isInstanceOf(ClaimOutcome.HeldByAnother.class);
        assertThat(late).isInstanceOf(ClaimOutcome.Claimed.class);
        assertThat(((ClaimOutcome.Claimed) late).job().attempts()).isEqualTo(2);
    }

    @Test
    void refusesToFinish_whenWorkerLostItsLease() {
        String id = store.create(drift("app"), T0).job().id();
        store.claim(id, T0, T0.plusSeconds(60));
        store.claim(id, T0.plusSeconds(61), T0.plusSeconds(121));

        assertThatThrownBy(() -> store.succeed(id, 1, Map.of(), T0.plusSeconds(62)))
                .isInstanceOf(IllegalJobTransitionException.class)
                .hasMessageContaining(id)
                .hasMessageContaining("not RUNNING under attempt 1");
        assertThat(store.succeed(id, 2, Map.of("drifted", 0), T0.plusSeconds(63)).status())
                .isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void recordsResultAndTimes_whenJobSucceeds() {
        String id = store.create(drift("app"), T0).job().id();
        store.claim(id, T0.plusSeconds(1), T0.plusSeconds(60));

        Job done = store.succeed(id, 1, Map.of("driftStatus", "IN_SYNC", "resources", 4), T0.plusSeconds(2));

        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.result()).containsEntry("driftStatus", "IN_SYNC").containsEntry("resources", 4);
        assertThat(done.startedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(done.finishedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(done.leaseUntil()).isNull();
    }

    @Test
    void rejectsEveryTransition_whenJobIsTerminal() {
        String id = store.create(drift("app"), T0).job().id();
        store.claim(id, T0, T0.plusSeconds(60));
        Job finished = store.succeed(id, 1, Map.of(), T0.plusSeconds(1));

        assertThat(store.claim(id, T0.plusSeconds(999), T0.plusSeconds(1999)))
                .isInstanceOf(ClaimOutcome.AlreadyFinished.class);
        assertThatThrownBy(() -> store.fail(id, 1, "late failure", T0.plusSeconds(2)))
                .isInstanceOf(IllegalJobTransitionException.class)
                .hasMessage("job " + id + " cannot move from SUCCEEDED to FAILED: it is not RUNNING under attempt 1");
        assertThatThrownBy(() -> store.fail(id, null, "late failure", T0.plusSeconds(2)))
                .isInstanceOf(IllegalJobTransitionException.class)
                .hasMessageContaining("from SUCCEEDED to FAILED");
        assertThatThrownBy(() -> store.cancel(id, "operator", T0.plusSeconds(2)))
                .isInstanceOf(IllegalJobTransitionException.class)
                .hasMessageContaining("from SUCCEEDED to CANCELLED");
        assertThatThrownBy(() -> store.release(id, 1, "retry", T0.plusSeconds(2)))
                .isInstanceOf(IllegalJobTransitionException.class);
        assertThat(store.find(id).orElseThrow()).isEqualTo(finished);
    }

    @Test
    void rejectsSucceed_whenJobWasNeverClaimed() {
        String id = store.create(drift("app"), T0).job().id();

        assertThatThrownBy(() -> store.succeed(id, 0, Map.of(), T0))
                .isInstanceOf(IllegalJobTransitionException.class)
                .hasMessageContaining("from QUEUED to SUCCEEDED");
    }

    @Test
    void namesMissingJob_whenTransitioningUnknownId() {
        assertThatThrownBy(() -> store.cancel("drift-000000000000000000000000", "x", T0))
                .isInstanceOf(IllegalJobTransitionException.class)
                .hasMessage("job drift-000000000000000000000000 cannot move from <absent> to CANCELLED: no such job");
        assertThat(store.claim("drift-000000000000000000000000", T0, T0))
                .isInstanceOf(ClaimOutcome.NotFound.class);
    }

    @Test
    void returnsJobToQueue_whenOwnerReleasesAfterTransientError() {
        String id = store.create(drift("app"), T0).job().id();
        store.claim(id, T0, T0.plusSeconds(60));

        Job released = store.release(id, 1, "throttled", T0.plusSeconds(1));
        ClaimOutcome again = store.claim(id, T0.plusSeconds(2), T0.plusSeconds(62));

        assertThat(released.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(released.error()).isEqualTo("throttled");
        assertThat(again).isInstanceOf(ClaimOutcome.Claimed.class);
        assertThat(((ClaimOutcome.Claimed) again).job().attempts()).isEqualTo(2);
    }

    @Test
    void failsQueuedJobWithReason_whenNoAttemptIsGiven() {
        String id = store.create(drift("app"), T0).job().id();

        Job failed = store.fail(id, null, "message malformed: missing stack", T0.plusSeconds(1));

        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error()).isEqualTo("message malformed: missing stack");
        assertThat(failed.finishedAt()).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void listsNewestFirstAcrossPages_whenFilteredByTypeAndStatus() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String id = store.create(drift("stack-" + i), T0.plus(Duration.ofMinutes(i))).job().id();
            expected.add(0, id);
        }
        String other = store.create(new JobRequest(JobType.COST_REPORT, "*",
                new JobTrigger.Schedule("cost", T0)), T0.plusSeconds(30)).job().id();
        store.claim(expected.get(0), T0.plusSeconds(600), T0.plusSeconds(660));

        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            JobPage page = store.list(new JobQuery(JobType.DRIFT_CHECK, JobStatus.QUEUED, 2, token));
            page.jobs().forEach(job -> seen.add(job.id()));
            token = page.nextPageToken();
            pages++;
        } while (token != null && pages < 20);

        assertThat(seen).containsExactlyElementsOf(expected.subList(1, expected.size()));
        assertThat(pages).isGreaterThanOrEqualTo(3);
        assertThat(ids(store.list(new JobQuery(JobType.DRIFT_CHECK, null, 100, null)))).hasSize(7).doesNotContain(other);
        assertThat(ids(store.list(new JobQuery(null, JobStatus.RUNNING, 100, null)))).containsExactly(expected.get(0));
        assertThat(ids(store.list(new JobQuery(null, null, 100, null)))).hasSize(8).contains(other);
    }

    @Test
    void rejectsPageToken_whenItWasNotIssuedByTheStore() {
        assertThatThrownBy(() -> store.list(new JobQuery(null, null, 10, "not-a-token")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid page token");
    }

    private static Set<String> ids(JobPage page) {
        Set<String> ids = new HashSet<>();
        page.jobs().forEach(job -> ids.add(job.id()));
        return ids;
    }
}
