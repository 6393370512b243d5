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
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;
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

    @Test
    void keepsParameterVersions_asSsmDoes_forTheConfigurationProvider() {
        String name = "/caretaker/local/dev/config";
        services.putParameter(name, "schemaVersion: 2\n");
        try (SsmClient ssm = LocalClients.at(services.endpoint()).build(SsmClient.builder(), "SSM")) {
            long next = ssm.putParameter(p -> p.name(name).value("schemaVersion: 3\n").type(ParameterType.SECURE_STRING)
                    .overwrite(true)).version();

            assertThat(next).isEqualTo(2);
            assertThat(ssm.getParameter(g -> g.name(name).withDecryption(true)).parameter())
                    .extracting(p -> p.value(), p -> p.version()).containsExactly("schemaVersion: 3\n", 2L);
            assertThatThrownBy(() -> ssm.putParameter(p -> p.name(name).value("x").type(ParameterType.SECURE_STRING)))
                    .isInstanceOf(ParameterAlreadyExistsException.class);
            assertThatThrownBy(() -> ssm.getParameter(g -> g.name("/other"))).isInstanceOf(ParameterNotFoundException.class);
        }
    }
}
