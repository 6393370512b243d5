package dev.caretaker.local.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caretaker.local.standin.Notification;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What SNS puts on a subscribed queue, read back as the notification it carries. */
class SnsEnvelopeTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-22T01:00:00Z");

    @Test
    void readsTheNotificationsFields_fromSnsEnvelope() {
        Notification notification = SnsEnvelope.parse("""
                {"Type" : "Notification", "MessageId" : "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324",
                 "TopicArn" : "arn:aws:sns:eu-west-1:000000000000:caretaker-local-notifications",
                 "Subject" : "[WARNING] DeploymentApprovalRequested: app", "Message" : "{\\"a\\":1}",
                 "Timestamp" : "2026-11-22T00:59:58.123Z", "SignatureVersion" : "1", "Signature" : "EXAMPLE",
                 "UnsubscribeURL" : "https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe"}
                """, "sqs-1", RECEIVED);

        assertThat(notification).isEqualTo(new Notification("22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324",
                "arn:aws:sns:eu-west-1:000000000000:caretaker-local-notifications", "[WARNING] DeploymentApprovalRequested: app",
                "{\"a\":1}", Instant.parse("2026-11-22T00:59:58.123Z")));
    }

    @Test
    void givesAnEmptySubject_whenThePublisherSetNone() {
        Notification notification = SnsEnvelope.parse("{\"Type\":\"Notification\",\"MessageId\":\"m1\",\"TopicArn\":\"t\","
                + "\"Message\":\"hello\",\"Timestamp\":\"not a time\"}", "sqs-1", RECEIVED);

        assertThat(notification.subject()).isEmpty();
        assertThat(notification.message()).isEqualTo("hello");
        assertThat(notification.received()).as("an unreadable timestamp falls back to when it was read").isEqualTo(RECEIVED);
    }

    @Test
    void keepsTheWholeBodyAsTheMessage_whenItIsNoSnsEnvelope() {
        assertThat(SnsEnvelope.parse("raw delivery text", "sqs-7", RECEIVED))
                .isEqualTo(new Notification("sqs-7", "", "", "raw delivery text", RECEIVED));
        assertThat(SnsEnvelope.parse("{\"Type\":\"SubscriptionConfirmation\",\"MessageId\":\"c1\"}", "sqs-8", RECEIVED).messageId())
                .isEqualTo("sqs-8");
    }
}
