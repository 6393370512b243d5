package dev.caretaker.drift.remediation;

import java.util.List;
import java.util.Objects;

/**
 * What to do about a stack's drift. A request names the stack to bring back to its recorded
 * template and parameters and the drifted resources that motivate it; the deployment workflow
 * carries it out (through its approval wait unless {@link Automatic}).
 */
public sealed interface RemediationDecision {

    String reason();

    /** Nothing to do, and why. */
    record NotRemediated(String reason) implements RemediationDecision {
        public NotRemediated {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** A change set back to the template, waiting for an operator's approval. */
    record ApprovalRequested(String stack, List<String> resources, String reason) implements RemediationDecision {
        public ApprovalRequested {
            Objects.requireNonNull(stack, "stack");
            resources = List.copyOf(resources);
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** A change set back to the template, applied without approval: only non-critical drift on resources without data. */
    record Automatic(String stack, List<String> resources, String reason) implements RemediationDecision {
        public Automatic {
            Objects.requireNonNull(stack, "stack");
            resources = List.copyOf(resources);
            Objects.requireNonNull(reason, "reason");
        }
    }
}
