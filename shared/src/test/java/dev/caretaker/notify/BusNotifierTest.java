package dev.caretaker.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caretaker.events.ResultEvent;
import dev.caretaker.events.Severity;
import dev.caretaker.testing.RecordingEventPublisher;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BusNotifierTest {

    private final RecordingEventPublisher bus = new RecordingEventPublisher();
    private final BusNotifier notifier = new BusNotifier(bus, "caretaker.config", "ConfigurationRejected",
            Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void publishesResultEventTheNotifyRuleRoutes_keyedByTheNotificationsJobId() {
        notifier.send(new Notification(Severity.ERROR, "Configuration version 4 rejected", "2 problems", "config-rejected-4",
                Map.of("problems", 2)));

        ResultEvent event = bus.published().getFirst();
        assertThat(event.source()).isEqualTo("caretaker.config");
        assertThat(event.detailType()).isEqualTo("ConfigurationRejected");
        assertThat(event.severity()).isEqualTo(Severity.ERROR);
        assertThat(event.jobId()).isEqualTo("config-rejected-4");
        assertThat(event.summary()).isEqualTo("Configuration version 4 rejected");
        assertThat(event.data()).containsEntry("problems", 2).containsEntry("body", "2 problems");
        assertThat(event.time()).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
    }
}
