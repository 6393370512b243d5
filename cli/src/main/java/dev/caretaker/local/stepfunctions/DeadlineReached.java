package dev.caretaker.local.stepfunctions;

/** The definition's TimeoutSeconds for the whole execution ran out. */
final class DeadlineReached extends Exception {

    DeadlineReached() {
        super("execution deadline reached", null, false, false);
    }
}
