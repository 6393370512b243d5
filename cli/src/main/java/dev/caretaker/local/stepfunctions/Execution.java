package dev.caretaker.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * One execution's record: status, history and result. The execution's own thread writes it, API
 * callers read it and may stop it, so every access holds the lock; the first terminal status wins
 * and nothing is recorded after it.
 */
final class Execution {

    private final String name;
    private final String executionArn;
    private final String stateMachineArn;
    private final JsonNode input;
    private final Instant startDate;
    private final Clock clock;
    private final List<HistoryEvent> history = new ArrayList<>();
    private final CompletableFuture<ExecutionDescription> completion = new CompletableFuture<>();

    private ExecutionStatus status = ExecutionStatus.RUNNING;
    private Instant stopDate;
    private String output;
    private String error;
    private String cause;
    private Future<?> work;

    Execution(String name, String executionArn, String stateMachineArn, JsonNode input, Clock clock) {
        this.name = name;
        this.executionArn = executionArn;
        this.stateMachineArn = stateMachineArn;
        this.input = input;
        this.clock = clock;
        this.startDate = clock.instant();
        history.add(new HistoryEvent(1, startDate, new HistoryEvent.ExecutionStarted(input.toString())));
    }

    String name() {
        return name;
    }

    String executionArn() {
        return executionArn;
    }

    JsonNode input() {
        return input;
    }

    Instant startDate() {
        return startDate;
    }

    CompletableFuture<ExecutionDescription> completion() {
        return completion;
    }

    synchronized boolean isRunning() {
        return status == ExecutionStatus.RUNNING;
    }

    synchronized void record(HistoryEvent.Details details) {
        if (status == ExecutionStatus.RUNNING) {
            append(details);
        }
    }

    synchronized List<HistoryEvent> history() {
        return List.copyOf(history);
    }

    synchronized ExecutionDescription describe() {
        return new ExecutionDescription(executionArn, stateMachineArn, name, status, startDate, stopDate,
                input.toString(), output, error, cause);
    }

    /** Remembers the task running this execution, so that a stop can interrupt it. */
    void attach(Future<?> running) {
        boolean closed;
        synchronized (this) {
            work = running;
            closed = status.isClosed();
        }
        if (closed) {
            running.cancel(true);
        }
    }

    boolean succeed(JsonNode result) {
        return close(ExecutionStatus.SUCCEEDED, result.toString(), null, null, new HistoryEvent.ExecutionSucceeded(result.toString()));
    }

    boolean fail(String failure, String reason) {
        return close(ExecutionStatus.FAILED, null, failure, reason, new HistoryEvent.ExecutionFailed(failure, reason));
    }

    boolean timeOut(String failure, String reason) {
        return close(ExecutionStatus.TIMED_OUT, null, failure, reason, new HistoryEvent.ExecutionTimedOut(failure, reason));
    }

    /** Stops the execution and interrupts its thread, wherever it waits. */
    boolean abort(String failure, String reason) {
        if (!close(ExecutionStatus.ABORTED, null, failure, reason, new HistoryEvent.ExecutionAborted(failure, reason))) {
            return false;
        }
        Future<?> running;
        synchronized (this) {
            running = work;
        }
        if (running != null) {
            running.cancel(true);
        }
        return true;
    }

    private boolean close(ExecutionStatus closing, String result, String failure, String reason, HistoryEvent.Details event) {
        ExecutionDescription closed;
        synchronized (this) {
            if (status.isClosed()) {
                return false;
            }
            append(event);
            status = closing;
            stopDate = clock.instant();
            output = result;
            error = failure;
            cause = reason;
            closed = describe();
        }
        completion.complete(closed);
        return true;
    }

    private void append(HistoryEvent.Details details) {
        history.add(new HistoryEvent(history.size() + 1, clock.instant(), details));
    }
}
