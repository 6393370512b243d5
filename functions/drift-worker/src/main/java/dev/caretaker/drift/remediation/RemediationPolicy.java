package dev.caretaker.drift.remediation;

import dev.caretaker.drift.RemediationMode;
import dev.caretaker.drift.report.DriftSeverity;
import dev.caretaker.drift.report.ExplainedResource;
import dev.caretaker.drift.report.ExplainedStack;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides remediation for one check (a root stack and its nested stacks, remediated through the
 * root: nested stacks are updated by their parent, never directly).
 *
 * <ul>
 *   <li>{@code never}: report only;</li>
 *   <li>{@code on-approval}: request a change set back to the template, approved by an operator;</li>
 *   <li>{@code auto}: the same without approval, only when every drifted resource is non-critical
 *       and holds no data, and the check saw everything; otherwise it falls back to approval.
 *       A deleted stateful resource is never remediated automatically: recreating it would
 *       bring back an empty resource, not the lost one.</li>
 * </ul>
 */
public final class RemediationPolicy {

    private RemediationPolicy() {
    }

    public static RemediationDecision decide(RemediationMode mode, List<ExplainedStack> stacks) {
        if (stacks.isEmpty()) {
            return new RemediationDecision.NotRemediated("nothing was checked");
        }
        String root = stacks.getFirst().stack();
        List<String> drifted = new ArrayList<>();
        List<String> blockers = new ArrayList<>();
        for (ExplainedStack stack : stacks) {
            for (ExplainedResource resource : stack.driftedResources()) {
                String name = stack.parent().isPresent() ? stack.stack() + "/" + resource.logicalId() : resource.logicalId();
                drifted.add(name);
                if (resource.severity() == DriftSeverity.CRITICAL) {
                    blockers.add(name + " is critical (" + resource.why() + ")");
                } else if (resource.stateful()) {
                    blockers.add(name + " holds data (" + resource.type() + ")");
                }
            }
            if (stack.partial()) {
                blockers.add(stack.stack() + " was only partly checked");
            }
        }
        if (drifted.isEmpty()) {
            return new RemediationDecision.NotRemediated("no drift to remediate");
        }
        return switch (mode) {
            case NEVER -> new RemediationDecision.NotRemediated("drift.remediation is never: report only");
            case ON_APPROVAL -> new RemediationDecision.ApprovalRequested(root, drifted,
                    "drift.remediation is on-approval: a change set back to the template waits for approval");
            case AUTO -> blockers.isEmpty()
                    ? new RemediationDecision.Automatic(root, drifted,
                            "drift.remediation is auto and every drifted resource is non-critical and holds no data")
                    : new RemediationDecision.ApprovalRequested(root, drifted,
                            "not automatic: " + String.join("; ", blockers));
        };
    }
}
