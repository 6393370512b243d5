package dev.caretaker.notify;

import dev.caretaker.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/** {@link Notifier} on an SNS topic. Email subscribers read the subject and text; programs read the JSON. */
public final class SnsNotifier implements Notifier {

    /** SNS rejects subjects over 100 characters. */
    private static final int MAX_SUBJECT = 100;

    private final SnsClient sns;
    private final String topicArn;

    public SnsNotifier(SnsClient sns, String topicArn) {
        this.sns = Objects.requireNonNull(sns, "sns");
        this.topicArn = Objects.requireNonNull(topicArn, "topicArn");
    }

    @Override
    public void send(Notification notification) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("severity", notification.severity().name());
        message.put("subject", notification.subject());
        message.put("body", notification.body());
        message.put("jobId", notification.jobId());
        message.put("facts", notification.facts());
        sns.publish(request -> request.topicArn(topicArn)
                .subject(subject(notification))
                .message(Json.write(message))
                .messageAttributes(Map.of("severity", MessageAttributeValue.builder()
                        .dataType("String").stringValue(notification.severity().name()).build())));
    }

    static String subject(Notification notification) {
        String subject = "[" + notification.severity() + "] " + notification.subject();
        // SNS subjects must be ASCII-printable without line breaks.
        subject = subject.replaceAll("[\\r\\n\\t]+", " ").replaceAll("[^\\x20-\\x7E]", "?");
        return subject.length() <= MAX_SUBJECT ? subject : subject.substring(0, MAX_SUBJECT - 1) + "~";
    }
}
