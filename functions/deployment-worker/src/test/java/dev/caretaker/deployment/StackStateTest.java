package dev.caretaker.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

class StackStateTest {

    /** Every *_IN_PROGRESS status CloudFormation knows, taken from the SDK so a new one is covered when it appears. */
    static List<String> inProgressStatuses() {
        List<String> statuses = StackStatus.knownValues().stream().map(StackStatus::toString)
                .filter(status -> status.endsWith("_IN_PROGRESS") && !status.equals("REVIEW_IN_PROGRESS")).sorted().toList();
        assertThat(statuses).contains("CREATE_IN_PROGRESS", "UPDATE_IN_PROGRESS", "UPDATE_ROLLBACK_IN_PROGRESS",
                "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", "DELETE_IN_PROGRESS", "IMPORT_IN_PROGRESS");
        return statuses;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inProgressStatuses")
    void blocksAndSaysToWait_whenAnOperationIsRunning(String status) {
        assertThat(new StackState.Present(status).blocker())
                .isEqualTo("stack is " + status + ": wait for the running operation to finish");
    }

    /** REVIEW_IN_PROGRESS never ends by itself: waiting would be the wrong advice. */
    @Test
    void blocksAndSaysToResolveTheChangeSet_whenReviewIsInProgress() {
        assertThat(new StackState.Present("REVIEW_IN_PROGRESS").blocker())
                .startsWith("stack is REVIEW_IN_PROGRESS: a change set that would create it was never executed")
                .doesNotContain("wait");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = "UPDATE_ROLLBACK_FAILED")
    void blocksAndSaysToContinueTheRollback_whenUpdateRollbackFailed(String status) {
        assertThat(new StackState.Present(status).blocker())
                .isEqualTo("stack is UPDATE_ROLLBACK_FAILED: continue the rollback (ContinueUpdateRollback) before deploying");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ROLLBACK_COMPLETE", "ROLLBACK_FAILED", "DELETE_FAILED"})
    void blocksAndSaysToDelete_whenFailedCreationLeftAStackBehind(String status) {
        assertThat(new StackState.Present(status).blocker())
                .isEqualTo("stack is " + status + ": it must be deleted before it can be created again");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE", "IMPORT_COMPLETE",
        "IMPORT_ROLLBACK_COMPLETE"})
    void letsTheDeploymentGoAhead_whenStackIsSettled(String status) {
        assertThat(new StackState.Present(status).blocker()).isNull();
    }
}
