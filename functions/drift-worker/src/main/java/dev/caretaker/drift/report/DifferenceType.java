package dev.caretaker.drift.report;

/** How a property differs: added outside the template, removed, or changed. */
public enum DifferenceType {
    ADD,
    REMOVE,
    NOT_EQUAL;

    /** Null for a value this version does not know. */
    public static DifferenceType fromCloudFormation(String value) {
        for (DifferenceType type : values()) {
            if (type.name().equals(value)) {
                return type;
            }
        }
        return null;
    }
}
