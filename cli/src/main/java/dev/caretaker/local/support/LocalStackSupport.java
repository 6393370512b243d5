package dev.caretaker.local.support;

import dev.caretaker.aws.AwsClientFactory;
import dev.caretaker.json.Json;
import dev.caretaker.local.standin.Notification;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * LocalStack's SNS, Secrets Manager and SSM ({@code --backend localstack}): the webhook secret is
 * created there (or given a new version), the notification topic is created there and read back
 * through an SQS queue subscribed to it, and the configuration parameter is put there by the local
 * system's SSM publisher like any other SSM client would.
 */
public final class LocalStackSupport implements SupportServices {

    private final URI endpoint;
    private final String secretArn;
    private final SnsNotificationQueue topic;

    private LocalStackSupport(URI endpoint, String secretArn, SnsNotificationQueue topic) {
        this.endpoint = endpoint;
        this.secretArn = secretArn;
        this.topic = topic;
    }

    /**
     * @param clients        SDK clients pointed at {@code endpoint}, a factory of this object's own
     * @param webhookSecrets source → secret, the secret's value
     * @param problems       told when reading the notifications fails (reading goes on)
     * @throws LocalStackRefusedException when LocalStack does not run one of the services or refuses a call
     */
    public static LocalStackSupport start(URI endpoint, AwsClientFactory clients, Map<String, String> webhookSecrets, Clock clock,
                                          Consumer<Notification> onNotification, Consumer<String> problems) {
        Objects.requireNonNull(endpoint, "endpoint");
        String secretArn = SecretsManagerWebhookSecret.store(clients, WEBHOOK_SECRET_NAME, Json.write(webhookSecrets));
        SnsNotificationQueue topic = SnsNotificationQueue.subscribe(clients, TOPIC_NAME, clock, onNotification, problems);
        return new LocalStackSupport(endpoint, secretArn, topic);
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public String webhookSecretId() {
        return secretArn;
    }

    @Override
    public String topicArn() {
        return topic.topicArn();
    }

    @Override
    public List<Notification> notifications() {
        return topic.notifications();
    }

    @Override
    public String description() {
        return "LocalStack at " + endpoint + " for SNS (topic " + topic.topicArn() + ", read back through SQS queue "
                + topic.queueName() + "), Secrets Manager (webhook secret " + secretArn + ") and SSM";
    }

    @Override
    public void close() {
        topic.close();
    }
}
