package dev.caretaker.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.caretaker.drift.detect.CallStats;
import dev.caretaker.drift.detect.Detection;
import dev.caretaker.drift.detect.DriftDetector;
import dev.caretaker.drift.history.InMemoryDriftHistory;
import dev.caretaker.drift.report.DifferenceType;
import dev.caretaker.drift.report.PropertyDifference;
import dev.caretaker.drift.report.ResourceDrift;
import dev.caretaker.drift.report.ResourceStatus;
import dev.caretaker.drift.report.StackDrift;
import dev.caretaker.drift.remediation.RemediationRequests;
import dev.caretaker.events.Severity;
import dev.caretaker.job.Job;
import dev.caretaker.job.JobRequest;
import dev.caretaker.job.JobTrigger;
import dev.caretaker.job.JobType;
import dev.caretaker.testing.MutableClock;
import dev.caretaker.work.PermanentFailure;
import dev.caretaker.work.WorkItem;
import dev.caretaker.work.WorkResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DriftCheckTest {

    private static final Instant T0 = Instant.parse("2026-11-21T03:00:00Z");
    private static final CallStats CALLS = new CallStats(4, 1, Duration.ofMillis(1500), Duration.ofSeconds(3), 2, 1);

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryDriftHistory history = new InMemoryDriftHistory();
    private DriftSettings settings = new DriftSettings(List.of(), RemediationMode.NEVER, 2);
    private final List<RemediationRequests.Request> requested = new ArrayList<>();

    private static ResourceDrift timeout() {
        return new ResourceDrift("Worker", "worker-fn", "AWS::Lambda::Function", ResourceStatus.MODIFIED, List.of(
                new PropertyDifference("Timeout", PropertyDifference.parseValue("30"), PropertyDifference.parseValue("90"),
                        DifferenceType.NOT_EQUAL)), Optional.empty());
    }

    private static ResourceDrift openIngress() {
        return new ResourceDrift("AppSg", "sg-1", "AWS::EC2::SecurityGroup", ResourceStatus.MODIFIED, List.of(
                new PropertyDifference("SecurityGroupIngress.1", PropertyDifference.parseValue("null"),
                        PropertyDifference.parseValue("{\"CidrIp\":\"0.0.0.0/0\"}"), DifferenceType.ADD)), Optional.empty());
    }

    private static DriftDetector finds(StackDrift... stacks) {
        return (stack, budget) -> new Detection(List.of(stacks), CALLS);
    }

    private WorkResult run(DriftDetector detector, String stack, String parentJob) throws Exception {
        Job job = Job.queued(new JobRequest(JobType.DRIFT_CHECK, stack, new JobTrigger.Parent(parentJob, stack)), clock.instant());
        DriftSettings current = settings;
        return new DriftCheck(detector, history, () -> current, clock, Duration.ofMinutes(4), requested::add)
                .run(new WorkItem(job.id(), JobType.DRIFT_CHECK, stack, job.correlationId(), Map.of()), job);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    @Test
    void primesWithoutDetectorHistoryOrConfiguration_whenSnapshotIsTaken() {
        DriftDetector untouchable = (stack, budget) -> {
            throw new AssertionError("priming must not call CloudFormation");
        };
        DriftCheck check = new DriftCheck(untouchable, history, () -> {
            throw new AssertionError("priming must not read the configuration");
        }, clock, Duration.ofMinutes(4), request -> {
            throw new AssertionError("priming must not request a remediation");
        });

        check.prime();

        assertThat(history.checks()).isEmpty();
    }

    @Test
    void reportsInfo_whenTheStackIsInSync() throws Exception {
        WorkResult result = run(finds(StackDrift.root("app", List.of(), List.of())), "app", "p1");

        assertThat(result.severity()).isEqualTo(Severity.INFO);
        assertThat(result.summary()).isEqualTo("app is in sync");
        assertThat(result.data()).containsEntry("stack", "app").containsEntry("status", "IN_SYNC").containsEntry("partial", false);
        assertThat(map(result.data().get("counts"))).containsEntry("critical", 0L).containsEntry("warning", 0L);
    }

    @Test
    void reportsWarningWithCountsAndTheExplainedReport_whenNewDriftIsNotCritical() throws Exception {
        WorkResult result = run(finds(StackDrift.root("billing", List.of(timeout()), List.of())), "billing", "p1");

        assertThat(result.severity()).isEqualTo(Severity.WARNING);
        assertThat(result.summary()).isEqualTo("billing: 1 drifted resource(s) (1 WARNING), 1 new finding(s)");
        assertThat(map(result.data().get("counts"))).containsEntry("warning", 1L);
        assertThat(map(result.data().get("new"))).containsEntry("warning", 1L).containsEntry("critical", 0L);
        Map<String, Object> resource = list(map(result.data().get("report")).get("stacks")).getFirst();
        assertThat(list(resource.get("resources")).getFirst()).containsEntry("logicalId", "Worker").containsEntry("severity", "WARNING");
        assertThat(list(result.data().get("drifts"))).singleElement().satisfies(drift ->
                assertThat(drift).containsEntry("path", "Timeout").containsEntry("new", true).containsEntry("ageSeconds", 0L));
    }

    @Test
    void reportsCritical_whenCriticalDriftIsNew_soItNotifiesAtOnce() throws Exception {
        WorkResult result = run(finds(StackDrift.root("network", List.of(openIngress(), timeout()), List.of())), "network", "p1");

        assertThat(result.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(map(result.data().get("new"))).containsEntry("critical", 1L).containsEntry("warning", 1L);
    }

    @Test
    void reportsInfoWithTheDriftsAge_whenTheSameDriftIsFoundAgain() throws Exception {
        run(finds(StackDrift.root("network", List.of(openIngress()), List.of())), "network", "monday");
        clock.advance(Duration.ofDays(2));

        WorkResult again = run(finds(StackDrift.root("network", List.of(openIngress()), List.of())), "network", "wednesday");

        assertThat(again.severity()).as("known drift is in the report, not paged again").isEqualTo(Severity.INFO);
        assertThat(map(again.data().get("new"))).containsEntry("critical", 0L);
        assertThat(list(again.data().get("drifts"))).singleElement().satisfies(drift -> assertThat(drift)
                .containsEntry("new", false).containsEntry("firstSeen", T0.toString())
                .containsEntry("ageSeconds", Duration.ofDays(2).toSeconds()));
        assertThat(again.data()).containsEntry("previousCheck", T0.toString());
    }

    @Test
    void listsResolvedDrift_whenItIsGoneSinceTheLastCheck() throws Exception {
        run(finds(StackDrift.root("billing", List.of(timeout()), List.of())), "billing", "monday");
        clock.advance(Duration.ofDays(1));

        WorkResult result = run(finds(StackDrift.root("billing", List.of(), List.of())), "billing", "tuesday");

        assertThat(result.summary()).isEqualTo("billing is in sync; 1 resolved");
        assertThat(result.data().get("resolved")).isEqualTo(List.of("billing: Worker Timeout"));
    }

    @Test
    void doesNotCompareWithItself_whenTheSameJobRunsAgain() throws Exception {
        run(finds(StackDrift.root("billing", List.of(timeout()), List.of())), "billing", "same");
        clock.advance(Duration.ofMinutes(5));

        WorkResult retried = run(finds(StackDrift.root("billing", List.of(timeout()), List.of())), "billing", "same");

        assertThat(retried.severity()).as("still new: the only earlier check is this job's own").isEqualTo(Severity.WARNING);
    }

    @Test
    void reportsWarningWithTheReasons_whenTheCheckIsPartial() throws Exception {
        ResourceDrift unknown = new ResourceDrift("Fn", null, "AWS::Lambda::Function", ResourceStatus.UNKNOWN, List.of(),
                Optional.of("Rate exceeded"));

        WorkResult result = run(finds(StackDrift.root("app", List.of(unknown), List.of())), "app", "p1");

        assertThat(result.severity()).isEqualTo(Severity.WARNING);
        assertThat(result.summary()).isEqualTo("app: no drift found, but the check was partial");
        assertThat(result.data()).containsEntry("partial", true).containsEntry("partialReasons", List.of("app: Fn: Rate exceeded"));
    }

    @Test
    void countsNestedStacksAndIgnoredDrift_whenConfigured() throws Exception {
        settings = new DriftSettings(List.of(IgnoreRule.of("Worker", null, "Timeout", "tuned by hand")), RemediationMode.NEVER, 2);

        WorkResult result = run(finds(StackDrift.root("app", List.of(timeout()), List.of()),
                new StackDrift("app-Network-1AB", Optional.of("app"), List.of(openIngress()), List.of())), "app", "p1");

        assertThat(result.summary()).isEqualTo("app (+1 nested): 1 drifted resource(s) (1 CRITICAL), 1 new finding(s); 1 ignored");
        assertThat(list(map(result.data().get("report")).get("stacks"))).extracting(stack -> stack.get("stack"))
                .containsExactly("app", "app-Network-1AB");
        assertThat(history.checks()).extracting(check -> check.stack()).containsExactly("app", "app-Network-1AB");
    }

    @Test
    void requestsARemediationThatWaitsForApproval_whenModeIsOnApproval() throws Exception {
        settings = new DriftSettings(List.of(), RemediationMode.ON_APPROVAL, 2);

        WorkResult result = run(finds(StackDrift.root("billing", List.of(timeout()), List.of())), "billing", "p1");

        assertThat(map(result.data().get("remediation"))).containsEntry("mode", "on-approval")
                .containsEntry("decision", "APPROVAL_REQUESTED").containsEntry("stack", "billing")
                .containsEntry("resources", List.of("Worker")).containsEntry("state", "REQUESTED");
        assertThat(requested).singleElement().satisfies(request -> {
            assertThat(request.stack()).isEqualTo("billing");
            assertThat(request.approvalRequired()).isTrue();
            assertThat(request.resources()).containsExactly("Worker");
            assertThat(request.checkJobId()).startsWith("drift-");
        });
    }

    @Test
    void requestsAnAutomaticRemediation_onlyWhenNothingCriticalDrifted() throws Exception {
        settings = new DriftSettings(List.of(), RemediationMode.AUTO, 2);

        run(finds(StackDrift.root("billing", List.of(timeout()), List.of())), "billing", "p1");
        run(finds(StackDrift.root("app", List.of(openIngress()), List.of())), "app", "p2");

        assertThat(requested).extracting(RemediationRequests.Request::stack, RemediationRequests.Request::approvalRequired)
                .containsExactly(tuple("billing", false), tuple("app", true));
    }

    @Test
    void requestsNothing_whenModeIsNeverOrNothingDrifted() throws Exception {
        run(finds(StackDrift.root("billing", List.of(timeout()), List.of())), "billing", "p1");
        settings = new DriftSettings(List.of(), RemediationMode.AUTO, 2);
        run(finds(StackDrift.root("app", List.of(), List.of())), "app", "p2");

        assertThat(requested).isEmpty();
    }

    @Test
    void saysHowLongItTookAgainstTheBudget() throws Exception {
        WorkResult result = run(finds(StackDrift.root("app", List.of(), List.of())), "app", "p1");

        // one call at once, three more at 2/s
        assertThat(map(result.data().get("budget"))).containsEntry("callsPerSecond", 2.0).containsEntry("burst", 1L)
                .containsEntry("calls", 4)
                .containsEntry("throttledRetries", 1).containsEntry("elapsedSeconds", 3.0).containsEntry("minimumSeconds", 1.5)
                .containsEntry("waitedForBudgetSeconds", 1.5);
    }

    @Test
    void failsPermanently_whenTheStackDoesNotExist() {
        DriftDetector missing = (stack, budget) -> {
            throw new DriftDetector.StackNotFound(stack);
        };

        assertThatThrownBy(() -> run(missing, "gone", "p1"))
                .isInstanceOf(PermanentFailure.class)
                .hasMessage("stack gone does not exist");
    }

    @Test
    void letsOtherErrorsThrough_soTheRuntimeRetriesThem() {
        DriftDetector.DetectionFailed busy = new DriftDetector.DetectionFailed("drift detection failed on app: UPDATE_IN_PROGRESS");

        assertThatThrownBy(() -> run((stack, budget) -> {
            throw busy;
        }, "app", "p1")).isSameAs(busy);
        assertThat(history.checks()).isEmpty();
    }
}
