package dev.caretaker.local.support;

import dev.caretaker.local.LocalAccount;
import dev.caretaker.local.standin.Notification;
import dev.caretaker.local.standin.StandInServices;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The in-process stand-ins ({@link StandInServices}): no Docker, nothing to create. */
public final class StandInSupport implements SupportServices {

    private final StandInServices standIns;
    private final String secretId;
    private final String topicArn;

    private StandInSupport(StandInServices standIns, String secretId, String topicArn) {
        this.standIns = standIns;
        this.secretId = secretId;
        this.topicArn = topicArn;
    }

    /** Starts the stand-ins on a free loopback port, holding {@code webhookSecrets} (source → secret). */
    public static StandInSupport start(LocalAccount account, Map<String, String> webhookSecrets, Clock clock,
                                       Consumer<Notification> onNotification) {
        String secretId = account.arn("secretsmanager", "secret:" + WEBHOOK_SECRET_NAME);
        return new StandInSupport(StandInServices.start(secretId, webhookSecrets, clock, onNotification), secretId,
                account.arn("sns", TOPIC_NAME));
    }

    @Override
    public URI endpoint() {
        return standIns.endpoint();
    }

    @Override
    public String webhookSecretId() {
        return secretId;
    }

    @Override
    public String topicArn() {
        return topicArn;
    }

    @Override
    public List<Notification> notifications() {
        return standIns.notifications();
    }

    @Override
    public String description() {
        return "stand-ins for SNS, Secrets Manager and SSM on " + standIns.endpoint();
    }

    @Override
    public void close() {
        standIns.close();
    }
}
