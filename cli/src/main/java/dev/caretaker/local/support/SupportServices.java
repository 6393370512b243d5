package dev.caretaker.local.support;

import dev.caretaker.local.standin.Notification;
import java.net.URI;
import java.util.List;

/**
 * SNS, Secrets Manager and SSM for the local functions, answering on one endpoint: the webhook
 * secret is there, the notification topic exists, the configuration parameter can be put, and what
 * the topic was sent can be read back.
 */
public sealed interface SupportServices extends AutoCloseable permits StandInSupport, LocalStackSupport {

    /** The secret's name, as the deployed stack names it for the dev environment. */
    String WEBHOOK_SECRET_NAME = "caretaker/local/dev/webhooks";
    String TOPIC_NAME = "caretaker-local-notifications";

    /** Where SNS, Secrets Manager and SSM answer: the functions' {@code AWS_ENDPOINT_URL_SNS}, {@code _SECRETSMANAGER}, {@code _SSM}. */
    URI endpoint();

    /** The webhook secret's ARN, what the template's Ref gives: the orchestrator's WEBHOOK_SECRET_ID. */
    String webhookSecretId();

    /** The notification topic's ARN: the functions' NOTIFICATION_TOPIC_ARN. */
    String topicArn();

    /** Every notification the topic delivered so far, oldest first, each once. */
    List<Notification> notifications();

    /** One line for the progress output: what answers, and where. */
    String description();

    @Override
    void close();
}
