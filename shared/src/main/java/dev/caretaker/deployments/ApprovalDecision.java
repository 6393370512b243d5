package dev.caretaker.deployments;

import java.time.Instant;
import java.util.Objects;

/** A person's answer to an approval request; the first one recorded is the only one. */
public record ApprovalDecision(boolean approved, String by, String reason, Instant at) {

    public ApprovalDecision {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
    }

    public String decision() {
        return approved ? "approve" : "reject";
    }
}
