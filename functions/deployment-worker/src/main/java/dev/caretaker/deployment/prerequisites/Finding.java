package dev.caretaker.deployment.prerequisites;

/**
 * The result of one prerequisite check: what was checked, whether it passed, what was found, and —
 * for a failure — what a person does about it.
 */
public record Finding(String check, boolean passed, String message, String remedy) {

    public static Finding pass(String check, String message) {
        return new Finding(check, true, message, null);
    }

    public static Finding fail(String check, String message, String remedy) {
        return new Finding(check, false, message, remedy);
    }
}
