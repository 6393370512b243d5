package dev.caretaker.work;

import java.util.Objects;

/**
 * Who a worker is on the bus: {@code caretaker.drift} with {@code DriftCheckCompleted} and
 * {@code DriftCheckFailed}, say.
 */
public record WorkerIdentity(String name, String eventSource, String completedDetailType, String failedDetailType) {

    public WorkerIdentity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(eventSource, "eventSource");
        Objects.requireNonNull(completedDetailType, "completedDetailType");
        Objects.requireNonNull(failedDetailType, "failedDetailType");
    }
}
