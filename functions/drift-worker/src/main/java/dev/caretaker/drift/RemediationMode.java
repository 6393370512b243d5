package dev.caretaker.drift;

import java.util.Locale;

/** The configuration's {@code drift.remediation}: what Caretaker does about drift it finds. */
public enum RemediationMode {
    /** Report only. */
    NEVER("never"),
    /** Propose a change set back to the recorded template; an operator approves it. */
    ON_APPROVAL("on-approval"),
    /** Apply it without approval, but only for non-critical drift on resources that hold no data. */
    AUTO("auto");

    private final String configValue;

    RemediationMode(String configValue) {
        this.configValue = configValue;
    }

    public String configValue() {
        return configValue;
    }

    public static RemediationMode parse(String value) {
        String wanted = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        for (RemediationMode mode : values()) {
            if (mode.configValue.equals(wanted)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("drift remediation '" + value + "' is not one of never, on-approval, auto");
    }
}
