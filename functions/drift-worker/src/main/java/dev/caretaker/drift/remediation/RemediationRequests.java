package dev.caretaker.drift.remediation;

import java.util.List;
import java.util.Objects;

/**
 * Port: where a drift check hands a remediation over. The deployment workflow carries it out, as a
 * drift-aware change set back to the template the stack runs; a check repeated by SQS asks again,
 * and the orchestrator makes one deployment of one check's request however often it arrives.
 */
@FunctionalInterface
public interface RemediationRequests {

    /** For checks whose decisions are only recorded (tests, tools). */
    RemediationRequests NONE = request -> { };

    void request(Request request);

    /**
     * @param checkJobId       the drift check that found the drift
     * @param approvalRequired whether a person approves the revert (on-approval, or auto that would not act alone)
     * @param resources        the drifted resources, nested ones as {@code nested-stack/LogicalId}
     */
    record Request(String checkJobId, String correlationId, String stack, boolean approvalRequired, List<String> resources,
                   String reason) {
        public Request {
            Objects.requireNonNull(checkJobId, "checkJobId");
            Objects.requireNonNull(stack, "stack");
            resources = List.copyOf(resources);
            Objects.requireNonNull(reason, "reason");
        }
    }
}
