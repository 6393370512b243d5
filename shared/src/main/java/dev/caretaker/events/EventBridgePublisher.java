package dev.caretaker.events;

import dev.caretaker.json.Json;
import java.util.Objects;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/** {@link EventPublisher} on a custom EventBridge bus. */
public final class EventBridgePublisher implements EventPublisher {

    private final EventBridgeClient events;
    private final String busName;

    public EventBridgePublisher(EventBridgeClient events, String busName) {
        this.events = Objects.requireNonNull(events, "events");
        this.busName = Objects.requireNonNull(busName, "busName");
    }

    @Override
    public void publish(ResultEvent event) {
        PutEventsResponse response = events.putEvents(request -> request.entries(PutEventsRequestEntry.builder()
                .eventBusName(busName)
                .source(event.source())
                .detailType(event.detailType())
                .time(event.time())
                .resources(event.jobId())
                .detail(Json.write(event.detail()))
                .build()));
        // PutEvents reports per-entry failures in a 200 response: an unchecked count would lose events silently.
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
            PutEventsResultEntry failed = response.entries().stream()
                    .filter(entry -> entry.errorCode() != null).findFirst().orElse(null);
            throw new IllegalStateException("event bus " + busName + " rejected " + event.detailType() + " for job "
                    + event.jobId() + (failed == null ? "" : ": " + failed.errorCode() + " " + failed.errorMessage()));
        }
    }
}
