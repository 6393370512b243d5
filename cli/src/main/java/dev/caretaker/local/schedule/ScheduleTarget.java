package dev.caretaker.local.schedule;

/** What a schedule invokes: in the local runtime, the orchestrator's handler with the schedule's input. */
@FunctionalInterface
public interface ScheduleTarget {
    void invoke(ScheduledInvocation invocation) throws Exception;
}
