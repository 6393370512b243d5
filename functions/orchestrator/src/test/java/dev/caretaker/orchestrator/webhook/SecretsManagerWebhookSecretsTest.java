package dev.caretaker.orchestrator.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static dev.caretaker.orchestrator.testing.AwsWire.JSON_1_1;
import static dev.caretaker.orchestrator.testing.AwsWire.operation;
import static dev.caretaker.orchestrator.testing.AwsWire.recorded;
import static dev.caretaker.orchestrator.testing.AwsWire.requestedOperation;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.caretaker.orchestrator.testing.AwsWire;
import dev.caretaker.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

class SecretsManagerWebhookSecretsTest {

    private static final String TARGET = "secretsmanager.GetSecretValue";
    private static final String SECRET_ID = "caretaker/webhooks";

    private static WireMockServer wire;
    private static SecretsManagerClient client;

    private final SecretsManagerWebhookSecrets secrets = new SecretsManagerWebhookSecrets(client, SECRET_ID);

    @BeforeAll
    static void startWire() {
        wire = AwsWire.start();
        client = AwsWire.client(SecretsManagerClient.builder(), wire);
    }

    @AfterAll
    static void stopWire() {
        client.close();
        wire.stop();
    }

    @BeforeEach
    void reset() {
        wire.resetAll();
    }

    private void answer(int status, String resource) {
        wire.stubFor(operation(TARGET).willReturn(recorded(status, JSON_1_1, resource)));
    }

    @Test
    void readsOneSecret_whenSourceMapsToAString() {
        answer(200, "secretsmanager/GetSecretValue.json");

        assertThat(secrets.secretsFor("caretaker"))
                .isEqualTo(new SecretLookup.Found(List.of("caretaker-local-webhook-secret")));
        wire.verify(1, requestedOperation(TARGET)
                .withHeader("Content-Type", containing(JSON_1_1))
                .withHeader("Authorization", containing("/secretsmanager/aws4_request"))
                .withRequestBody(equalToJson("{\"SecretId\": \"caretaker/webhooks\"}")));
    }

    @Test
    void readsEverySecret_whenSourceMapsToAListDuringRotation() {
        answer(200, "secretsmanager/GetSecretValue.json");

        assertThat(secrets.secretsFor("github"))
                .isEqualTo(new SecretLookup.Found(List.of("github-old-secret", "github-new-secret")));
    }

    @Test
    void reportsUnknownSource_whenSecretHasNoEntryOrOnlyABlankOne() {
        answer(200, "secretsmanager/GetSecretValue.json");

        assertThat(secrets.secretsFor("gitlab")).isInstanceOf(SecretLookup.UnknownSource.class);
        assertThat(secrets.secretsFor("blank")).isInstanceOf(SecretLookup.UnknownSource.class);
    }

    @Test
    void reportsMisconfiguredWithoutQuotingIt_whenSecretStringIsNotAJsonObject() {
        answer(200, "secretsmanager/GetSecretValue-not-json.json");

        SecretLookup lookup = secrets.secretsFor("caretaker");

        assertThat(lookup).isInstanceOf(SecretLookup.Misconfigured.class);
        assertThat(((SecretLookup.Misconfigured) lookup).reason())
                .contains(SECRET_ID).doesNotContain("plain-text-secret-value");
    }

    @Test
    void reportsMisconfigured_whenSecretDoesNotExistOrAccessIsDenied() {
        answer(400, "secretsmanager/ResourceNotFoundException.json");
        assertThat(secrets.secretsFor("caretaker"))
                .isEqualTo(new SecretLookup.Misconfigured("secret caretaker/webhooks does not exist"));

        wire.resetAll();
        answer(400, "secretsmanager/AccessDeniedException.json");
        assertThat(secrets.secretsFor("caretaker")).isEqualTo(new SecretLookup.Misconfigured(
                "Secrets Manager GetSecretValue on caretaker/webhooks failed: AccessDeniedException"));
    }

    @Test
    void reportsUnavailable_whenThrottled() {
        answer(400, "secretsmanager/ThrottlingException.json");

        assertThat(secrets.secretsFor("caretaker")).isEqualTo(new SecretLookup.Unavailable(
                "Secrets Manager GetSecretValue on caretaker/webhooks failed: ThrottlingException"));
        wire.verify(1, requestedOperation(TARGET));
    }

    @Test
    void makesNoRequest_whenCachedLookupIsWithinTtl_andRefetches_whenTtlHasPassed() {
        answer(200, "secretsmanager/GetSecretValue.json");
        MutableClock clock = new MutableClock(Instant.parse("2026-11-21T03:00:00Z"));
        CachingWebhookSecrets cached = new CachingWebhookSecrets(secrets, Duration.ofMinutes(5), clock);

        cached.secretsFor("caretaker");
        clock.advance(Duration.ofMinutes(4));
        cached.secretsFor("caretaker");
        wire.verify(1, requestedOperation(TARGET));

        clock.advance(Duration.ofMinutes(1));
        assertThat(cached.secretsFor("caretaker")).isInstanceOf(SecretLookup.Found.class);
        wire.verify(2, requestedOperation(TARGET).withHeader("X-Amz-Target", equalTo(TARGET)));
    }
}
