package dev.caretaker.local.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.json.Json;
import dev.caretaker.local.standin.Notification;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * What SNS puts on a subscribed SQS queue (raw delivery off): a JSON envelope with the
 * notification's MessageId, TopicArn, Subject (absent when none was given), Message and Timestamp.
 */
final class SnsEnvelope {

    private SnsEnvelope() {
    }

    /**
     * The notification an SQS message body carries. A body that is not an SNS envelope is kept
     * whole as the message, under the SQS message id, rather than lost.
     */
    static Notification parse(String body, String sqsMessageId, Instant receivedAt) {
        JsonNode envelope;
        try {
            envelope = Json.read(body, JsonNode.class);
        } catch (RuntimeException notJson) {
            envelope = null;
        }
        if (envelope == null || !envelope.isObject() || !"Notification".equals(envelope.path("Type").asText())) {
            return new Notification(sqsMessageId, "", "", body, receivedAt);
        }
        return new Notification(envelope.path("MessageId").asText(sqsMessageId), envelope.path("TopicArn").asText(""),
                envelope.path("Subject").asText(""), envelope.path("Message").asText(""), timestamp(envelope, receivedAt));
    }

    private static Instant timestamp(JsonNode envelope, Instant fallback) {
        try {
            return envelope.hasNonNull("Timestamp") ? Instant.parse(envelope.get("Timestamp").asText()) : fallback;
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }
}
