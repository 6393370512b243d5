package dev.caretaker.notify;

import dev.caretaker.events.EventPublisher;
import dev.caretaker.events.ResultEvent;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Notifies through the Caretaker bus: the notification becomes a result event the orchestrator's
 * notify rule routes to the channels. Workers notify this way; only the orchestrator holds the
 * topic. The notification's job id is the event's idempotency key, so several functions rejecting
 * the same configuration version page people once.
 */
public final class BusNotifier implements Notifier {

    private final EventPublisher publisher;
    private final String source;
    private final String detailType;
    private final Clock clock;

    public BusNotifier(EventPublisher publisher, String source, String detailType, Clock clock) {
        this.publisher = publisher;
        this.source = source;
        this.detailType = detailType;
        this.clock = clock;
    }

    @Override
    public void send(Notification notification) {
        Map<String, Object> data = new LinkedHashMap<>(notification.facts());
        data.put("body", notification.body());
        publisher.publish(new ResultEvent(source, detailType, notification.severity(),
                notification.jobId() == null ? "notification-" + Integer.toHexString(notification.subject().hashCode()) : notification.jobId(),
                null, "*", notification.subject(), clock.instant(), data));
    }
}
