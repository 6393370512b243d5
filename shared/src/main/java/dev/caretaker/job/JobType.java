package dev.caretaker.job;

/** What a job does. The id prefix keeps ids readable in logs and URLs. */
public enum JobType {
    DEPLOY("deploy"),
    DRIFT_CHECK("drift"),
    COST_REPORT("cost"),
    BACKUP("backup"),
    RESTORE("restore");

    private final String idPrefix;

    JobType(String idPrefix) {
        this.idPrefix = idPrefix;
    }

    public String idPrefix() {
        return idPrefix;
    }

    /** Parses a type name case-insensitively, with a message that lists what is allowed. */
    public static JobType parse(String value) {
        for (JobType type : values()) {
            if (type.name().equalsIgnoreCase(value)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown job type '" + value + "'; expected one of "
                + java.util.Arrays.toString(values()));
    }
}
