package dev.caretaker.orchestrator.deployments;

import java.util.Locale;

/**
 * An approval decision as a request states it: {@code "approve"} or {@code "reject"}, and why. A
 * rejection needs a reason: it is what the people who wait for the release read.
 */
public record Decision(boolean approve, String reason) {

    public static final String APPROVE = "approve";
    public static final String REJECT = "reject";

    /**
     * @param prefix put in front of field names in messages ({@code "approval."} for the webhook event)
     * @throws IllegalArgumentException naming the field and what it must be
     */
    public static Decision parse(String decision, String reason, String prefix) {
        String normalized = decision == null ? "" : decision.strip().toLowerCase(Locale.ROOT);
        return switch (normalized) {
            case APPROVE -> new Decision(true, reason);
            case REJECT -> {
                if (reason == null || reason.isBlank()) {
                    throw new IllegalArgumentException("missing field " + prefix + "reason: a rejection needs a reason");
                }
                yield new Decision(false, reason);
            }
            default -> throw new IllegalArgumentException("invalid field " + prefix + "decision: expected \"" + APPROVE
                    + "\" or \"" + REJECT + "\"");
        };
    }

    static Decision read(String decision, String reason, String prefix) throws RequestFields.Invalid {
        try {
            return parse(decision, reason, prefix);
        } catch (IllegalArgumentException e) {
            throw new RequestFields.Invalid(e.getMessage());
        }
    }
}
