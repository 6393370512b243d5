package dev.caretaker.drift.remediation;

import dev.caretaker.drift.RemediationMode;
import dev.caretaker.drift.report.DriftSeverity;
import dev.caretaker.drift.report.ExplainedResource;
import dev.caretaker.drift.report.ExplainedStack;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides remediation for one check of a root stack and its nested stacks. A remediation is a
 * drift-aware change set (REVERT_DRIFT) on the root stack, which brings the root's drifted resources
 * back to its template; drift inside nested stacks is not reverted through the parent, so it is named
 * for a person to fix, never requested.
 *
 * <ul>
 *   <li>{@code never}: report only;</li>
 *   <li>{@code on-approval}: request the revert, approved by an operator;</li>
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
        List<String> nested = new ArrayList<>();
        List<String> blockers = new ArrayList<>();
        for (ExplainedStack stack : stacks) {
            for (ExplainedResource resource : stack.driftedResources()) {
                if (stack.parent().isPresent()) {
                    nested.add(stack.stack() + "/" + resource.logicalId());
                    continue;
                }
                drifted.add(resource.logicalId());
                if (resource.severity() == DriftSeverity.CRITICAL) {
                    blockers.add(resource.logicalId() + " is critical (" + resource.why() + ")");
                } else if (resource.stateful()) {
                    blockers.add(resource.logicalId() + " holds data (" + resource.type() + ")");
                }
            }
            if (stack.partial()) {
                blockers.add(stack.stack() + " was only partly checked");
            }
        }
        String nestedNote = nested.isEmpty() ? "" : "; drift in nested stacks is not reverted through " + root
                + ", fix it by hand: " + nested;
        if (drifted.isEmpty()) {
            return new RemediationDecision.NotRemediated(nested.isEmpty() ? "no drift to remediate"
                    : "nothing to revert in " + root + " itself" + nestedNote);
        }
        return switch (mode) {
            case NEVER -> new RemediationDecision.NotRemediated("drift.remediation is never: report only");
            case ON_APPROVAL -> new RemediationDecision.ApprovalRequested(root, drifted,
                    "drift.remediation is on-approval: a change set back to the template waits for approval" + nestedNote);
            case AUTO -> blockers.isEmpty()
                    ? new RemediationDecision.Automatic(root, drifted,
                            "drift.remediation is auto and every drifted resource is non-critical and holds no data" + nestedNote)
                    : new RemediationDecision.ApprovalRequested(root, drifted,
                            "not automatic: " + String.join("; ", blockers) + nestedNote);
        };
    }
}
