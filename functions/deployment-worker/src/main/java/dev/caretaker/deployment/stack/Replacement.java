package dev.caretaker.deployment.stack;

/** Whether a modification replaces the resource (a new physical resource; the old one is deleted). */
public enum Replacement {
    TRUE, CONDITIONAL, FALSE,
    /** Adds and removals carry no replacement value. */
    NOT_APPLICABLE;

    static Replacement of(String text) {
        return text == null || text.isEmpty() ? NOT_APPLICABLE : valueOf(text.toUpperCase(java.util.Locale.ROOT));
    }
}
