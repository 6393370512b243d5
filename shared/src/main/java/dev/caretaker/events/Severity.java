package dev.caretaker.events;

/** How much a result matters to an operator; WARNING and above reach the notification channels. */
public enum Severity {
    INFO,
    WARNING,
    ERROR,
    CRITICAL;

    public boolean isAtLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    public static Severity parse(String value) {
        for (Severity severity : values()) {
            if (severity.name().equalsIgnoreCase(value)) {
                return severity;
            }
        }
        throw new IllegalArgumentException("unknown severity '" + value + "'; expected one of "
                + java.util.Arrays.toString(values()));
    }
}
