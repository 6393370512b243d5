package dev.caretaker.drift.report;

/**
 * A resource's drift status as Caretaker reports it. CloudFormation's UNSUPPORTED (a type that
 * cannot be checked) reads as NOT_CHECKED; its UNKNOWN (detection failed for this resource) is kept
 * apart until the retries are over, then reported as NOT_CHECKED with the reason and makes the
 * stack's check partial.
 */
public enum ResourceStatus {
    IN_SYNC,
    MODIFIED,
    DELETED,
    NOT_CHECKED,
    UNKNOWN;

    public boolean drifted() {
        return this == MODIFIED || this == DELETED;
    }

    /** CloudFormation's StackResourceDriftStatus; null for a value this version does not know. */
    public static ResourceStatus fromCloudFormation(String value) {
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "IN_SYNC" -> IN_SYNC;
            case "MODIFIED" -> MODIFIED;
            case "DELETED" -> DELETED;
            case "NOT_CHECKED", "UNSUPPORTED" -> NOT_CHECKED;
            case "UNKNOWN" -> UNKNOWN;
            default -> null;
        };
    }
}
