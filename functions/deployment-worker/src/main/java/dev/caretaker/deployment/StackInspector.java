package dev.caretaker.deployment;

/** Port: reads a stack's current state. */
public interface StackInspector {

    StackState inspect(String stack);
}
