package dev.caretaker.drift.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caretaker.drift.RemediationMode;
import dev.caretaker.drift.report.DriftSeverity;
import dev.caretaker.drift.report.ExplainedResource;
import dev.caretaker.drift.report.ExplainedStack;
import dev.caretaker.drift.report.ResourceStatus;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RemediationPolicyTest {

    private static ExplainedResource resource(String id, String type, ResourceStatus status, DriftSeverity severity) {
        return new ExplainedResource(id, type, status, severity, List.of(), "because");
    }

    private static List<ExplainedStack> stack(ExplainedResource... resources) {
        return List.of(new ExplainedStack("billing", Optional.empty(), List.of(resources), List.of(), 0));
    }

    private static final ExplainedResource TIMEOUT =
            resource("Worker", "AWS::Lambda::Function", ResourceStatus.MODIFIED, DriftSeverity.WARNING);

    @Test
    void reportsOnly_whenModeIsNever() {
        assertThat(RemediationPolicy.decide(RemediationMode.NEVER, stack(TIMEOUT)))
                .isInstanceOf(RemediationDecision.NotRemediated.class);
    }

    @Test
    void doesNothing_whenThereIsNoDrift() {
        RemediationDecision decision = RemediationPolicy.decide(RemediationMode.AUTO, stack(
                resource("Renderer", "Custom::Renderer", ResourceStatus.NOT_CHECKED, DriftSeverity.INFO)));

        assertThat(decision).isEqualTo(new RemediationDecision.NotRemediated("no drift to remediate"));
    }

    @Test
    void requestsApproval_whenModeIsOnApproval_evenForHarmlessDrift() {
        assertThat(RemediationPolicy.decide(RemediationMode.ON_APPROVAL, stack(TIMEOUT)))
                .isInstanceOfSatisfying(RemediationDecision.ApprovalRequested.class, approval -> {
                    assertThat(approval.stack()).isEqualTo("billing");
                    assertThat(approval.resources()).containsExactly("Worker");
                });
    }

    @Test
    void remediatesAutomatically_whenDriftIsNonCriticalAndHoldsNoData() {
        assertThat(RemediationPolicy.decide(RemediationMode.AUTO, stack(TIMEOUT,
                resource("Topic", "AWS::SNS::Topic", ResourceStatus.DELETED, DriftSeverity.WARNING))))
                .isInstanceOfSatisfying(RemediationDecision.Automatic.class,
                        automatic -> assertThat(automatic.resources()).containsExactly("Worker", "Topic"));
    }

    @Test
    void fallsBackToApproval_whenAutoMeetsCriticalDrift() {
        RemediationDecision decision = RemediationPolicy.decide(RemediationMode.AUTO, stack(TIMEOUT,
                resource("Ingress", "AWS::EC2::SecurityGroup", ResourceStatus.MODIFIED, DriftSeverity.CRITICAL)));

        assertThat(decision).isInstanceOf(RemediationDecision.ApprovalRequested.class);
        assertThat(decision.reason()).isEqualTo("not automatic: Ingress is critical (because)");
    }

    @Test
    void neverRecreatesADeletedStatefulResourceAutomatically() {
        RemediationDecision decision = RemediationPolicy.decide(RemediationMode.AUTO, stack(
                resource("Ledger", "AWS::DynamoDB::Table", ResourceStatus.DELETED, DriftSeverity.CRITICAL)));

        assertThat(decision).isInstanceOf(RemediationDecision.ApprovalRequested.class);
        assertThat(decision.reason()).contains("Ledger is critical");
    }

    @Test
    void fallsBackToApproval_whenAutoMeetsAModifiedStatefulResource() {
        RemediationDecision decision = RemediationPolicy.decide(RemediationMode.AUTO, stack(
                resource("Bucket", "AWS::S3::Bucket", ResourceStatus.MODIFIED, DriftSeverity.WARNING)));

        assertThat(decision.reason()).isEqualTo("not automatic: Bucket holds data (AWS::S3::Bucket)");
    }

    @Test
    void fallsBackToApproval_whenTheCheckWasPartial() {
        List<ExplainedStack> partial = List.of(new ExplainedStack("billing", Optional.empty(), List.of(TIMEOUT),
                List.of("Function: Rate exceeded"), 0));

        assertThat(RemediationPolicy.decide(RemediationMode.AUTO, partial).reason()).contains("billing was only partly checked");
    }

    @Test
    void namesNestedDriftForAPerson_insteadOfRequestingARevertThroughTheRoot() {
        List<ExplainedStack> stacks = List.of(
                new ExplainedStack("billing", Optional.empty(), List.of(), List.of(), 0),
                new ExplainedStack("billing-Network-1AB", Optional.of("billing"), List.of(TIMEOUT), List.of(), 0));

        assertThat(RemediationPolicy.decide(RemediationMode.AUTO, stacks))
                .isInstanceOfSatisfying(RemediationDecision.NotRemediated.class, none -> assertThat(none.reason())
                        .isEqualTo("nothing to revert in billing itself; drift in nested stacks is not reverted through billing,"
                                + " fix it by hand: [billing-Network-1AB/Worker]"));
    }

    @Test
    void revertsTheRootsDriftOnly_andNamesTheNestedDrift_whenBothDrifted() {
        ExplainedResource queue = resource("Jobs", "AWS::SQS::Queue", ResourceStatus.MODIFIED, DriftSeverity.WARNING);
        ExplainedResource critical = resource("Sg", "AWS::EC2::SecurityGroup", ResourceStatus.MODIFIED, DriftSeverity.CRITICAL);
        List<ExplainedStack> stacks = List.of(
                new ExplainedStack("billing", Optional.empty(), List.of(TIMEOUT), List.of(), 0),
                new ExplainedStack("billing-Network-1AB", Optional.of("billing"), List.of(critical, queue), List.of(), 0));

        assertThat(RemediationPolicy.decide(RemediationMode.AUTO, stacks))
                .as("nested critical drift does not block reverting the root's harmless drift: it is not in the change set")
                .isInstanceOfSatisfying(RemediationDecision.Automatic.class, automatic -> {
                    assertThat(automatic.stack()).isEqualTo("billing");
                    assertThat(automatic.resources()).containsExactly("Worker");
                    assertThat(automatic.reason()).endsWith("fix it by hand: [billing-Network-1AB/Sg, billing-Network-1AB/Jobs]");
                });
    }
}
