package dev.caretaker.deployments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeploymentTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private static Deployment started() {
        return Deployment.started("deploy-1", "app", "1.5.0", "s3://r/m.json", "prod", false, null,
                Map.of("requestedBy", "ops"), T0);
    }

    @Test
    void clearsAnEarlierDecision_whenANewApprovalIsRequested() {
        Deployment approved = started().step(DeploymentStatus.AWAITING_APPROVAL, "approval", "waiting", T0)
                .withApprovalRequest("token-1", T0)
                .withApproval(new ApprovalDecision(true, "ana@example.com", "fine", T0.plusSeconds(60)), T0.plusSeconds(60));

        Deployment askedAgain = approved.withApprovalRequest("token-2", T0.plusSeconds(600));

        assertThat(askedAgain.approval()).as("the decision was for the earlier change").isNull();
        assertThat(askedAgain.approvalToken()).isEqualTo("token-2");
        assertThat(askedAgain.events()).anySatisfy(line -> assertThat(line).contains("approval: approve by ana@example.com: fine"));
    }

    @Test
    void keepsTheFirstTerminalStatus_whenFinishedTwice() {
        Deployment done = started().finish(DeploymentStatus.REJECTED, "rejected by ana", T0.plusSeconds(5));

        assertThat(done.finish(DeploymentStatus.FAILED, "later", T0.plusSeconds(9))).isSameAs(done);
        assertThat(done.step(DeploymentStatus.EXECUTING, "execute", "too late", T0.plusSeconds(9))).isSameAs(done);
        assertThat(done.approvalToken()).isNull();
        assertThat(done.timings()).containsKey("end");
    }

    @Test
    void refusesToFinishWithARunningStatus() {
        assertThatThrownBy(() -> started().finish(DeploymentStatus.EXECUTING, "no", T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a terminal status");
    }
}
