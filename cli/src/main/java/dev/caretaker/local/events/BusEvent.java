package dev.caretaker.local.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One event the local bus accepted, for the demo report: its envelope fields, the rules it
 * matched and what became of each delivery (as of when the log was read).
 */
public record BusEvent(String id, String busName, String source, String detailType, String detail, Instant time,
                       List<Delivery> deliveries) {

    public BusEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(busName, "busName");
        deliveries = List.copyOf(deliveries);
    }
}
