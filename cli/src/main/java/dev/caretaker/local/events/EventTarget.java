package dev.caretaker.local.events;

/**
 * Where a rule sends a matching event: in the local runtime, a function's handler. It receives
 * the event as EventBridge hands it to Lambda, the JSON envelope with {@code detail} inside.
 */
@FunctionalInterface
public interface EventTarget {
    void deliver(String eventJson) throws Exception;
}
