package dev.caretaker.orchestrator.testing;

import dev.caretaker.deployments.ApprovalDecision;
import dev.caretaker.orchestrator.deployments.WorkflowControl;

/** For tests about something else: any approval answer or stop fails the test. */
public final class UnreachableWorkflow implements WorkflowControl {

    @Override
    public Answer answerApproval(String taskToken, ApprovalDecision decision) {
        throw new AssertionError("no approval is answered in this test");
    }

    @Override
    public Answer stop(String deploymentId, String error, String cause) {
        throw new AssertionError("no deployment is stopped in this test");
    }
}
