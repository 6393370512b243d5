package dev.caretaker.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caretaker.events.Severity;
import dev.caretaker.job.Job;
import dev.caretaker.job.JobRequest;
import dev.caretaker.job.JobTrigger;
import dev.caretaker.job.JobType;
import dev.caretaker.work.PermanentFailure;
import dev.caretaker.work.WorkItem;
import dev.caretaker.work.WorkResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriftCheckTest {

    private static final Instant T0 = Instant.parse("2026-11-21T03:00:00Z");
    private static final Duration BUDGET = Duration.ofMinutes(4);

    private static Job job(String stack) {
        return Job.queued(new JobRequest(JobType.DRIFT_CHECK, stack, new JobTrigger.Parent("drift-parent", stack)), T0);
    }

    private static WorkResult run(DriftDetector detector, String stack) throws Exception {
        Job job = job(stack);
        return new DriftCheck(detector, BUDGET).run(new WorkItem(job.id(), JobType.DRIFT_CHECK, stack, job.correlationId(), Map.of()), job);
    }

    @Test
    void reportsInfo_whenStackIsInSync() throws Exception {
        WorkResult result = run((stack, budget) -> new DriftReport(stack, "IN_SYNC", List.of()), "app-a");

        assertThat(result.severity()).isEqualTo(Severity.INFO);
        assertThat(result.summary()).isEqualTo("app-a is IN_SYNC");
        assertThat(result.data()).containsEntry("stack", "app-a").containsEntry("stackDriftStatus", "IN_SYNC")
                .containsEntry("driftedResources", List.of());
    }

    @Test
    void reportsWarningWithDriftedResources_whenStackDrifted() throws Exception {
        WorkResult result = run((stack, budget) -> new DriftReport(stack, "DRIFTED", List.of(
                new DriftReport.DriftedResource("Bucket", "AWS::S3::Bucket", "MODIFIED", 1),
                new DriftReport.DriftedResource("AlarmTopic", "AWS::SNS::Topic", "DELETED", 0))), "app-b");

        assertThat(result.severity()).isEqualTo(Severity.WARNING);
        assertThat(result.summary()).isEqualTo("app-b has drifted: 2 resource(s) differ from the template");
        assertThat(result.data()).containsEntry("stackDriftStatus", "DRIFTED").containsEntry("driftedResources", List.of(
                Map.of("logicalId", "Bucket", "resourceType", "AWS::S3::Bucket", "driftStatus", "MODIFIED", "differences", 1),
                Map.of("logicalId", "AlarmTopic", "resourceType", "AWS::SNS::Topic", "driftStatus", "DELETED", "differences", 0)));
    }

    @Test
    void reportsInfo_whenStackWasNeverChecked() throws Exception {
        WorkResult result = run((stack, budget) -> new DriftReport(stack, "NOT_CHECKED", List.of()), "app-c");

        assertThat(result.severity()).isEqualTo(Severity.INFO);
        assertThat(result.summary()).isEqualTo("app-c is NOT_CHECKED");
    }

    @Test
    void failsPermanently_whenStackDoesNotExist() {
        DriftDetector missing = (stack, budget) -> {
            throw new DriftDetector.StackNotFound(stack);
        };

        assertThatThrownBy(() -> run(missing, "gone"))
                .isInstanceOf(PermanentFailure.class)
                .hasMessage("stack gone does not exist")
                .hasCauseInstanceOf(DriftDetector.StackNotFound.class);
    }

    @Test
    void letsOtherErrorsThrough_soTheRuntimeRetriesThem() {
        IllegalStateException timeout = new IllegalStateException("drift detection on app still running after 234 s");
        DriftDetector slow = (stack, budget) -> {
            throw timeout;
        };

        assertThatThrownBy(() -> run(slow, "app")).isSameAs(timeout);
    }

    @Test
    void asksForTheWorkItemsStackWithinItsBudget_whenRun() throws Exception {
        List<Object> asked = new ArrayList<>();

        run((stack, budget) -> {
            asked.add(stack);
            asked.add(budget);
            return new DriftReport(stack, "IN_SYNC", List.of());
        }, "app-a");

        assertThat(asked).containsExactly("app-a", BUDGET);
    }
}
