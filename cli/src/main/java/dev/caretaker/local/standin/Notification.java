package dev.caretaker.local.standin;

import java.time.Instant;

/** One SNS Publish the local topic received: what a subscriber would have been sent. */
public record Notification(String messageId, String topicArn, String subject, String message, Instant received) {
}
