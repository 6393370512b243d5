package dev.caretaker.deployment.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caretaker.deployment.stack.StackEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTrackerTest {

    private final List<StackEvent> events = new ArrayList<>();
    private Instant clock = Instant.parse("2026-11-21T10:04:27Z");

    private ProgressTrackerTest stack(String status, String reason) {
        return event("app", StackEvent.STACK_TYPE, status, reason);
    }

    private ProgressTrackerTest resource(String logicalId, String status) {
        return event(logicalId, "AWS::SQS::Queue", status, null);
    }

    private ProgressTrackerTest resource(String logicalId, String status, String reason) {
        return event(logicalId, "AWS::DynamoDB::Table", status, reason);
    }

    private ProgressTrackerTest event(String logicalId, String type, String status, String reason) {
        clock = clock.plusSeconds(3);
        events.add(new StackEvent(logicalId + "-" + status + "-" + clock, clock, logicalId, logicalId + "-physical", type, status,
                reason, "caretaker-deploy-1-execute"));
        return this;
    }

    private DeploymentProgress progress(int total) {
        return ProgressTracker.progress("app", events, total);
    }

    @Test
    void countsDoneAndNamesCurrentResource_whileUpdating() {
        stack("UPDATE_IN_PROGRESS", "User Initiated")
                .resource("Orders", "UPDATE_IN_PROGRESS").resource("Orders", "UPDATE_COMPLETE")
                .resource("Jobs", "UPDATE_IN_PROGRESS");

        DeploymentProgress progress = progress(3);

        assertThat(progress.done()).isEqualTo(1);
        assertThat(progress.total()).isEqualTo(3);
        assertThat(progress.currentResource()).isEqualTo("Jobs");
        assertThat(progress.stackStatus()).isEqualTo("UPDATE_IN_PROGRESS");
        assertThat(progress.outcome()).isEqualTo(StackOutcome.IN_PROGRESS);
        assertThat(progress.isTerminal()).isFalse();
        assertThat(progress.firstFailure()).isNull();
    }

    @Test
    void reportsNothingYet_whenNoEventsSinceStart() {
        DeploymentProgress progress = progress(4);

        assertThat(progress).isEqualTo(new DeploymentProgress(0, 4, null, null, StackOutcome.IN_PROGRESS, null, null, List.of()));
    }

    @Test
    void staysInProgress_duringCleanupAfterSuccess() {
        stack("UPDATE_IN_PROGRESS", null).resource("Orders", "UPDATE_IN_PROGRESS").resource("Orders", "UPDATE_COMPLETE")
                .stack("UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", null).resource("Old", "DELETE_IN_PROGRESS");

        DeploymentProgress progress = progress(2);

        assertThat(progress.outcome()).isEqualTo(StackOutcome.IN_PROGRESS);
        assertThat(progress.currentResource()).isEqualTo("Old");
    }

    @Test
    void succeeds_whenStackReachesUpdateComplete() {
        stack("UPDATE_IN_PROGRESS", null).resource("Orders", "UPDATE_IN_PROGRESS").resource("Orders", "UPDATE_COMPLETE")
                .resource("Jobs", "CREATE_IN_PROGRESS").resource("Jobs", "CREATE_COMPLETE")
                .stack("UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", null).resource("Old", "DELETE_IN_PROGRESS")
                .resource("Old", "DELETE_COMPLETE").stack("UPDATE_COMPLETE", null);

        DeploymentProgress progress = progress(3);

        assertThat(progress.outcome()).isEqualTo(StackOutcome.SUCCEEDED);
        assertThat(progress.done()).isEqualTo(3);
        assertThat(progress.currentResource()).isNull();
        assertThat(progress.rollbackFailedResources()).isEmpty();
    }

    @Test
    void rollsBack_withTheFirstFailureAsReason_whenAResourceFails() {
        stack("UPDATE_IN_PROGRESS", null).resource("Orders", "UPDATE_IN_PROGRESS")
                .resource("Orders", "UPDATE_FAILED", "Resource handler returned message: \"Table already exists\"")
                .stack("UPDATE_ROLLBACK_IN_PROGRESS", "The following resource(s) failed to update: [Orders].")
                .resource("Orders", "UPDATE_IN_PROGRESS").resource("Orders", "UPDATE_COMPLETE")
                .stack("UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS", null);

        assertThat(progress(1).outcome()).isEqualTo(StackOutcome.IN_PROGRESS);

        stack("UPDATE_ROLLBACK_COMPLETE", null);
        DeploymentProgress progress = progress(1);

        assertThat(progress.outcome()).isEqualTo(StackOutcome.ROLLED_BACK);
        assertThat(progress.firstFailure()).isEqualTo("Orders UPDATE_FAILED: Resource handler returned message: \"Table already exists\"");
        assertThat(progress.rollbackFailedResources()).isEmpty();
    }

    @Test
    void listsOnlyResourcesWhoseRollbackFailed_whenStackIsUpdateRollbackFailed() {
        stack("UPDATE_IN_PROGRESS", null)
                .resource("Orders", "UPDATE_IN_PROGRESS").resource("Orders", "UPDATE_COMPLETE")
                .resource("Jobs", "UPDATE_IN_PROGRESS").resource("Jobs", "UPDATE_FAILED", "Queue limit exceeded")
                .stack("UPDATE_ROLLBACK_IN_PROGRESS", "The following resource(s) failed to update: [Jobs].")
                .resource("Orders", "UPDATE_IN_PROGRESS").resource("Orders", "UPDATE_FAILED", "Table was deleted out of band")
                .resource("Jobs", "UPDATE_IN_PROGRESS").resource("Jobs", "UPDATE_COMPLETE")
                .resource("Cache", "UPDATE_IN_PROGRESS").resource("Cache", "UPDATE_FAILED", "Throttled")
                .resource("Cache", "UPDATE_IN_PROGRESS").resource("Cache", "UPDATE_COMPLETE")
                .stack("UPDATE_ROLLBACK_FAILED", "The following resource(s) failed to update: [Orders].");

        DeploymentProgress progress = progress(3);

        assertThat(progress.outcome()).isEqualTo(StackOutcome.FAILED);
        assertThat(progress.isTerminal()).isTrue();
        assertThat(progress.rollbackFailedResources()).containsExactly("Orders");
        assertThat(progress.firstFailure()).isEqualTo("Jobs UPDATE_FAILED: Queue limit exceeded");
        assertThat(progress.stackStatusReason()).isEqualTo("The following resource(s) failed to update: [Orders].");
    }

    @Test
    void rollsBack_whenCreateFails() {
        stack("CREATE_IN_PROGRESS", "User Initiated").resource("Orders", "CREATE_IN_PROGRESS")
                .resource("Orders", "CREATE_FAILED", "Access denied").stack("ROLLBACK_IN_PROGRESS", null)
                .resource("Orders", "DELETE_IN_PROGRESS").resource("Orders", "DELETE_COMPLETE").stack("ROLLBACK_COMPLETE", null);

        DeploymentProgress progress = progress(1);

        assertThat(progress.outcome()).isEqualTo(StackOutcome.ROLLED_BACK);
        assertThat(progress.firstFailure()).isEqualTo("Orders CREATE_FAILED: Access denied");
    }

    @Test
    void countsResourcesSeen_whenTotalIsUnknown() {
        stack("UPDATE_IN_PROGRESS", null).resource("A", "UPDATE_IN_PROGRESS").resource("A", "UPDATE_COMPLETE")
                .resource("B", "UPDATE_IN_PROGRESS");

        assertThat(progress(0).total()).isEqualTo(2);
    }

    @Test
    void mapsStackStatusesToOutcomes() {
        assertThat(StackOutcome.of("CREATE_COMPLETE")).isEqualTo(StackOutcome.SUCCEEDED);
        assertThat(StackOutcome.of("IMPORT_COMPLETE")).isEqualTo(StackOutcome.SUCCEEDED);
        assertThat(StackOutcome.of("ROLLBACK_COMPLETE")).isEqualTo(StackOutcome.ROLLED_BACK);
        assertThat(StackOutcome.of("ROLLBACK_FAILED")).isEqualTo(StackOutcome.FAILED);
        assertThat(StackOutcome.of("UPDATE_ROLLBACK_IN_PROGRESS")).isEqualTo(StackOutcome.IN_PROGRESS);
        assertThat(StackOutcome.of("SOMETHING_NEW")).isEqualTo(StackOutcome.IN_PROGRESS);
    }
}
