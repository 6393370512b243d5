package dev.caretaker.deployments;

/**
 * Where a deployment stands. The running statuses follow the workflow's steps; the five terminal
 * ones are the only ways a deployment ends, each with a reason on the record.
 */
public enum DeploymentStatus {
    VERIFYING,
    WAITING_FOR_WINDOW,
    CHECKING,
    PREVIEWING,
    AWAITING_APPROVAL,
    EXECUTING,
    ROLLING_BACK,
    VERIFYING_HEALTH,
    /** The change is in place and the configured alarms stayed OK through monitoring (or there was nothing to change). */
    SUCCEEDED,
    /** The change was undone: by CloudFormation, or by deploying the last known-good release. */
    ROLLED_BACK,
    /** Refused or broken before or while applying; the reason says what to do. */
    FAILED,
    /** A person rejected it, or nobody approved it in time. */
    REJECTED,
    /** Stopped by an operator. */
    CANCELLED;

    public boolean isTerminal() {
        return ordinal() >= SUCCEEDED.ordinal();
    }

    public static DeploymentStatus parse(String value) {
        for (DeploymentStatus status : values()) {
            if (status.name().equalsIgnoreCase(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown deployment status '" + value + "'; expected one of "
                + java.util.Arrays.toString(values()));
    }
}
