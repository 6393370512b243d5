package dev.caretaker.orchestrator.notify;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.events.Severity;
import dev.caretaker.json.Json;
import dev.caretaker.notify.Notification;
import dev.caretaker.notify.Notifier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Routes result events from the Caretaker bus to people. The bus rule already filters on
 * severity; checking again here keeps a misconfigured rule from paging anyone about INFO events.
 */
public final class NotificationRouter {

    private final Notifier notifier;
    private final Severity threshold;

    public NotificationRouter(Notifier notifier, Severity threshold) {
        this.notifier = Objects.requireNonNull(notifier, "notifier");
        this.threshold = Objects.requireNonNull(threshold, "threshold");
    }

    public static boolean isResultEvent(JsonNode event) {
        return event.path("source").asText().startsWith("caretaker.") && event.has("detail-type") && event.has("detail");
    }

    /** Returns whether a notification went out. */
    public boolean route(JsonNode event) {
        JsonNode detail = event.path("detail");
        Severity severity;
        try {
            severity = Severity.parse(detail.path("severity").asText("INFO"));
        } catch (IllegalArgumentException unknown) {
            severity = Severity.WARNING;
        }
        if (!severity.isAtLeast(threshold)) {
            return false;
        }
        String target = detail.path("target").asText("");
        String subject = event.path("detail-type").asText() + (target.isEmpty() || "*".equals(target) ? "" : ": " + target);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("source", event.path("source").asText());
        facts.put("account", event.path("account").asText(null));
        facts.put("region", event.path("region").asText(null));
        facts.put("time", event.path("time").asText(null));
        if (detail.has("data")) {
            facts.put("data", Json.mapper().convertValue(detail.get("data"), new TypeReference<Map<String, Object>>() { }));
        }
        notifier.send(new Notification(severity, subject, detail.path("summary").asText(""),
                detail.path("jobId").asText(null), facts));
        return true;
    }
}
