package dev.caretaker.local.schedule;

/** A schedule that fired, and whether its target took the invocation. */
public sealed interface FiredSchedule {

    ScheduledInvocation invocation();

    record Invoked(ScheduledInvocation invocation) implements FiredSchedule {
    }

    /** The target threw. Scheduler's retry policy and dead-letter queue are not applied locally. */
    record Failed(ScheduledInvocation invocation, String error) implements FiredSchedule {
    }
}
