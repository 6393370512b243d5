package dev.caretaker.local.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caretaker.local.LocalClients;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sns.SnsClient;

/** The stand-ins answer the real SDK clients the functions use. */
class StandInServicesTest {

    private static final String SECRET_ID = "arn:aws:secretsmanager:eu-west-1:000000000000:secret:caretaker/local/dev/webhooks";

    private final List<Notification> seen = new CopyOnWriteArrayList<>();
    private final StandInServices services = StandInServices.start(SECRET_ID, Map.of("vendor", "s3cret"),
            Clock.fixed(Instant.parse("2026-11-22T01:00:00Z"), ZoneOffset.UTC), seen::add);

    @AfterEach
    void stop() {
        services.close();
    }

    @Test
    void recordsEachPublishAndAnswersWithItsMessageId() {
        try (SnsClient sns = LocalClients.at(services.endpoint()).build(SnsClient.builder(), "SNS")) {
            String messageId = sns.publish(p -> p.topicArn("arn:aws:sns:eu-west-1:000000000000:topic")
                    .subject("[WARNING] drift").message("billing drifted")).messageId();

            assertThat(services.notifications()).singleElement().satisfies(notification -> {
                assertThat(notification.messageId()).isEqualTo(messageId);
                assertThat(notification.subject()).isEqualTo("[WARNING] drift");
                assertThat(notification.message()).isEqualTo("billing drifted");
            });
            assertThat(seen).hasSize(1);
        }
    }

    @Test
    void givesTheWebhookSecretAsAJsonObjectBySource_andNoOtherSecret() {
        try (SecretsManagerClient secrets = LocalClients.at(services.endpoint()).build(SecretsManagerClient.builder(),
                "SECRETSMANAGER")) {
            assertThat(secrets.getSecretValue(g -> g.secretId(SECRET_ID)).secretString()).isEqualTo("{\"vendor\":\"s3cret\"}");
            assertThatThrownBy(() -> secrets.getSecretValue(g -> g.secretId("other"))).isInstanceOf(ResourceNotFoundException.class);
        }
    }
}
